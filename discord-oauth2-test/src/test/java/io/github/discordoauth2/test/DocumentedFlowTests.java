package io.github.discordoauth2.test;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A client written only from Discord's documentation walks the whole journey a
 * linked-roles app takes, over real HTTP: authorize, exchange, identify, connections,
 * guilds, member, metadata registration, role connection, join guild, refresh, client
 * credentials, revoke.
 */
class DocumentedFlowTests {

	private static final String API = "/api/v10";

	private static FakeDiscord fake;

	private static Http http;

	@BeforeAll
	static void start() {
		fake = FakeDiscord.builder().demoData().autoApprove(true).start();
		http = new Http(fake.baseUrl());
	}

	@AfterAll
	static void stop() {
		fake.close();
	}

	@Test
	@SuppressWarnings("unchecked")
	void theWholeJourneyWorksAsDocumented() {
		long appId = DemoData.APPLICATION_ID;
		String redirect = DemoData.REDIRECT_URI;
		String scopes = "identify email connections guilds guilds.join guilds.members.read role_connections.write";

		// 1. Authorize: scripted approval redirects to redirect_uri with code and state.
		Http.Answer authorize = http.get("/oauth2/authorize?response_type=code&client_id=" + appId + "&scope="
				+ URLEncoder.encode(scopes, StandardCharsets.UTF_8).replace("+", "%20") + "&state=xyz123&redirect_uri="
				+ URLEncoder.encode(redirect, StandardCharsets.UTF_8) + "&prompt=consent", null);
		assertThat(authorize.status()).isEqualTo(302);
		assertThat(authorize.header("Location")).startsWith(redirect + "?");
		Map<String, String> callback = authorize.locationQuery();
		assertThat(callback).containsEntry("state", "xyz123").containsKey("code");

		// 2. Exchange the code (credentials in the form body, as the docs' example does).
		Http.Answer token = http.postForm(API + "/oauth2/token",
				Map.of("grant_type", "authorization_code", "code", callback.get("code"), "redirect_uri", redirect,
						"client_id", Long.toString(appId), "client_secret", DemoData.CLIENT_SECRET),
				null);
		assertThat(token.status()).isEqualTo(200);
		Map<String, Object> tokens = token.map();
		assertThat(tokens).containsEntry("token_type", "Bearer")
			.containsEntry("expires_in", 604800)
			.containsKeys("access_token", "refresh_token");
		assertThat(((String) tokens.get("scope")).split(" ")).containsExactlyInAnyOrder(scopes.split(" "));
		String bearer = "Bearer " + tokens.get("access_token");

		// 3. Identify: with the email scope, email and verified are present; ids are
		// strings.
		Map<String, Object> me = http.get(API + "/users/@me", bearer).map();
		assertThat(me).containsEntry("id", Long.toString(DemoData.USER_ID))
			.containsEntry("username", DemoData.USERNAME)
			.containsEntry("email", DemoData.EMAIL)
			.containsEntry("verified", true)
			.containsEntry("discriminator", "0");

		// 4. Connections.
		List<Map<String, Object>> connections = http.get(API + "/users/@me/connections", bearer).list();
		assertThat(connections).extracting(c -> c.get("type"))
			.contains(DemoData.GITHUB_CONNECTION_TYPE, DemoData.TWITCH_CONNECTION_TYPE);

		// 5. Guilds, with counts; permissions are strings.
		List<Map<String, Object>> guilds = http.get(API + "/users/@me/guilds?with_counts=true", bearer).list();
		assertThat(guilds).extracting(g -> g.get("id"))
			.containsExactly(Long.toString(DemoData.OWNED_GUILD_ID), Long.toString(DemoData.MEMBER_GUILD_ID));
		assertThat(guilds.get(0)).containsEntry("owner", true).containsEntry("approximate_member_count", 42);
		assertThat(guilds.get(0).get("permissions")).isInstanceOf(String.class);

		// 6. Guild member.
		Map<String, Object> member = http.get(API + "/users/@me/guilds/" + DemoData.MEMBER_GUILD_ID + "/member", bearer)
			.map();
		assertThat(member).containsEntry("nick", DemoData.MEMBER_GUILD_NICK)
			.containsEntry("roles", List.of(Long.toString(DemoData.MEMBER_GUILD_ROLE_ID)));

		// 7. Metadata registration with the bot token.
		String bot = "Bot " + DemoData.BOT_TOKEN;
		List<Map<String, Object>> records = List.of(
				Map.of("type", 2, "key", "level", "name", "Level", "description", "Level at least"),
				Map.of("type", 7, "key", "verified", "name", "Verified", "description", "Has a verified account"));
		Http.Answer registered = http.json("PUT", API + "/applications/" + appId + "/role-connections/metadata",
				records, bot);
		assertThat(registered.status()).isEqualTo(200);
		assertThat(registered.list()).extracting(m -> m.get("key")).containsExactly("level", "verified");

		// 8. Role connection update and read; values come back as strings.
		String rcPath = API + "/users/@me/applications/" + appId + "/role-connection";
		Http.Answer updated = http.json("PUT", rcPath, Map.of("platform_name", "Demo Game", "platform_username",
				"demo_player", "metadata", Map.of("level", 12, "verified", "1")), bearer);
		assertThat(updated.status()).isEqualTo(200);
		Map<String, Object> read = http.get(rcPath, bearer).map();
		assertThat(read).containsEntry("platform_name", "Demo Game").containsEntry("platform_username", "demo_player");
		assertThat((Map<String, Object>) read.get("metadata")).containsEntry("level", "12")
			.containsEntry("verified", "1");

		// 9. Join a guild twice: 201 with the member, then 204.
		String join = API + "/guilds/" + DemoData.JOIN_GUILD_ID + "/members/" + DemoData.USER_ID;
		Http.Answer joined = http.json("PUT", join, Map.of("access_token", tokens.get("access_token")), bot);
		assertThat(joined.status()).isEqualTo(201);
		assertThat(joined.map()).containsKey("joined_at");
		Http.Answer again = http.json("PUT", join, Map.of("access_token", tokens.get("access_token")), bot);
		assertThat(again.status()).isEqualTo(204);
		assertThat(again.body()).isEmpty();
		assertThat(fake.isMember(DemoData.JOIN_GUILD_ID, DemoData.USER_ID)).isTrue();

		// 10. Refresh (HTTP Basic this time): rotation kills the old refresh token.
		String basic = Http.basic(appId, DemoData.CLIENT_SECRET);
		Http.Answer refreshed = http.postForm(API + "/oauth2/token",
				Map.of("grant_type", "refresh_token", "refresh_token", (String) tokens.get("refresh_token")), basic);
		assertThat(refreshed.status()).isEqualTo(200);
		assertThat(refreshed.map().get("refresh_token")).isNotEqualTo(tokens.get("refresh_token"));
		Http.Answer stale = http.postForm(API + "/oauth2/token",
				Map.of("grant_type", "refresh_token", "refresh_token", (String) tokens.get("refresh_token")), basic);
		assertThat(stale.status()).isEqualTo(400);
		assertThat(stale.map()).containsEntry("error", "invalid_grant");
		String newBearer = "Bearer " + refreshed.map().get("access_token");
		assertThat(http.get(API + "/users/@me", newBearer).status()).isEqualTo(200);

		// 11. Client credentials: a token for the app owner, no refresh token.
		Http.Answer cc = http.postForm(API + "/oauth2/token",
				Map.of("grant_type", "client_credentials", "scope", "identify"), basic);
		assertThat(cc.status()).isEqualTo(200);
		assertThat(cc.map()).containsKey("access_token").doesNotContainKey("refresh_token");
		assertThat(http.get(API + "/users/@me", "Bearer " + cc.map().get("access_token")).map()).containsEntry("id",
				Long.toString(DemoData.USER_ID));

		// 12. Revoke (unversioned path, as the docs give it): the token then answers 401.
		Http.Answer revoked = http.postForm("/api/oauth2/token/revoke",
				Map.of("token", (String) refreshed.map().get("access_token"), "token_type_hint", "access_token"),
				basic);
		assertThat(revoked.status()).isEqualTo(200);
		Http.Answer after = http.get(API + "/users/@me", newBearer);
		assertThat(after.status()).isEqualTo(401);
		assertThat(after.map()).containsEntry("message", "401: Unauthorized").containsEntry("code", 0);
		// ... and the refresh token of the same authorization died with it.
		assertThat(http
			.postForm(API + "/oauth2/token",
					Map.of("grant_type", "refresh_token", "refresh_token",
							(String) refreshed.map().get("refresh_token")),
					basic)
			.status()).isEqualTo(400);

		assertThat(URI.create(fake.baseUrl()).getHost()).isEqualTo("127.0.0.1");
	}

}
