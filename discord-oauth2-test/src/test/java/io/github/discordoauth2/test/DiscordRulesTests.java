package io.github.discordoauth2.test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * One test per rule of Discord that a client can trip over and that FakeDiscord models;
 * the catalogue {@code docs/discord-rules.md} links each rule to its source and test.
 */
class DiscordRulesTests {

	private static final String VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";

	private static final String CHALLENGE = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";

	private static Map<String, String> params(String scope) {
		return Http.authorizeParams(scope);
	}

	private static Http.Answer authorize(FakeDiscord fake, Map<String, String> params) {
		return new Http(fake.baseUrl()).get("/oauth2/authorize?" + Http.form(params).replace("+", "%20"), null);
	}

	private static FakeDiscord approving() {
		return FakeDiscord.builder().demoData().autoApprove(true).start();
	}

	private static Http.Answer token(FakeDiscord fake, Map<String, String> form, String authorization) {
		return new Http(fake.baseUrl()).postForm("/api/v10/oauth2/token", form, authorization);
	}

	@Test
	void roleConnectionsWriteWithPkceRedirectsBackWithInvalidScope() {
		try (FakeDiscord fake = approving()) {
			Map<String, String> p = params("identify role_connections.write");
			p.put("code_challenge", CHALLENGE);
			p.put("code_challenge_method", "S256");
			Http.Answer a = authorize(fake, p);
			assertThat(a.status()).isEqualTo(302);
			assertThat(a.header("Location")).startsWith(DemoData.REDIRECT_URI + "?");
			assertThat(a.locationQuery()).containsEntry("error", "invalid_scope")
				.containsEntry("state", "s-42")
				.containsKey("error_description")
				.doesNotContainKey("code");
			// The same scope without PKCE is fine: the code grant with the secret.
			assertThat(authorize(fake, params("identify role_connections.write")).locationQuery()).containsKey("code");
			assertThatIllegalArgumentException()
				.isThrownBy(() -> fake.createAuthorizationCode(DemoData.USER_ID, DemoData.REDIRECT_URI,
						Set.of("role_connections.write"), CHALLENGE))
				.withMessageContaining("role_connections.write")
				.withMessageContaining("PKCE");
		}
	}

	@Test
	void roleConnectionsWriteWithTheImplicitGrantRedirectsBackWithInvalidScope() {
		try (FakeDiscord fake = approving()) {
			Map<String, String> p = params("role_connections.write");
			p.put("response_type", "token");
			Http.Answer a = authorize(fake, p);
			assertThat(a.status()).isEqualTo(302);
			URI location = URI.create(a.header("Location"));
			assertThat(Http.parse(location.getRawFragment())).containsEntry("error", "invalid_scope")
				.containsEntry("state", "s-42")
				.doesNotContainKey("access_token");
		}
	}

	@Test
	void onlyS256ChallengesAreAccepted() {
		try (FakeDiscord fake = approving()) {
			Map<String, String> p = params("identify");
			p.put("code_challenge", VERIFIER);
			p.put("code_challenge_method", "plain");
			Http.Answer a = authorize(fake, p);
			assertThat(a.status()).isEqualTo(302);
			assertThat(a.locationQuery()).containsEntry("error", "invalid_request")
				.containsEntry("error_description", "Unsupported \"code_challenge_method\"")
				.containsEntry("state", "s-42");
		}
	}

	@Test
	void verifiersOutside43To128CharactersAreInvalidRequests() {
		try (FakeDiscord fake = approving()) {
			String basic = Http.basic(fake.clientId(), fake.clientSecret());
			for (String verifier : new String[] { VERIFIER.substring(0, 42), VERIFIER.repeat(3) }) {
				String code = fake.createAuthorizationCode(DemoData.USER_ID, DemoData.REDIRECT_URI, Set.of("identify"),
						OAuthEndpoints.s256(verifier));
				Map<String, Object> error = token(fake,
						Map.of("grant_type", "authorization_code", "code", code, "code_verifier", verifier), basic)
					.map();
				assertThat(error).containsEntry("error", "invalid_request")
					.containsEntry("error_description", "Invalid \"code_verifier\"");
			}
		}
	}

