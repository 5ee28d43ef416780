package io.github.discordoauth2.test;

import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.InstanceOfAssertFactories.LIST;

/**
 * Guild roles and the roles members hold, as an application that gates pages on them sees
 * them, and changes to both while the application runs.
 */
class GuildRolesTests {

	private static final String API = "/api/v10";

	private static final String MEMBER = API + "/users/@me/guilds/" + DemoData.MEMBER_GUILD_ID + "/member";

	private static final String MODERATOR = Long.toString(DemoData.MODERATOR_ROLE_ID);

	/** {@code @everyone}'s default bits plus Moderator's. */
	private static final String MODERATOR_TOTAL = new BigInteger(FakeRole.DEFAULT_EVERYONE_PERMISSIONS)
		.or(new BigInteger(DemoData.MODERATOR_PERMISSIONS))
		.toString();

	private static final String ALL = "2251799813685247";

	// Per test: every test changes the guilds.
	@RegisterExtension
	FakeDiscordExtension discord = FakeDiscordExtension.withDemoData();

	private Http http() {
		return new Http(this.discord.baseUrl());
	}

	private String bearer(long userId, String... scopes) {
		return "Bearer " + this.discord.fake().createToken(userId, Set.of(scopes)).accessToken();
	}

	private Map<String, Object> guild(String bearer, long guildId) {
		return http().get(API + "/users/@me/guilds", bearer)
			.list()
			.stream()
			.filter(g -> g.get("id").equals(Long.toString(guildId)))
			.findFirst()
			.orElseThrow();
	}

	@Test
	void theDemoServerHasAModeratorAMemberWithoutTheRoleAndAnOutsider() {
		Http h = http();
		assertThat(h.get(MEMBER, bearer(DemoData.USER_ID, "guilds.members.read")).map()).containsEntry("roles",
				List.of(MODERATOR));
		assertThat(h.get(MEMBER, bearer(DemoData.MEMBER_USER_ID, "guilds.members.read")).map()).containsEntry("roles",
				List.of(Long.toString(DemoData.REGULAR_ROLE_ID)));
		Http.Answer outsider = h.get(MEMBER, bearer(DemoData.OUTSIDER_USER_ID, "guilds.members.read"));
		assertThat(outsider.status()).isEqualTo(404);
		assertThat(outsider.map()).containsEntry("code", 10004).containsEntry("message", "Unknown Guild");
		assertThat(h.get(API + "/users/@me/guilds", bearer(DemoData.OUTSIDER_USER_ID, "guilds")).list()).isEmpty();
		// Without guilds.members.read the token is under-scoped: Discord's 401 (rule R8).
		Http.Answer underScoped = h.get(MEMBER, bearer(DemoData.USER_ID, "guilds", "identify"));
		assertThat(underScoped.status()).isEqualTo(401);
		assertThat(underScoped.map()).containsEntry("code", 0);
		assertThat(this.discord.fake().guild(DemoData.MEMBER_GUILD_ID).roles()).extracting(FakeRole::name)
			.containsExactly("@everyone", DemoData.REGULAR_ROLE_NAME, DemoData.MODERATOR_ROLE_NAME);
	}

	@Test
	void guildPermissionsAreEveryonesAndTheRolesOwnersAndAdministratorsHaveAll() {
		String demo = bearer(DemoData.USER_ID, "guilds");
		assertThat(guild(demo, DemoData.OWNED_GUILD_ID)).containsEntry("owner", true).containsEntry("permissions", ALL);
		assertThat(guild(demo, DemoData.MEMBER_GUILD_ID)).containsEntry("owner", false)
			.containsEntry("permissions", MODERATOR_TOTAL);
		// Regular adds no bit: @everyone's only.
		assertThat(guild(bearer(DemoData.MEMBER_USER_ID, "guilds"), DemoData.MEMBER_GUILD_ID))
			.containsEntry("permissions", FakeRole.DEFAULT_EVERYONE_PERMISSIONS);
		GuildHandle guild = this.discord.fake().guild(DemoData.MEMBER_GUILD_ID);
		guild.putRole(FakeRole.of(1100000000000000310L, "Admin", "8", 3));
		guild.member(DemoData.MEMBER_USER_ID).grantRole(1100000000000000310L);
		assertThat(guild(bearer(DemoData.MEMBER_USER_ID, "guilds"), DemoData.MEMBER_GUILD_ID))
			.containsEntry("permissions", ALL);
		// @everyone's bits come from the guild's @everyone role.
		guild.putRole(FakeRole.everyone(DemoData.MEMBER_GUILD_ID, "1024"));
		assertThat(guild.member(DemoData.USER_ID).permissions())
			.isEqualTo(new BigInteger(DemoData.MODERATOR_PERMISSIONS).or(BigInteger.valueOf(1024)).toString());
	}

