package io.github.discordoauth2.test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.LIST;
import static org.assertj.core.api.InstanceOfAssertFactories.MAP;

class RestEndpointsTests {

	private static final String API = "/api/v10";

	private static final String BOT = "Bot " + DemoData.BOT_TOKEN;

	private static final String RC = API + "/users/@me/applications/" + DemoData.APPLICATION_ID + "/role-connection";

	private static final String METADATA = API + "/applications/" + DemoData.APPLICATION_ID
			+ "/role-connections/metadata";

	// Per test: joins and registrations must not leak between tests.
	@RegisterExtension
	FakeDiscordExtension discord = FakeDiscordExtension.withDemoData();

	private Http http() {
		return new Http(this.discord.baseUrl());
	}

	private String bearer(String... scopes) {
		return "Bearer " + this.discord.fake().createToken(DemoData.USER_ID, Set.of(scopes)).accessToken();
	}

	private static void assertDiscordError(Http.Answer a, int status, int code) {
		assertThat(a.status()).isEqualTo(status);
		assertThat(a.header("Content-Type")).isEqualTo("application/json");
		assertThat(a.map()).containsEntry("code", code).containsKey("message");
	}

	@Test
	void userWithoutEmailScopeHasNoEmail() {
		Map<String, Object> me = http().get(API + "/users/@me", bearer("identify")).map();
		assertThat(me).containsEntry("id", Long.toString(DemoData.USER_ID))
			.containsEntry("global_name", DemoData.GLOBAL_NAME)
			.containsEntry("avatar", DemoData.AVATAR)
			.containsEntry("mfa_enabled", true)
			.containsEntry("locale", "en-US")
			.doesNotContainKeys("email", "verified", "premium_type");
		assertThat(http().get(API + "/users/@me", bearer("identify", "identify.premium")).map())
			.containsEntry("premium_type", 2);
	}

	@Test
	void missingWrongOrUnknownTokensAnswer401() {
		Http h = http();
		Http.Answer none = h.get(API + "/users/@me", null);
		assertDiscordError(none, 401, 0);
		assertThat(none.map()).containsEntry("message", "401: Unauthorized");
		assertDiscordError(h.get(API + "/users/@me", "Bearer nope"), 401, 0);
		assertDiscordError(h.get(API + "/users/@me", bearer("email")), 401, 0);
		assertDiscordError(h.get(API + "/users/@me", BOT), 401, 0);
		assertDiscordError(h.get(API + "/users/@me/connections", bearer("identify")), 401, 0);
		assertDiscordError(h.get(API + "/users/@me/guilds", bearer("identify")), 401, 0);
		assertDiscordError(h.get(API + "/users/@me/guilds/" + DemoData.OWNED_GUILD_ID + "/member", bearer("guilds")),
				401, 0);
		assertDiscordError(h.get(RC, bearer("identify")), 401, 0);
	}

	@Test
	void connectionsUseDiscordsShape() {
		List<Map<String, Object>> c = http().get(API + "/users/@me/connections", bearer("connections")).list();
		assertThat(c).hasSize(2);
		assertThat(c.get(0)).containsKeys("id", "name", "type", "verified", "friend_sync", "show_activity",
				"two_way_link", "visibility", "revoked");
	}

	@Test
	void guildsPageWithBeforeAfterAndLimit() {
		Http h = http();
		String t = bearer("guilds");
		String owned = Long.toString(DemoData.OWNED_GUILD_ID);
		String member = Long.toString(DemoData.MEMBER_GUILD_ID);
		List<Map<String, Object>> all = h.get(API + "/users/@me/guilds", t).list();
		assertThat(all).extracting(g -> g.get("id")).containsExactly(owned, member);
		assertThat(all.get(0)).doesNotContainKey("approximate_member_count");
		assertThat(all.get(0)).containsEntry("owner", true).containsEntry("permissions", "2251799813685247");
		assertThat(all.get(1)).containsEntry("owner", false)
			.containsEntry("permissions",
					new java.math.BigInteger(FakeRole.DEFAULT_EVERYONE_PERMISSIONS)
						.or(new java.math.BigInteger(DemoData.MODERATOR_PERMISSIONS))
						.toString());
		assertThat(h.get(API + "/users/@me/guilds?limit=1", t).list()).extracting(g -> g.get("id"))
			.containsExactly(owned);
		assertThat(h.get(API + "/users/@me/guilds?after=" + owned, t).list()).extracting(g -> g.get("id"))
			.containsExactly(member);
		assertThat(h.get(API + "/users/@me/guilds?before=" + member, t).list()).extracting(g -> g.get("id"))
			.containsExactly(owned);
		assertThat(h.get(API + "/users/@me/guilds?before=" + (DemoData.MEMBER_GUILD_ID + 1) + "&limit=1", t).list())
			.extracting(g -> g.get("id"))
			.containsExactly(member);
		assertThat(h.get(API + "/users/@me/guilds?with_counts=True", t).list().get(1))
			.containsEntry("approximate_member_count", 1234)
			.containsEntry("approximate_presence_count", 321);
	}