	@Test
	void pkceExchangesNeedNoSecretAndOnlyPublicClientsRefreshWithoutOne() {
		for (boolean publicClient : new boolean[] { false, true }) {
			try (FakeDiscord fake = FakeDiscord.builder().demoData().publicClient(publicClient).start()) {
				String id = Long.toString(fake.clientId());
				String code = fake.createAuthorizationCode(DemoData.USER_ID, DemoData.REDIRECT_URI, Set.of("identify"),
						CHALLENGE);
				Http.Answer exchanged = token(fake, Map.of("grant_type", "authorization_code", "code", code,
						"code_verifier", VERIFIER, "client_id", id), null);
				assertThat(exchanged.status()).isEqualTo(200);
				String refresh = (String) exchanged.map().get("refresh_token");
				Http.Answer refreshed = token(fake,
						Map.of("grant_type", "refresh_token", "refresh_token", refresh, "client_id", id), null);
				assertThat(refreshed.status()).isEqualTo(publicClient ? 200 : 401);
				// Without PKCE the secret stays required, public client or not.
				String plain = fake.createAuthorizationCode(DemoData.USER_ID, DemoData.REDIRECT_URI,
						Set.of("identify"));
				assertThat(token(fake, Map.of("grant_type", "authorization_code", "code", plain, "client_id", id), null)
					.map()).containsEntry("error", "invalid_client");
			}
		}
	}

	@Test
	void redirectUriMustMatchARegisteredOneExactly() {
		try (FakeDiscord fake = approving()) {
			Map<String, String> p = params("identify");
			p.put("redirect_uri", DemoData.REDIRECT_URI + "/");
			Http.Answer a = authorize(fake, p);
			assertThat(a.status()).isEqualTo(400);
			assertThat(a.header("Location")).isNull();
			assertThat(a.body()).contains("Invalid OAuth2 redirect_uri");
		}
	}

	@Test
	void anOmittedRedirectUriMeansTheFirstRegisteredOne() {
		try (FakeDiscord fake = FakeDiscord.builder()
			.demoData()
			.redirectUri("https://app.example/second")
			.autoApprove(true)
			.start()) {
			Map<String, String> p = params("identify");
			p.remove("redirect_uri");
			Http.Answer a = authorize(fake, p);
			assertThat(a.header("Location")).startsWith(DemoData.REDIRECT_URI + "?code=");
			Http.Answer exchanged = token(fake,
					Map.of("grant_type", "authorization_code", "code", a.locationQuery().get("code")),
					Http.basic(fake.clientId(), fake.clientSecret()));
			assertThat(exchanged.status()).isEqualTo(200);
		}
	}

	@Test
	void aPlainBotInviteNeedsNoRedirectAndStaysOnDiscord() {
		try (FakeDiscord fake = FakeDiscord.builder()
			.demoData()
			.role(DemoData.MEMBER_GUILD_ID, MANAGER)
			.member(manager(DemoData.MEMBER_GUILD_ID))
			.autoApprove(true)
			.start()) {
			Map<String, String> p = new LinkedHashMap<>();
			p.put("client_id", Long.toString(fake.clientId()));
			p.put("scope", "bot applications.commands");
			p.put("permissions", "8");
			p.put("guild_id", Long.toString(DemoData.MEMBER_GUILD_ID));
			Http.Answer a = authorize(fake, p);
			assertThat(a.status()).isEqualTo(200);
			assertThat(a.header("Location")).isNull();
			assertThat(a.body()).contains("Authorized");
			assertThat(fake.isBotInGuild(DemoData.MEMBER_GUILD_ID)).isTrue();
			// Any other scope still needs response_type, and PKCE needs a code to
			// protect.
			p.put("scope", "bot identify");
			assertThat(authorize(fake, p).status()).isEqualTo(400);
			p.put("scope", "bot");
			p.put("code_challenge", CHALLENGE);
			p.put("code_challenge_method", "S256");
			assertThat(authorize(fake, p).body()).contains("code_challenge needs response_type=code");
		}
	}

