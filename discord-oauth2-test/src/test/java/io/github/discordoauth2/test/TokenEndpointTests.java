package io.github.discordoauth2.test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TokenEndpointTests {

	private static final String TOKEN = "/api/v10/oauth2/token";

	private static final String REDIRECT = DemoData.REDIRECT_URI;

	private static final MutableClock CLOCK = new MutableClock();

	private static FakeDiscord fake;

	private static Http http;

	private static String basic;

	@BeforeAll
	static void start() {
		fake = FakeDiscord.builder().demoData().clock(CLOCK).authorizationCodeTtl(Duration.ofMinutes(2)).start();
		http = new Http(fake.baseUrl());
		basic = Http.basic(fake.clientId(), fake.clientSecret());
	}

	@AfterAll
	static void stop() {
		fake.close();
	}

	private static Http.Answer exchange(String code, String redirectUri, String verifier) {
		Map<String, String> form = new HashMap<>(Map.of("grant_type", "authorization_code", "code", code));
		if (redirectUri != null) {
			form.put("redirect_uri", redirectUri);
		}
		if (verifier != null) {
			form.put("code_verifier", verifier);
		}
		return http.postForm(TOKEN, form, basic);
	}

	private static String code(String... scopes) {
		return fake.createAuthorizationCode(DemoData.USER_ID, REDIRECT, Set.of(scopes));
	}

	@Test
	void codeExchangeReturnsBearerTokensWithoutCaching() {
		Http.Answer a = exchange(code("identify", "guilds"), REDIRECT, null);
		assertThat(a.status()).isEqualTo(200);
		assertThat(a.header("Cache-Control")).isEqualTo("no-store");
		assertThat(a.map()).containsEntry("token_type", "Bearer")
			.containsEntry("expires_in", 604800)
			.containsKeys("access_token", "refresh_token");
		assertThat(a.map().get("scope").toString().split(" ")).containsExactlyInAnyOrder("identify", "guilds");
	}

	@Test
	void codesAreSingleUse() {
		String code = code("identify");
		assertThat(exchange(code, REDIRECT, null).status()).isEqualTo(200);
		Http.Answer again = exchange(code, REDIRECT, null);
		assertThat(again.status()).isEqualTo(400);
		assertThat(again.map()).containsEntry("error", "invalid_grant")
			.containsEntry("error_description", "Invalid \"code\" in request.");
	}

	@Test
	void codesExpire() {
		String code = code("identify");
		CLOCK.advance(Duration.ofMinutes(3));
		assertThat(exchange(code, REDIRECT, null).map()).containsEntry("error", "invalid_grant");
	}

	@Test
	void redirectUriMustMatchTheAuthorization() {
		String code = code("identify");
		assertThat(exchange(code, "http://localhost:8080/other", null).map()).containsEntry("error", "invalid_grant")
			.containsEntry("error_description", "Invalid \"redirect_uri\" in request.");
		assertThat(exchange(code, REDIRECT, null).status()).isEqualTo(200);
		// Discord lets the exchange leave redirect_uri out (discord-api-docs PR #4749).
		assertThat(exchange(code("identify"), null, null).status()).isEqualTo(200);
	}

	@Test
	void pkceVerifierIsChecked() throws Exception {
		String verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
		String challenge = Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString(MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
		String code = fake.createAuthorizationCode(DemoData.USER_ID, REDIRECT, Set.of("identify"), challenge);
		assertThat(exchange(code, REDIRECT, null).map()).containsEntry("error", "invalid_request");
		assertThat(exchange(code, REDIRECT, verifier.replace('d', 'e')).map()).containsEntry("error", "invalid_grant");
		assertThat(exchange(code, REDIRECT, verifier).status()).isEqualTo(200);
	}

	@Test
	void clientMayAuthenticateInTheFormBody() {
		Http.Answer a = http.postForm(TOKEN,
				Map.of("grant_type", "authorization_code", "code", code("identify"), "redirect_uri", REDIRECT,
						"client_id", Long.toString(fake.clientId()), "client_secret", fake.clientSecret()),
				null);
		assertThat(a.status()).isEqualTo(200);
	}

	@Test
	void wrongOrMissingClientCredentialsAreInvalidClient() {
		Map<String, String> form = Map.of("grant_type", "authorization_code", "code", code("identify"), "redirect_uri",
				REDIRECT);
		Http.Answer wrong = http.postForm(TOKEN, form, Http.basic(fake.clientId(), "nope"));
		assertThat(wrong.status()).isEqualTo(401);
		assertThat(wrong.map()).containsEntry("error", "invalid_client");
		assertThat(http.postForm(TOKEN, form, null).map()).containsEntry("error", "invalid_client");
		assertThat(http.postForm(TOKEN, form, Http.basic(42L, fake.clientSecret())).status()).isEqualTo(401);
	}

	@Test
	void onlyFormBodiesAreAccepted() {
		Http.Answer json = http.send("POST", TOKEN, "application/json",
				"{\"grant_type\":\"client_credentials\",\"scope\":\"identify\"}", basic);
		assertThat(json.status()).isEqualTo(400);
		assertThat(json.map()).containsEntry("error", "invalid_request");
	}

	@Test
	void unknownOrMissingGrantTypeIsUnsupported() {
		assertThat(http.postForm(TOKEN, Map.of("grant_type", "password"), basic).map()).containsEntry("error",
				"unsupported_grant_type");
		assertThat(http.postForm(TOKEN, Map.of(), basic).map()).containsEntry("error", "unsupported_grant_type");
	}

	@Test
	void refreshRotatesAndExpiredAccessTokensCanBeRefreshed() {
		FakeDiscord.Tokens t = fake.createToken(DemoData.USER_ID, Set.of("identify"));
		fake.expireAccessToken(t.accessToken());
		assertThat(http.get("/api/v10/users/@me", "Bearer " + t.accessToken()).status()).isEqualTo(401);
		Http.Answer refreshed = http.postForm(TOKEN,
				Map.of("grant_type", "refresh_token", "refresh_token", t.refreshToken()), basic);
		assertThat(refreshed.status()).isEqualTo(200);
		assertThat(refreshed.map()).containsEntry("scope", "identify");
		assertThat(http.get("/api/v10/users/@me", "Bearer " + refreshed.map().get("access_token")).status())
			.isEqualTo(200);
		Http.Answer old = http.postForm(TOKEN, Map.of("grant_type", "refresh_token", "refresh_token", t.refreshToken()),
				basic);
		assertThat(old.map()).containsEntry("error", "invalid_grant")
			.containsEntry("error_description", "Invalid \"refresh_token\" in request.");
	}

	@Test
	void aRefreshKillsTheOldAccessTokenAtOnce() {
		FakeDiscord.Tokens t = fake.createToken(DemoData.USER_ID, Set.of("identify"));
		assertThat(http.get("/api/v10/users/@me", "Bearer " + t.accessToken()).status()).isEqualTo(200);
		Http.Answer refreshed = http.postForm(TOKEN,
				Map.of("grant_type", "refresh_token", "refresh_token", t.refreshToken()), basic);
		assertThat(refreshed.status()).isEqualTo(200);
		Http.Answer stale = http.get("/api/v10/users/@me", "Bearer " + t.accessToken());
		assertThat(stale.status()).isEqualTo(401);
		assertThat(stale.map()).containsEntry("code", 0).containsEntry("message", "401: Unauthorized");
		assertThat(http.get("/api/v10/users/@me", "Bearer " + refreshed.map().get("access_token")).status())
			.isEqualTo(200);
	}

	@Test
	void accessTokenSurvivesRefreshKeepsTheOlderLenientBehaviourOnRequest() {
		try (FakeDiscord lenient = FakeDiscord.builder().demoData().accessTokenSurvivesRefresh(true).start()) {
			Http h = new Http(lenient.baseUrl());
			FakeDiscord.Tokens t = lenient.createToken(DemoData.USER_ID, Set.of("identify"));
			Http.Answer refreshed = h.postForm(TOKEN,
					Map.of("grant_type", "refresh_token", "refresh_token", t.refreshToken()),
					Http.basic(lenient.clientId(), lenient.clientSecret()));
			assertThat(refreshed.status()).isEqualTo(200);
			assertThat(h.get("/api/v10/users/@me", "Bearer " + t.accessToken()).status()).isEqualTo(200);
			assertThat(h.get("/api/v10/users/@me", "Bearer " + refreshed.map().get("access_token")).status())
				.isEqualTo(200);
		}
	}

	@Test
	void accessTokensExpireAfterExpiresIn() {
		FakeDiscord.Tokens t = fake.createToken(DemoData.USER_ID, Set.of("identify"));
		assertThat(t.expiresIn()).isEqualTo(604800);
		CLOCK.advance(Duration.ofSeconds(604800));
		assertThat(http.get("/api/v10/users/@me", "Bearer " + t.accessToken()).status()).isEqualTo(401);
	}

	@Test
	void clientCredentialsNeedAValidScopeAndGiveNoRefreshToken() {
		Http.Answer ok = http.postForm(TOKEN,
				Map.of("grant_type", "client_credentials", "scope", "identify applications.commands.update"), basic);
		assertThat(ok.status()).isEqualTo(200);
		assertThat(ok.map()).doesNotContainKey("refresh_token");
		assertThat(http.postForm(TOKEN, Map.of("grant_type", "client_credentials"), basic).map()).containsEntry("error",
				"invalid_scope");
		assertThat(http.postForm(TOKEN, Map.of("grant_type", "client_credentials", "scope", "bot"), basic).map())
			.containsEntry("error", "invalid_scope");
		assertThat(
				http.postForm(TOKEN, Map.of("grant_type", "client_credentials", "scope", "nonsense"), basic).status())
			.isEqualTo(400);
	}

	@Test
	void revokingEitherTokenKillsTheWholeAuthorization() {
		FakeDiscord.Tokens t = fake.createToken(DemoData.USER_ID, Set.of("identify"));
		Http.Answer r = http.postForm("/api/v10/oauth2/token/revoke",
				Map.of("token", t.refreshToken(), "token_type_hint", "refresh_token"), basic);
		assertThat(r.status()).isEqualTo(200);
		assertThat(http.get("/api/v10/users/@me", "Bearer " + t.accessToken()).status()).isEqualTo(401);
		assertThat(http.postForm(TOKEN, Map.of("grant_type", "refresh_token", "refresh_token", t.refreshToken()), basic)
			.status()).isEqualTo(400);
		// RFC 7009: revoking an unknown token is not an error; but the client must still
		// authenticate.
		assertThat(http.postForm("/api/v10/oauth2/token/revoke", Map.of("token", "unknown"), basic).status())
			.isEqualTo(200);
		assertThat(http.postForm("/api/v10/oauth2/token/revoke", Map.of("token", "unknown"), null).status())
			.isEqualTo(401);
		assertThat(http.postForm("/api/v10/oauth2/token/revoke", Map.of(), basic).map()).containsEntry("error",
				"invalid_request");
	}

	@Test
	void theTokenEndpointAnswersOnEveryApiPrefix() {
		for (String prefix : new String[] { "/api", "/api/v9", "/api/v10" }) {
			Http.Answer a = http.postForm(prefix + "/oauth2/token",
					Map.of("grant_type", "client_credentials", "scope", "identify"), basic);
			assertThat(a.status()).as(prefix).isEqualTo(200);
		}
		assertThat(http.get(TOKEN, basic).status()).isEqualTo(405);
	}

}