	@Test
	void grantingAndRevokingARoleShowsOnTheNextCallWithTheSameToken() {
		String token = bearer(DemoData.USER_ID, "guilds", "guilds.members.read");
		MemberHandle demo = this.discord.fake().guild(DemoData.MEMBER_GUILD_ID).member(DemoData.USER_ID);
		demo.revokeRole(DemoData.MODERATOR_ROLE_ID);
		assertThat(http().get(MEMBER, token).map()).containsEntry("roles", List.of());
		assertThat(guild(token, DemoData.MEMBER_GUILD_ID)).containsEntry("permissions",
				FakeRole.DEFAULT_EVERYONE_PERMISSIONS);
		demo.grantRole(DemoData.MODERATOR_ROLE_ID).grantRole(DemoData.MODERATOR_ROLE_ID);
		assertThat(http().get(MEMBER, token).map()).containsEntry("roles", List.of(MODERATOR));
		assertThat(demo.roles()).containsExactly(DemoData.MODERATOR_ROLE_ID);
		assertThat(this.discord.fake().member(DemoData.MEMBER_GUILD_ID, DemoData.USER_ID)).get()
			.satisfies(m -> assertThat(m.nick()).isEqualTo(DemoData.MEMBER_GUILD_NICK));
	}

	@Test
	void removingAndAddingAMemberShowsOnTheNextCall() {
		String token = bearer(DemoData.USER_ID, "guilds", "guilds.members.read");
		GuildHandle guild = this.discord.fake().guild(DemoData.MEMBER_GUILD_ID);
		assertThat(guild.removeMember(DemoData.USER_ID)).isTrue();
		assertThat(guild.removeMember(DemoData.USER_ID)).isFalse();
		assertThat(http().get(MEMBER, token).map()).containsEntry("code", 10004);
		assertThat(http().get(API + "/users/@me/guilds", token).list()).extracting(g -> g.get("id"))
			.containsExactly(Long.toString(DemoData.OWNED_GUILD_ID));
		MemberHandle back = guild.addMember(DemoData.USER_ID);
		assertThat(back.isMember()).isTrue();
		assertThat(http().get(MEMBER, token).map()).containsEntry("roles", List.of()).containsEntry("nick", null);
		assertThat(guild.memberIds()).contains(DemoData.USER_ID, DemoData.MEMBER_USER_ID, DemoData.OTHER_USER_ID);
		// Adding a member again changes nothing.
		back.grantRole(DemoData.REGULAR_ROLE_ID);
		guild.addMember(DemoData.USER_ID);
		assertThat(back.roles()).containsExactly(DemoData.REGULAR_ROLE_ID);
	}

	@Test
	void deletingARoleTakesItFromEveryMember() {
		GuildHandle guild = this.discord.fake().guild(DemoData.MEMBER_GUILD_ID);
		assertThat(guild.deleteRole(DemoData.MODERATOR_ROLE_ID)).isTrue();
		assertThat(guild.deleteRole(DemoData.MODERATOR_ROLE_ID)).isFalse();
		assertThat(guild.member(DemoData.USER_ID).roles()).isEmpty();
		assertThat(guild.roles()).extracting(FakeRole::id).doesNotContain(DemoData.MODERATOR_ROLE_ID);
	}

	@Test
	void theBotReadsTheRolesOfAGuildItIsIn() {
		Http h = http();
		String bot = "Bot " + DemoData.BOT_TOKEN;
		this.discord.fake().guild(DemoData.OWNED_GUILD_ID).putRole(FakeRole.of(1100000000000000320L, "Helper", "0", 1));
		List<Map<String, Object>> roles = h.get(API + "/guilds/" + DemoData.OWNED_GUILD_ID + "/roles", bot).list();
		assertThat(roles).extracting(r -> r.get("name")).containsExactly("@everyone", "Helper");
		assertThat(roles.get(0)).containsEntry("id", Long.toString(DemoData.OWNED_GUILD_ID))
			.containsEntry("permissions", FakeRole.DEFAULT_EVERYONE_PERMISSIONS)
			.containsEntry("position", 0)
			.containsKeys("color", "hoist", "managed", "mentionable");
		// The bot is not in MEMBER_GUILD_ID.
		assertThat(h.get(API + "/guilds/" + DemoData.MEMBER_GUILD_ID + "/roles", bot).map()).containsEntry("code",
				50001);
		assertThat(h.get(API + "/guilds/42/roles", bot).map()).containsEntry("code", 10004);
		assertThat(h.get(API + "/guilds/" + DemoData.OWNED_GUILD_ID + "/roles", bearer(DemoData.USER_ID, "guilds"))
			.status()).isEqualTo(401);
	}