	@Test
	void disableGuildSelectLocksThePickerToGuildId() {
		try (FakeDiscord fake = FakeDiscord.builder()
			.demoData()
			.role(DemoData.MEMBER_GUILD_ID, MANAGER)
			.member(manager(DemoData.MEMBER_GUILD_ID))
			.start()) {
			Map<String, String> p = params("bot");
			p.put("guild_id", Long.toString(DemoData.MEMBER_GUILD_ID));
			String picker = authorize(fake, p).body();
			assertThat(picker).contains("<select id=\"guild_id\"")
				.contains("value=\"" + DemoData.MEMBER_GUILD_ID + "\" selected>");
			p.put("disable_guild_select", "true");
			String locked = authorize(fake, p).body();
			assertThat(locked).doesNotContain("<select")
				.contains("name=\"guild_id\" value=\"" + DemoData.MEMBER_GUILD_ID + "\"");
			p.remove("guild_id");
			assertThat(authorize(fake, p).body()).contains("disable_guild_select=true needs a guild_id");
		}
	}

	@Test
	void botsAndWebhooksNeedAServerTheUserManages() {
		try (FakeDiscord fake = approving()) {
			for (String scope : new String[] { "bot", "webhook.incoming" }) {
				Map<String, String> p = params(scope);
				// The demo user is an ordinary member there, without Manage Server.
				p.put("guild_id", Long.toString(DemoData.MEMBER_GUILD_ID));
				Http.Answer a = authorize(fake, p);
				assertThat(a.status()).isEqualTo(400);
				assertThat(a.body()).contains("Manage Server");
			}
			assertThat(fake.isBotInGuild(DemoData.MEMBER_GUILD_ID)).isFalse();
		}
	}

	@Test
	void addGuildMemberRefusesAUserInTwoHundredGuildsButNotAnExistingMember() {
		FakeDiscord.Builder b = FakeDiscord.builder().demoData();
		for (int i = 0; i < 198; i++) {
			long id = 1_300_000_000_000_000_000L + i;
			b.guild(new FakeGuild(id, "g" + i, null, null, DemoData.OTHER_USER_ID, List.of(), 1, 1))
				.member(id, DemoData.USER_ID);
		}
		try (FakeDiscord fake = b.start()) {
			FakeDiscord.Tokens t = fake.createToken(DemoData.USER_ID, Set.of("guilds.join"));
			Http http = new Http(fake.baseUrl());
			String path = "/api/v10/guilds/%d/members/" + DemoData.USER_ID;
			Map<String, Object> body = Map.of("access_token", t.accessToken());
			Http.Answer full = http.json("PUT", path.formatted(DemoData.JOIN_GUILD_ID), body, "Bot " + fake.botToken());
			assertThat(full.status()).isEqualTo(400);
			assertThat(full.map()).containsEntry("code", 30001);
			// Already a member: still 204, checked first.
			assertThat(
					http.json("PUT", path.formatted(DemoData.OWNED_GUILD_ID), body, "Bot " + fake.botToken()).status())
				.isEqualTo(204);
		}
	}

	@Test
	void teamApplicationsGetOnlyIdentifyAndCommandsUpdateFromClientCredentials() {
		try (FakeDiscord fake = FakeDiscord.builder().demoData().teamApplication(true).start()) {
			String basic = Http.basic(fake.clientId(), fake.clientSecret());
			assertThat(token(fake, Map.of("grant_type", "client_credentials", "scope", "identify email"), basic).map())
				.containsEntry("error", "invalid_scope");
			Map<String, Object> ok = token(fake,
					Map.of("grant_type", "client_credentials", "scope", "identify applications.commands.update"), basic)
				.map();
			assertThat(ok).containsKey("access_token").doesNotContainKey("refresh_token");
			Map<String, Object> me = new Http(fake.baseUrl())
				.get("/api/v10/users/@me", "Bearer " + ok.get("access_token"))
				.map();
			assertThat(me).containsEntry("id", Long.toString(DemoData.USER_ID));
		}
	}