	@Test
	void badGuildQueriesAreInvalidFormBody() {
		Http h = http();
		String t = bearer("guilds");
		Http.Answer limit = h.get(API + "/users/@me/guilds?limit=201", t);
		assertDiscordError(limit, 400, 50035);
		assertThat(limit.map()).extractingByKey("errors").asInstanceOf(MAP).containsKey("limit");
		assertDiscordError(h.get(API + "/users/@me/guilds?limit=0", t), 400, 50035);
		assertDiscordError(h.get(API + "/users/@me/guilds?limit=ten", t), 400, 50035);
		assertDiscordError(h.get(API + "/users/@me/guilds?after=abc", t), 400, 50035);
		assertDiscordError(h.get(API + "/users/@me/guilds?with_counts=maybe", t), 400, 50035);
	}

	@Test
	void guildMemberOfTheCurrentUser() {
		Http h = http();
		String t = bearer("guilds.members.read");
		Map<String, Object> m = h.get(API + "/users/@me/guilds/" + DemoData.MEMBER_GUILD_ID + "/member", t).map();
		assertThat(m).containsEntry("nick", DemoData.MEMBER_GUILD_NICK)
			.containsEntry("joined_at", "2023-04-01T12:00:00.000000+00:00")
			.containsEntry("deaf", false);
		assertThat(m).extractingByKey("user")
			.asInstanceOf(MAP)
			.containsEntry("id", Long.toString(DemoData.USER_ID))
			.doesNotContainKey("email");
		assertDiscordError(h.get(API + "/users/@me/guilds/" + DemoData.JOIN_GUILD_ID + "/member", t), 404, 10004);
		assertDiscordError(h.get(API + "/users/@me/guilds/999/member", t), 404, 10004);
		assertDiscordError(h.get(API + "/users/@me/guilds/abc/member", t), 400, 50035);
	}

	@Test
	void addGuildMemberFailuresAreDiscordsAnswers() {
		Http h = http();
		String token = this.discord.fake().createToken(DemoData.USER_ID, Set.of("guilds.join")).accessToken();
		String join = API + "/guilds/" + DemoData.JOIN_GUILD_ID + "/members/" + DemoData.USER_ID;
		Map<String, Object> body = Map.of("access_token", token);

		assertDiscordError(h.json("PUT", join, body, null), 401, 0);
		assertDiscordError(h.json("PUT", join, body, "Bot wrong"), 401, 0);
		assertDiscordError(h.json("PUT", join, body, "Bearer " + token), 401, 0);
		assertDiscordError(
				h.json("PUT", API + "/guilds/" + DemoData.MEMBER_GUILD_ID + "/members/" + DemoData.USER_ID, body, BOT),
				403, 50001);
		assertDiscordError(h.json("PUT", API + "/guilds/123/members/" + DemoData.USER_ID, body, BOT), 404, 10004);
		assertDiscordError(h.json("PUT", join, Map.of("access_token", "bogus"), BOT), 403, 50025);
		String noJoinScope = this.discord.fake().createToken(DemoData.USER_ID, Set.of("identify")).accessToken();
		assertDiscordError(h.json("PUT", join, Map.of("access_token", noJoinScope), BOT), 403, 50025);
		// The token of one user cannot add another.
		assertDiscordError(h.json("PUT",
				API + "/guilds/" + DemoData.JOIN_GUILD_ID + "/members/" + DemoData.OTHER_USER_ID, body, BOT), 403,
				50025);
		assertDiscordError(h.json("PUT", API + "/guilds/" + DemoData.JOIN_GUILD_ID + "/members/42", body, BOT), 404,
				10013);

		Http.Answer missing = h.json("PUT", join, Map.of("nick", "x"), BOT);
		assertDiscordError(missing, 400, 50035);
		assertThat(missing.map()).extractingByKey("errors")
			.asInstanceOf(MAP)
			.extractingByKey("access_token")
			.asInstanceOf(MAP)
			.extractingByKey("_errors")
			.asInstanceOf(LIST)
			.first()
			.asInstanceOf(MAP)
			.containsEntry("code", "BASE_TYPE_REQUIRED");
		assertDiscordError(h.send("PUT", join, "application/json", "{\"access_token\": ", BOT), 400, 50109);
		assertDiscordError(h.send("PUT", join, "application/json", "[1,2]", BOT), 400, 50035);
		assertDiscordError(h.send("PUT", join, "text/plain", "hi", BOT), 400, 50035);
		assertDiscordError(h.json("PUT", join, Map.of("access_token", token, "roles", List.of("abc")), BOT), 400,
				50035);
		assertThat(this.discord.fake().isMember(DemoData.JOIN_GUILD_ID, DemoData.USER_ID)).isFalse();
	}