	@Test
	void mistakesAreNamedWithTheFix() {
		FakeDiscord fake = this.discord.fake();
		GuildHandle guild = fake.guild(DemoData.MEMBER_GUILD_ID);
		assertThatIllegalArgumentException().isThrownBy(() -> fake.guild(42L)).withMessageContaining("guild 42");
		assertThatIllegalArgumentException().isThrownBy(() -> guild.member(42L)).withMessageContaining("userId 42");
		assertThatIllegalArgumentException().isThrownBy(() -> guild.member(DemoData.USER_ID).grantRole(99L))
			.withMessageContaining(DemoData.MODERATOR_ROLE_NAME)
			.withMessageContaining("putRole");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> guild.member(DemoData.USER_ID).grantRole(DemoData.MEMBER_GUILD_ID))
			.withMessageContaining("no role");
		assertThatIllegalStateException()
			.isThrownBy(() -> guild.member(DemoData.OUTSIDER_USER_ID).grantRole(DemoData.REGULAR_ROLE_ID))
			.withMessageContaining("addMember");
		assertThatIllegalArgumentException().isThrownBy(() -> guild.removeMember(DemoData.OTHER_USER_ID))
			.withMessageContaining("owns");
		assertThatIllegalArgumentException().isThrownBy(() -> guild.deleteRole(DemoData.MEMBER_GUILD_ID))
			.withMessageContaining("@everyone");
		assertThatIllegalArgumentException().isThrownBy(() -> FakeRole.of(1L, "x", "-1", 1))
			.withMessageContaining("permissions");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> FakeDiscord.builder()
				.demoData()
				.member(new FakeMember(DemoData.JOIN_GUILD_ID, DemoData.USER_ID, null, List.of(7L), Instant.EPOCH,
						false, false))
				.start())
			.withMessageContaining("role 7")
			.withMessageContaining(".role(");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> FakeDiscord.builder().role(5L, FakeRole.of(6L, "x", "0", 1)).start())
			.withMessageContaining("role(guildId=5)");
	}

	@Test
	void theAdminDoorChangesMembersAndRolesOverHttp() {
		Http h = http();
		String base = "/_fake/guilds/" + DemoData.MEMBER_GUILD_ID + "/members/";
		String token = bearer(DemoData.USER_ID, "guilds.members.read");
		assertThat(h.send("DELETE", base + DemoData.USER_ID + "/roles/" + MODERATOR, null, null, null).status())
			.isEqualTo(204);
		assertThat(h.get(MEMBER, token).map()).containsEntry("roles", List.of());
		assertThat(h.send("PUT", base + DemoData.USER_ID + "/roles/" + MODERATOR, null, null, null).status())
			.isEqualTo(204);
		assertThat(h.get(MEMBER, token).map()).containsEntry("roles", List.of(MODERATOR));
		assertThat(h.get(base + DemoData.USER_ID, null).map()).containsEntry("roles", List.of(MODERATOR))
			.containsEntry("permissions", MODERATOR_TOTAL);

		assertThat(h.send("DELETE", base + DemoData.USER_ID, null, null, null).status()).isEqualTo(204);
		assertThat(h.get(MEMBER, token).status()).isEqualTo(404);
		assertThat(h.send("DELETE", base + DemoData.USER_ID, null, null, null).status()).isEqualTo(404);
		Http.Answer joined = h.send("PUT", base + DemoData.OUTSIDER_USER_ID, null, null, null);
		assertThat(joined.status()).isEqualTo(201);
		assertThat(joined.map()).containsEntry("user_id", Long.toString(DemoData.OUTSIDER_USER_ID));
		assertThat(h.send("PUT", base + DemoData.OUTSIDER_USER_ID, null, null, null).status()).isEqualTo(204);
		assertThat(h.get("/_fake/guilds/" + DemoData.MEMBER_GUILD_ID, null).map()).extractingByKey("members")
			.asInstanceOf(LIST)
			.hasSize(3);

		assertThat(h.get("/_fake/guilds/42", null).status()).isEqualTo(404);
		assertThat(h.send("PUT", base + "42", null, null, null).status()).isEqualTo(404);
		assertThat(h.send("PUT", base + DemoData.OUTSIDER_USER_ID + "/roles/99", null, null, null).status())
			.isEqualTo(400);
		assertThat(h.send("PUT", base + DemoData.USER_ID + "/roles/" + MODERATOR, null, null, null).map())
			.containsKey("message");
		assertThat(h.send("PUT", base + DemoData.USER_ID + "/roles/" + MODERATOR, null, null, null).status())
			.isEqualTo(409);
		assertThat(h.send("POST", base + DemoData.OUTSIDER_USER_ID, null, null, null).status()).isEqualTo(405);
		assertThat(h.get("/_fake/nothing", null).status()).isEqualTo(404);
		assertThat(h.get("/_fake/guilds/abc", null).status()).isEqualTo(400);
	}

}