	@Test
	void requestsWithoutAUserAgentOrBotsPosingAsBrowsersGet40333() throws IOException {
		try (FakeDiscord fake = approving()) {
			Http http = new Http(fake.baseUrl());
			String browser = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0";
			Http.Answer asBrowser = http.get("/api/v10/oauth2/applications/@me", "Bot " + fake.botToken(), browser);
			assertThat(asBrowser.status()).isEqualTo(403);
			assertThat(asBrowser.map()).containsEntry("code", 40333);
			assertThat(http.get("/api/v10/oauth2/applications/@me", "Bot " + fake.botToken()).status()).isEqualTo(200);
			// A browser opening the authorize page is fine.
			assertThat(http.get("/oauth2/authorize?" + Http.form(params("identify")), null, browser).status())
				.isEqualTo(302);
			try (Socket socket = new Socket("127.0.0.1", fake.port())) {
				OutputStream out = socket.getOutputStream();
				out.write(("GET /api/v10/users/@me HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
					.getBytes(StandardCharsets.US_ASCII));
				out.flush();
				InputStream in = socket.getInputStream();
				String answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
				assertThat(answer).startsWith("HTTP/1.1 403").contains("40333");
			}
		}
	}

	@Test
	void tooManyInvalidRequestsGetCloudflaresHtmlBan() {
		MutableClock clock = new MutableClock();
		try (FakeDiscord fake = FakeDiscord.builder()
			.demoData()
			.clock(clock)
			.invalidRequestLimit(5, Duration.ofMinutes(10))
			.start()) {
			Http http = new Http(fake.baseUrl());
			for (int i = 0; i < 5; i++) {
				assertThat(http.get("/api/v10/users/@me", "Bearer nope").status()).isEqualTo(401);
			}
			Http.Answer banned = http.get("/api/v10/users/@me", null);
			assertThat(banned.status()).isEqualTo(429);
			assertThat(banned.header("Content-Type")).startsWith("text/html");
			assertThat(banned.body()).contains("1015").doesNotContain("\"code\"");
			assertThat(banned.header("X-RateLimit-Limit")).isNull();
			clock.advance(Duration.ofMinutes(11));
			assertThat(http.get("/api/v10/users/@me", null).status()).isEqualTo(401);
		}
		try (FakeDiscord fake = FakeDiscord.builder().demoData().start()) {
			Http http = new Http(fake.baseUrl());
			for (int i = 0; i < 50; i++) {
				http.get("/api/v10/users/@me", "Bearer nope");
			}
			// Discord's default is 10,000 per 10 minutes: 50 are far from it.
			assertThat(http.get("/api/v10/users/@me", "Bearer nope").status()).isEqualTo(401);
		}
	}

	@Test
	void aRefreshedAccessTokensStaleCopyIsInvalidEverywhere() {
		try (FakeDiscord fake = approving()) {
			Http http = new Http(fake.baseUrl());
			FakeDiscord.Tokens t = fake.createToken(DemoData.USER_ID, Set.of("identify", "guilds.join"));
			Http.Answer refreshed = token(fake,
					Map.of("grant_type", "refresh_token", "refresh_token", t.refreshToken()),
					Http.basic(fake.clientId(), fake.clientSecret()));
			assertThat(refreshed.status()).isEqualTo(200);
			// As a Bearer token: Discord's 401 for an invalid token (rule R8).
			Http.Answer me = http.get("/api/v10/users/@me", "Bearer " + t.accessToken());
			assertThat(me.status()).isEqualTo(401);
			assertThat(me.map()).containsEntry("code", 0);
			// In Add Guild Member's body: 50025 Invalid OAuth2 access token (PR #620).
			Http.Answer join = http.json("PUT",
					"/api/v10/guilds/" + DemoData.JOIN_GUILD_ID + "/members/" + DemoData.USER_ID,
					Map.of("access_token", t.accessToken()), "Bot " + fake.botToken());
			assertThat(join.status()).isEqualTo(403);
			assertThat(join.map()).containsEntry("code", 50025);
			assertThat(http
				.json("PUT", "/api/v10/guilds/" + DemoData.JOIN_GUILD_ID + "/members/" + DemoData.USER_ID,
						Map.of("access_token", refreshed.map().get("access_token")), "Bot " + fake.botToken())
				.status()).isEqualTo(201);
		}
	}

	@Test
	void commandsUpdateIsForClientCredentialsOnly() {
		try (FakeDiscord fake = approving()) {
			Http.Answer a = authorize(fake, params("identify applications.commands.update"));
			assertThat(a.status()).isEqualTo(400);
			assertThat(a.body()).contains("Invalid scope: applications.commands.update");
		}
	}

	/** A role with Manage Server (1 << 5) and nothing else. */
	private static final FakeRole MANAGER = FakeRole.of(1100000000000000399L, "Manager", "32", 3);

	private static FakeMember manager(long guildId) {
		return new FakeMember(guildId, DemoData.USER_ID, null, List.of(MANAGER.id()),
				Instant.parse("2023-04-01T12:00:00Z"), false, false);
	}

}
