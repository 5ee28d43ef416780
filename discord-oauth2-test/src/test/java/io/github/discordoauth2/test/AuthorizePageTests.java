package io.github.discordoauth2.test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AuthorizePageTests {

	private static final Pattern HIDDEN = Pattern
		.compile("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\">");

	private static final String CHALLENGE = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";

	private static FakeDiscord fake;

	private static Http http;

	@BeforeAll
	static void start() {
		fake = FakeDiscord.builder().demoData().applicationName("Linked <Roles> & Co").start();
		http = new Http(fake.baseUrl());
	}

	@AfterAll
	static void stop() {
		fake.close();
	}

	@BeforeEach
	void asker() {
		fake.autoApprove(false);
		fake.actAs(DemoData.USER_ID);
	}

	private static Map<String, String> params(String scope) {
		return Http.authorizeParams(scope);
	}

	private static Http.Answer authorize(Map<String, String> params) {
		String query = Http.form(params).replace("+", "%20");
		return http.get("/oauth2/authorize?" + query, null);
	}

	/**
	 * Submits the consent form the way a browser does: every hidden field plus the
	 * clicked button.
	 */
	private static Http.Answer submit(String html, String decision) {
		Map<String, String> fields = new LinkedHashMap<>();
		Matcher m = HIDDEN.matcher(html);
		while (m.find()) {
			fields.put(m.group(1), m.group(2).replace("&amp;", "&"));
		}
		fields.put("decision", decision);
		return http.postForm("/oauth2/authorize", fields, null);
	}

	@Test
	void consentScreenNamesTheApplicationAndEachScopeInPlainWords() {
		Http.Answer page = authorize(params("identify email guilds.join"));
		assertThat(page.status()).isEqualTo(200);
		assertThat(page.header("Content-Type")).startsWith("text/html");
		assertThat(page.body()).contains("<html lang=\"en\">")
			.contains("Linked &lt;Roles&gt; &amp; Co wants to access your Discord account")
			.doesNotContain("<Roles>")
			.contains("Know your username, avatar and banner")
			.contains("Know your email address")
			.contains("Add you to servers")
			.contains("Signed in as <strong>" + DemoData.GLOBAL_NAME)
			.contains("<form method=\"post\" action=\"/oauth2/authorize\"")
			.contains(">Authorize</button>")
			.contains(">Cancel</button>");
	}

	@Test
	void authorizeRedirectsWithCodeAndState() {
		Http.Answer page = authorize(params("identify"));
		Http.Answer approved = submit(page.body(), "authorize");
		assertThat(approved.status()).isEqualTo(302);
		assertThat(approved.header("Location")).startsWith(DemoData.REDIRECT_URI + "?code=");
		assertThat(approved.locationQuery()).containsEntry("state", "s-42").containsKey("code");
	}

	@Test
	void cancelRedirectsWithAccessDenied() {
		Http.Answer denied = submit(authorize(params("identify")).body(), "cancel");
		assertThat(denied.status()).isEqualTo(302);
		assertThat(denied.locationQuery()).containsEntry("error", "access_denied")
			.containsEntry("state", "s-42")
			.doesNotContainKey("code");
	}

	@Test
	void theActingUserIsWhoApproves() {
		fake.actAs(DemoData.OTHER_USER_ID).autoApprove(true);
		String code = authorize(params("identify")).locationQuery().get("code");
		Http.Answer token = http.postForm("/api/v10/oauth2/token",
				Map.of("grant_type", "authorization_code", "code", code, "redirect_uri", DemoData.REDIRECT_URI),
				Http.basic(fake.clientId(), fake.clientSecret()));
		Map<String, Object> me = http.get("/api/v10/users/@me", "Bearer " + token.map().get("access_token")).map();
		assertThat(me).containsEntry("id", Long.toString(DemoData.OTHER_USER_ID)).doesNotContainKey("email");
	}

	@Test
	void badRequestsGetAnErrorPageAndNeverARedirect() {
		Map<String, String> unknownClient = params("identify");
		unknownClient.put("client_id", "123");
		assertError(authorize(unknownClient), "Unknown Application");

		Map<String, String> badRedirect = params("identify");
		badRedirect.put("redirect_uri", "https://evil.example/cb");
		assertError(authorize(badRedirect), "Invalid OAuth2 redirect_uri");

		Map<String, String> loopback = params("identify");
		loopback.put("redirect_uri", "http://localhost:5555/cb");
		assertError(authorize(loopback), "Invalid OAuth2 redirect_uri");

		Map<String, String> badType = params("identify");
		badType.put("response_type", "id_token");
		assertError(authorize(badType), "response_type");

		assertError(authorize(params("identify teleport")), "Invalid scope: teleport");
		assertError(authorize(params("")), "Invalid scope");

		Map<String, String> badPrompt = params("identify");
		badPrompt.put("prompt", "login");
		assertError(authorize(badPrompt), "Invalid prompt");

		Map<String, String> shortChallenge = params("identify");
		shortChallenge.put("code_challenge", "abc");
		shortChallenge.put("code_challenge_method", "S256");
		assertError(authorize(shortChallenge), "Invalid code_challenge");
	}

	private static void assertError(Http.Answer page, String text) {
		assertThat(page.status()).isEqualTo(400);
		assertThat(page.header("Location")).isNull();
		assertThat(page.body()).contains(text).contains("role=\"alert\"");
	}

	@Test
	void loopbackRedirectsAreAcceptedWhenAllowed() {
		try (FakeDiscord loose = FakeDiscord.builder()
			.demoData()
			.allowLoopbackRedirects(true)
			.autoApprove(true)
			.start()) {
			Http.Answer a = new Http(loose.baseUrl()).get(
					"/oauth2/authorize?client_id=" + DemoData.APPLICATION_ID
							+ "&response_type=code&scope=identify&redirect_uri=" + URLEncoder
								.encode("http://127.0.0.1:41234/login/oauth2/code/discord?x=1", StandardCharsets.UTF_8),
					null);
			assertThat(a.status()).isEqualTo(302);
			assertThat(a.header("Location")).startsWith("http://127.0.0.1:41234/login/oauth2/code/discord?x=1&code=");
		}
	}

	@Test
	void promptNoneSkipsTheScreenOnlyWhenAlreadyAuthorized() {
		fake.actAs(DemoData.OTHER_USER_ID);
		Map<String, String> none = params("connections");
		none.put("prompt", "none");
		assertThat(authorize(none).status()).isEqualTo(200);
		assertThat(submit(authorize(none).body(), "authorize").status()).isEqualTo(302);
		Http.Answer silent = authorize(none);
		assertThat(silent.status()).isEqualTo(302);
		assertThat(silent.locationQuery()).containsKey("code");
		Map<String, String> consent = params("connections");
		consent.put("prompt", "consent");
		assertThat(authorize(consent).status()).isEqualTo(200);
	}

	@Test
	void pkceChallengeTravelsThroughTheConsentForm() {
		Map<String, String> p = params("identify");
		p.put("code_challenge", CHALLENGE);
		p.put("code_challenge_method", "S256");
		String code = submit(authorize(p).body(), "authorize").locationQuery().get("code");
		Http.Answer token = http.postForm("/api/v10/oauth2/token",
				Map.of("grant_type", "authorization_code", "code", code, "redirect_uri", DemoData.REDIRECT_URI,
						"code_verifier", "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"),
				Http.basic(fake.clientId(), fake.clientSecret()));
		assertThat(token.status()).isEqualTo(200);
	}

	@Test
	void implicitGrantPutsTheTokenInTheFragment() {
		fake.autoApprove(true);
		Map<String, String> p = params("identify");
		p.put("response_type", "token");
		Http.Answer a = authorize(p);
		assertThat(a.status()).isEqualTo(302);
		String location = a.header("Location");
		assertThat(location).startsWith(DemoData.REDIRECT_URI + "#");
		Map<String, String> fragment = Http.parse(location.substring(location.indexOf('#') + 1));
		assertThat(fragment).containsEntry("token_type", "Bearer")
			.containsEntry("state", "s-42")
			.doesNotContainKey("refresh_token");
		assertThat(http.get("/api/v10/users/@me", "Bearer " + fragment.get("access_token")).status()).isEqualTo(200);
	}

	@Test
	void botScopeAddsTheBotAndTheTokenCarriesTheGuild() {
		FakeRole manageServer = FakeRole.of(1100000000000000399L, "Manager", "32", 3);
		FakeMember manager = new FakeMember(DemoData.MEMBER_GUILD_ID, DemoData.USER_ID, null,
				List.of(manageServer.id()), Instant.parse("2023-04-01T12:00:00Z"), false, false);
		try (FakeDiscord f = FakeDiscord.builder()
			.demoData()
			.role(DemoData.MEMBER_GUILD_ID, manageServer)
			.member(manager)
			.autoApprove(true)
			.start()) {
			Http h = new Http(f.baseUrl());
			Map<String, String> p = params("bot webhook.incoming");
			p.put("guild_id", Long.toString(DemoData.MEMBER_GUILD_ID));
			p.put("permissions", "8");
			Http.Answer a = new Http(f.baseUrl()).get("/oauth2/authorize?" + Http.form(p), null);
			assertThat(a.locationQuery()).containsEntry("guild_id", Long.toString(DemoData.MEMBER_GUILD_ID))
				.containsEntry("permissions", "8");
			assertThat(f.isBotInGuild(DemoData.MEMBER_GUILD_ID)).isTrue();
			Map<String, Object> token = h
				.postForm("/api/v10/oauth2/token",
						Map.of("grant_type", "authorization_code", "code", a.locationQuery().get("code"),
								"redirect_uri", DemoData.REDIRECT_URI),
						Http.basic(f.clientId(), f.clientSecret()))
				.map();
			assertThat(token.get("guild")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
				.containsEntry("id", Long.toString(DemoData.MEMBER_GUILD_ID));
			assertThat(token.get("webhook")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
				.containsKeys("id", "token", "url", "channel_id");
		}
	}

	@Test
	void theApiPrefixedAuthorizePathWorksToo() {
		fake.autoApprove(true);
		Http.Answer a = http.get("/api/oauth2/authorize?" + Http.form(params("identify")), null);
		assertThat(a.status()).isEqualTo(302);
	}

}