	@Test
	void addGuildMemberAppliesNickRolesMuteAndDeafThenTheBotCanReadIt() {
		Http h = http();
		String token = this.discord.fake().createToken(DemoData.USER_ID, Set.of("guilds.join")).accessToken();
		Map<String, Object> body = new HashMap<>(Map.of("access_token", token, "nick", "Newbie", "roles",
				List.of("1100000000000000999"), "mute", true, "deaf", false));
		Http.Answer added = h.json("PUT", API + "/guilds/" + DemoData.JOIN_GUILD_ID + "/members/" + DemoData.USER_ID,
				body, BOT);
		assertThat(added.status()).isEqualTo(201);
		assertThat(added.map()).containsEntry("nick", "Newbie")
			.containsEntry("mute", true)
			.containsEntry("roles", List.of("1100000000000000999"));
		Http.Answer read = h.get(API + "/guilds/" + DemoData.JOIN_GUILD_ID + "/members/" + DemoData.USER_ID, BOT);
		assertThat(read.map()).containsEntry("nick", "Newbie");
		assertDiscordError(h.get(API + "/guilds/" + DemoData.JOIN_GUILD_ID + "/members/" + "4242", BOT), 404, 10007);
	}

	@Test
	void roleConnectionIsValidatedAgainstRegisteredMetadata() {
		Http h = http();
		String t = bearer("role_connections.write");
		assertThat(h.get(RC, t).map()).containsEntry("platform_name", null).containsEntry("metadata", Map.of());
		assertThat(h.json("PUT", METADATA,
				List.of(Map.of("type", 1, "key", "level", "name", "Level", "description", "Level at most"),
						Map.of("type", 6, "key", "since", "name", "Since", "description", "Member since"),
						Map.of("type", 7, "key", "vip", "name", "VIP", "description", "Is VIP")),
				BOT)
			.status()).isEqualTo(200);

		Http.Answer unknownKey = h.json("PUT", RC, Map.of("metadata", Map.of("xp", 1)), t);
		assertDiscordError(unknownKey, 400, 50035);
		assertThat(unknownKey.map()).extractingByKey("errors")
			.asInstanceOf(MAP)
			.extractingByKey("metadata")
			.asInstanceOf(MAP)
			.containsKey("xp");
		assertDiscordError(h.json("PUT", RC, Map.of("metadata", Map.of("vip", true)), t), 400, 50035);
		assertDiscordError(h.json("PUT", RC, Map.of("metadata", Map.of("vip", "true")), t), 400, 50035);
		assertDiscordError(h.json("PUT", RC, Map.of("metadata", Map.of("level", "ten")), t), 400, 50035);
		assertDiscordError(h.json("PUT", RC, Map.of("metadata", Map.of("since", "2024-01-01")), t), 400, 50035);
		assertDiscordError(h.json("PUT", RC, Map.of("platform_name", "x".repeat(51)), t), 400, 50035);
		assertDiscordError(h.json("PUT", RC, Map.of("platform_username", "x".repeat(101)), t), 400, 50035);

		Http.Answer ok = h.json("PUT", RC, Map.of("platform_name", "Game", "metadata",
				Map.of("level", 3, "since", "2024-01-01T10:00:00+02:00", "vip", 1)), t);
		assertThat(ok.status()).isEqualTo(200);
		assertThat(ok.map()).extractingByKey("metadata")
			.asInstanceOf(MAP)
			.containsEntry("level", "3")
			.containsEntry("vip", "1");
		assertThat(this.discord.fake().roleConnection(DemoData.USER_ID)).get()
			.satisfies(rc -> assertThat(rc.metadata()).containsEntry("since", "2024-01-01T10:00:00+02:00"));

		assertThat(h.send("DELETE", RC, null, null, t).status()).isEqualTo(204);
		assertThat(h.get(RC, t).map()).containsEntry("metadata", Map.of());
		assertDiscordError(h.get(API + "/users/@me/applications/42/role-connection", t), 404, 10002);
	}

