package io.github.discordoauth2;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import io.github.discordoauth2.model.AuthorizationInfo;
import io.github.discordoauth2.model.Connection;
import io.github.discordoauth2.model.GuildMember;
import io.github.discordoauth2.model.PartialGuild;
import io.github.discordoauth2.model.Permission;
import io.github.discordoauth2.model.Permissions;
import io.github.discordoauth2.model.Role;
import io.github.discordoauth2.model.RoleConnection;
import io.github.discordoauth2.model.RoleConnectionMetadata;
import io.github.discordoauth2.model.RoleConnectionMetadataType;
import io.github.discordoauth2.model.User;
import io.github.discordoauth2.model.Webhook;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ModelJsonTests {

	private static byte[] json(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	@Test
	void userReadsSnowflakeStringsSnakeCaseAndIgnoresUnknownFields() {
		User user = DiscordJson.read(json("""
				{"id":"80351110224678912","username":"nelly","discriminator":"0","global_name":"Nelly",
				 "avatar":"8342729096ea3675442027381ff50dfe","mfa_enabled":true,"locale":"en-US","verified":true,
				 "email":"nelly@discord.com","flags":64,"premium_type":1,"public_flags":64,"new_field":{"x":1},
				 "avatar_decoration_data":null}"""), User.class);
		assertThat(user.id()).isEqualTo(80351110224678912L);
		assertThat(user.globalName()).isEqualTo("Nelly");
		assertThat(user.displayName()).isEqualTo("Nelly");
		assertThat(user.mfaEnabled()).isTrue();
		assertThat(user.premiumType()).isEqualTo(1);
		assertThat(user.avatarUrl())
			.isEqualTo("https://cdn.discordapp.com/avatars/80351110224678912/8342729096ea3675442027381ff50dfe.png");
		assertThat(user.bannerUrl()).isNull();
	}

	@Test
	void defaultAvatarFollowsDiscordsRule() {
		User migrated = new User(80351110224678912L, "nelly");
		assertThat(migrated.avatarUrl())
			.isEqualTo("https://cdn.discordapp.com/embed/avatars/" + ((80351110224678912L >>> 22) % 6) + ".png");
		User legacy = new User(1L, "old", "1337", null, null, null, null, null, null, null, null, null, null, null,
				null, null);
		assertThat(legacy.avatarUrl()).isEqualTo("https://cdn.discordapp.com/embed/avatars/2.png");
		User animated = new User(5L, "a", "0", null, "a_abc", null, null, null, "a_def", null, null, null, null, null,
				null, null);
		assertThat(animated.avatarUrl()).endsWith("/avatars/5/a_abc.gif");
		assertThat(animated.bannerUrl()).isEqualTo("https://cdn.discordapp.com/banners/5/a_def.gif");
	}

	@Test
	void guildPermissionsAreReadWholeFromDiscordsStringsOrNumbers() {
		List<PartialGuild> guilds = DiscordJson.readList(json("""
				[{"id":"1200000000000000002","name":"Big","icon":"abc","owner":false,
				  "permissions":"556302458433","features":["COMMUNITY"],"approximate_member_count":3},
				 {"id":"1200000000000000003","name":"Max","icon":null,"owner":true,"permissions":"9223372036854775807"},
				 {"id":"1200000000000000004","name":"Future","owner":false,"permissions":"36893488147419103264"},
				 {"id":"1200000000000000005","name":"Number","owner":false,"permissions":32},
				 {"id":"1200000000000000006","name":"Absent","owner":false}]
				"""), PartialGuild.class);
		assertThat(guilds.get(0).permissions()).isEqualTo(Permissions.valueOf(556302458433L));
		assertThat(guilds.get(0).iconUrl()).isEqualTo("https://cdn.discordapp.com/icons/1200000000000000002/abc.png");
		assertThat(guilds.get(0).approximateMemberCount()).isEqualTo(3);
		assertThat(guilds.get(0).hasPermission(Permission.CREATE_INSTANT_INVITE)).isTrue();
		assertThat(guilds.get(0).hasPermission(Permission.MANAGE_GUILD)).isFalse();
		assertThat(guilds.get(1).permissions()).isEqualTo(Permissions.valueOf(Long.MAX_VALUE));
		assertThat(guilds.get(1).features()).isEmpty();
		assertThat(guilds.get(1).iconUrl()).isNull();
		// Bit 65 and MANAGE_GUILD: a set wider than a long keeps every bit.
		assertThat(guilds.get(2).permissions().value())
			.isEqualTo(BigInteger.ONE.shiftLeft(65).add(BigInteger.valueOf(32)));
		assertThat(guilds.get(2).hasPermission(Permission.MANAGE_GUILD)).isTrue();
		assertThat(guilds.get(3).permissions().toSet()).containsExactly(Permission.MANAGE_GUILD);
		assertThat(guilds.get(4).permissions()).isEqualTo(Permissions.NONE);
	}

	@Test
	void rolesReadTheirPermissions() {
		Role role = DiscordJson.read(json("""
				{"id":"1300000000000000001","name":"Moderator","color":0,"hoist":true,"position":2,
				 "permissions":"8","managed":false,"mentionable":true}"""), Role.class);
		assertThat(role.permissions().toSet()).containsExactly(Permission.ADMINISTRATOR);
		assertThat(role.permissions().has(Permission.BAN_MEMBERS)).isTrue();
	}

	@Test
	void memberRolesAndTimestamps() {
		GuildMember member = DiscordJson.read(json("""
				{"user":{"id":"1","username":"u"},"nick":"N","roles":["1300000000000000001","1300000000000000002"],
				 "joined_at":"2015-04-26T06:26:56.936000+00:00","deaf":false,"mute":true,"flags":0,"pending":false}
				"""), GuildMember.class);
		assertThat(member.roles()).containsExactly(1300000000000000001L, 1300000000000000002L);
		assertThat(member.joinedAt().toInstant())
			.isEqualTo(OffsetDateTime.parse("2015-04-26T06:26:56.936Z").toInstant());
		assertThat(member.mute()).isTrue();
		assertThat(member.user().id()).isEqualTo(1L);
	}

	@Test
	void connectionsRoleConnectionAndAuthorizationInfo() {
		Connection connection = DiscordJson.read(json("""
				{"id":"abc","name":"octo","type":"github","verified":true,"friend_sync":false,"show_activity":true,
				 "two_way_link":false,"visibility":1,"integrations":[]}"""), Connection.class);
		assertThat(connection.type()).isEqualTo("github");
		assertThat(connection.showActivity()).isTrue();
		RoleConnection roleConnection = DiscordJson.read(json("""
				{"platform_name":"Game","platform_username":"nelly","metadata":{"level":"7","verified":"1"}}"""),
				RoleConnection.class);
		assertThat(roleConnection.metadata()).containsEntry("level", "7");
		AuthorizationInfo info = DiscordJson.read(json("""
				{"application":{"id":"1100000000000000001","name":"Demo","icon":null,"bot_public":true},
				 "scopes":["identify"],"expires":"2026-12-05T21:58:09.123000+00:00",
				 "user":{"id":"1","username":"u"}}"""), AuthorizationInfo.class);
		assertThat(info.application().id()).isEqualTo(1100000000000000001L);
		assertThat(info.expires()).isEqualTo(java.time.Instant.parse("2026-12-05T21:58:09.123Z"));
		assertThat(info.user()).isNotNull();
	}

	@Test
	void metadataRecordsRoundTripWithTheTypeAsNumberAndNoNulls() {
		RoleConnectionMetadata record = new RoleConnectionMetadata(RoleConnectionMetadataType.BOOLEAN_EQUAL, "verified",
				"Verified", "Has a verified account");
		String written = new String(DiscordJson.write(List.of(record)), StandardCharsets.UTF_8);
		assertThat(written).contains("\"type\":7")
			.contains("\"key\":\"verified\"")
			.doesNotContain("null")
			.doesNotContain("localizations");
		List<RoleConnectionMetadata> read = DiscordJson.readList(json("""
				[{"type":2,"key":"level","name":"Level","description":"At least","name_localizations":{"fr":"Niveau"}}]
				"""), RoleConnectionMetadata.class);
		assertThat(read.get(0).type()).isEqualTo(RoleConnectionMetadataType.INTEGER_GREATER_THAN_OR_EQUAL);
		assertThat(read.get(0).nameLocalizations()).isEqualTo(Map.of("fr", "Niveau"));
	}

	@Test
	void webhookToStringMasksTokenAndUrl() {
		Webhook webhook = DiscordJson.read(
				json("""
						{"id":"1","type":1,"token":"hook-secret-token","url":"https://discord.com/api/webhooks/1/hook-secret-token",
						 "channel_id":"2","guild_id":"3","name":"w"}"""),
				Webhook.class);
		assertThat(webhook.token()).isEqualTo("hook-secret-token");
		assertThat(webhook.toString()).doesNotContain("hook-secret-token").contains("channelId=2");
	}

}
