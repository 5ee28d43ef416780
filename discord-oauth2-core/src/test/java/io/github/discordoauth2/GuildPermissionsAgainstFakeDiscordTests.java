package io.github.discordoauth2;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import io.github.discordoauth2.model.GuildMember;
import io.github.discordoauth2.model.PartialGuild;
import io.github.discordoauth2.model.Permission;
import io.github.discordoauth2.model.Permissions;
import io.github.discordoauth2.test.DemoData;
import io.github.discordoauth2.test.FakeDiscordExtension;
import io.github.discordoauth2.test.FakeGuild;
import io.github.discordoauth2.test.FakeMember;
import io.github.discordoauth2.test.FakeRole;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A user's permissions in their guilds, read from FakeDiscord; and the recipe of the
 * core's guide, "the guilds where the user may Manage Server". The reactive road reads
 * the same in {@link ReactiveCoreAgainstFakeDiscordTests}.
 */
class GuildPermissionsAgainstFakeDiscordTests {

	private static final long MANAGED_GUILD_ID = 1100000000000000300L;

	private static final long ADMINISTERED_GUILD_ID = 1100000000000000301L;

	private static final long MODERATED_GUILD_ID = 1100000000000000302L;

	private static final long MODERATOR_ROLE_ID = 1100000000000000400L;

	private static final long MANAGER_ROLE_ID = 1100000000000000401L;

	private static final long ADMIN_ROLE_ID = 1100000000000000402L;

	private static final Instant JOINED = Instant.parse("2024-01-01T00:00:00Z");

	// Each guild's @everyone has no permission, so a member's permissions are exactly its
	// roles'.
	@RegisterExtension
	FakeDiscordExtension discord = FakeDiscordExtension
		.configure(
				(b) -> b.demoData()
					.guild(FakeGuild.of(MANAGED_GUILD_ID, "Managed", DemoData.OTHER_USER_ID))
					.role(MANAGED_GUILD_ID, FakeRole.everyone(MANAGED_GUILD_ID, "0"))
					.role(MANAGED_GUILD_ID, FakeRole.of(MANAGER_ROLE_ID, "Manager",
							Permissions.of(Permission.VIEW_CHANNEL, Permission.MANAGE_GUILD).value().toString(), 1))
					.member(member(MANAGED_GUILD_ID, List.of(MANAGER_ROLE_ID)))
					.guild(FakeGuild.of(ADMINISTERED_GUILD_ID, "Administered", DemoData.OTHER_USER_ID))
					.role(ADMINISTERED_GUILD_ID, FakeRole.everyone(ADMINISTERED_GUILD_ID, "0"))
					.role(ADMINISTERED_GUILD_ID,
							FakeRole.of(ADMIN_ROLE_ID, "Admin",
									Permissions.of(Permission.ADMINISTRATOR).value().toString(), 1))
					.member(member(ADMINISTERED_GUILD_ID, List.of(ADMIN_ROLE_ID)))
					.guild(FakeGuild.of(MODERATED_GUILD_ID, "Moderated", DemoData.OTHER_USER_ID))
					.role(MODERATED_GUILD_ID, FakeRole.everyone(MODERATED_GUILD_ID, "0"))
					.role(MODERATED_GUILD_ID, FakeRole.of(MODERATOR_ROLE_ID, "Moderator",
							Permissions.of(Permission.VIEW_CHANNEL, Permission.KICK_MEMBERS, Permission.BAN_MEMBERS)
								.value()
								.toString(),
							1))
					.member(member(MODERATED_GUILD_ID, List.of(MODERATOR_ROLE_ID))));

	private Client client;

	private String accessToken;

	private static FakeMember member(long guildId, List<Long> roles) {
		return new FakeMember(guildId, DemoData.USER_ID, null, roles, JOINED, false, false);
	}

	@BeforeEach
	void setUp() {
		this.client = Client.builder()
			.clientId(DemoData.APPLICATION_ID)
			.clientSecret(DemoData.CLIENT_SECRET)
			.baseUrl(this.discord.fake().baseUrl())
			.build();
		this.accessToken = this.discord.fake()
			.createToken(DemoData.USER_ID, Set.of("identify", "guilds", "guilds.members.read"))
			.accessToken();
	}

	@Test
	void eachGuildCarriesTheUsersPermissionsThere() {
		List<PartialGuild> guilds = this.client.fromAccessToken(this.accessToken).fetchGuilds();
		PartialGuild moderated = guild(guilds, MODERATED_GUILD_ID);
		assertThat(moderated.permissions().toSet()).containsExactlyInAnyOrder(Permission.VIEW_CHANNEL,
				Permission.KICK_MEMBERS, Permission.BAN_MEMBERS);
		assertThat(moderated.hasPermission(Permission.BAN_MEMBERS)).isTrue();
		assertThat(moderated.hasPermission(Permission.MANAGE_GUILD)).isFalse();
		PartialGuild administered = guild(guilds, ADMINISTERED_GUILD_ID);
		// Discord computes every bit for an administrator; has() would grant them anyway.
		assertThat(administered.permissions().contains(Permission.ADMINISTRATOR)).isTrue();
		assertThat(administered.hasPermission(Permission.MANAGE_ROLES)).isTrue();
		PartialGuild owned = guild(guilds, DemoData.OWNED_GUILD_ID);
		assertThat(owned.owner()).isTrue();
		assertThat(owned.hasPermission(Permission.MANAGE_GUILD)).isTrue();
	}

	@Test
	void theGuildsWhereTheUserMayManageServerAreTheOwnedManagedAndAdministeredOnes() {
		// The recipe of docs/core.md, as written there.
		List<PartialGuild> manageable = this.client.fromAccessToken(this.accessToken)
			.fetchGuilds()
			.stream()
			.filter((guild) -> guild.hasPermission(Permission.MANAGE_GUILD))
			.toList();
		assertThat(manageable).extracting(PartialGuild::id)
			.containsExactlyInAnyOrder(DemoData.OWNED_GUILD_ID, MANAGED_GUILD_ID, ADMINISTERED_GUILD_ID);
	}

	@Test
	void theMemberOfAGuildNamesItsRoles() {
		GuildMember member = this.client.fromAccessToken(this.accessToken).fetchGuildMember(MODERATED_GUILD_ID);
		assertThat(member.roles()).containsExactly(MODERATOR_ROLE_ID);
	}

	private static PartialGuild guild(List<PartialGuild> guilds, long id) {
		return guilds.stream().filter((guild) -> guild.id() == id).findFirst().orElseThrow();
	}

}