	@Test
	void metadataRecordsNeedTheBotAndFollowTheRules() {
		Http h = http();
		assertDiscordError(h.get(METADATA, null), 401, 0);
		assertDiscordError(h.get(METADATA, bearer("identify")), 401, 0);
		assertDiscordError(h.get(API + "/applications/42/role-connections/metadata", BOT), 403, 50001);
		assertThat(h.get(METADATA, BOT).list()).isEmpty();

		Map<String, Object> good = Map.of("type", 7, "key", "ok", "name", "Ok", "description", "Fine");
		assertDiscordError(h.json("PUT", METADATA, List.of(good, good, good, good, good, good), BOT), 400, 50035);
		Http.Answer bad = h.json("PUT", METADATA,
				List.of(Map.of("type", 9, "key", "Bad Key", "name", "", "description", "d".repeat(201))), BOT);
		assertDiscordError(bad, 400, 50035);
		assertThat(bad.map()).extractingByKey("errors")
			.asInstanceOf(MAP)
			.extractingByKey("0")
			.asInstanceOf(MAP)
			.containsKeys("type", "key", "name", "description");
		assertDiscordError(h.json("PUT", METADATA, List.of(good, good), BOT), 400, 50035);
		assertDiscordError(h.json("PUT", METADATA, Map.of("type", 1), BOT), 400, 50035);

		Http.Answer stored = h.json("PUT", METADATA, List.of(Map.of("type", 2, "key", "level", "name", "Level",
				"description", "Level", "name_localizations", Map.of("de", "Stufe"))), BOT);
		assertThat(stored.status()).isEqualTo(200);
		assertThat(stored.list().get(0)).containsEntry("name_localizations", Map.of("de", "Stufe"));
		assertThat(this.discord.fake().roleConnectionMetadata()).extracting(FakeRoleConnectionMetadata::key)
			.containsExactly("level");
		assertThat(h.json("PUT", METADATA, List.of(), BOT).list()).isEmpty();
	}

	@Test
	void currentAuthorizationShowsScopesExpiryAndUserOnlyWithIdentify() {
		Http h = http();
		Map<String, Object> withUser = h.get(API + "/oauth2/@me", bearer("identify", "guilds")).map();
		assertThat(withUser).containsKeys("application", "scopes", "expires", "user");
		assertThat(withUser).extractingByKey("application")
			.asInstanceOf(MAP)
			.containsEntry("id", Long.toString(DemoData.APPLICATION_ID))
			.containsEntry("name", DemoData.APPLICATION_NAME);
		assertThat(withUser).extractingByKey("scopes")
			.asInstanceOf(LIST)
			.containsExactlyInAnyOrder("identify", "guilds");
		assertThat(h.get(API + "/oauth2/@me", bearer("guilds")).map()).doesNotContainKey("user");
		assertDiscordError(h.get(API + "/oauth2/@me", null), 401, 0);
		assertThat(h.get(API + "/oauth2/applications/@me", BOT).map()).containsEntry("id",
				Long.toString(DemoData.APPLICATION_ID));
	}

	@Test
	void unknownRoutesMethodsAndVersions() {
		Http h = http();
		assertDiscordError(h.get(API + "/channels/1", BOT), 404, 0);
		assertDiscordError(h.send("POST", API + "/users/@me", "application/json", "{}", bearer("identify")), 405, 0);
		assertThat(h.get("/api/v6/users/@me", bearer("identify")).status()).isEqualTo(400);
		assertThat(h.get("/api/v9/users/@me", bearer("identify")).status()).isEqualTo(200);
		assertThat(h.get("/api/users/@me", bearer("identify")).status()).isEqualTo(200);
		assertThat(h.get("/users/@me", bearer("identify")).status()).isEqualTo(404);
		assertThat(h.get(API + "/users/%40me", bearer("identify")).status()).isEqualTo(200);
	}

}
