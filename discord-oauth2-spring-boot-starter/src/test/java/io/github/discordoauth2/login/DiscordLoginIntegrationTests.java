package io.github.discordoauth2.login;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.discordoauth2.Client;
import io.github.discordoauth2.exceptions.ForbiddenException;
import io.github.discordoauth2.security.DiscordLoginEvent;
import io.github.discordoauth2.test.DemoData;
import io.github.discordoauth2.test.FakeDiscordExtension;
import io.github.discordoauth2.test.FakeDiscordProperties;
import io.github.discordoauth2.test.Fault;
import io.github.discordoauth2.test.RecordedRequest;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientService;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The whole "Login with Discord" over a real embedded server against FakeDiscord: the
 * application has nothing but the quick start's properties and controllers.
 */
@SpringBootTest(classes = LoginTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "discord.oauth2.scopes=identify,email,guilds", "discord.oauth2.login.revoke-on-logout=true",
				"discord.oauth2.login.refresh-on-unauthorized=true" })
class DiscordLoginIntegrationTests {

	private static final String USER = Long.toString(DemoData.USER_ID);

	private static final Pattern CSRF_INPUT = Pattern.compile("name=\"_csrf\" type=\"hidden\" value=\"([^\"]+)\"");

	@RegisterExtension
	static FakeDiscordExtension discord = FakeDiscordExtension.withDemoData();

	@DynamicPropertySource
	static void discordProperties(DynamicPropertyRegistry registry) {
		FakeDiscordProperties.register(discord.fake(), registry);
	}

	@LocalServerPort
	int port;

	@Autowired
	OAuth2AuthorizedClientService authorizedClients;

	@Autowired
	LoginTestApplication.LoginEvents loginEvents;

	@Autowired
	Client client;

	private final TestBrowser browser = new TestBrowser();

	@BeforeEach
	void forgetEarlierLogins() {
		this.loginEvents.events.clear();
		this.authorizedClients.removeAuthorizedClient("discord", USER);
	}

	@Test
	void loginWithDiscordGivesTheControllerAWorkingAccessToken() {
		HttpResponse<String> me = this.browser.follow(app("/me"));

		assertShowsTheDemoUser(me);
		List<URI> visited = this.browser.visited();
		DiscordLoginFlow.assertWentThroughDiscord(visited, discord.fake(), "identify%20email%20guilds");
		List<RecordedRequest> tokenCalls = DiscordLoginFlow.tokenCalls(discord.fake());
		assertThat(tokenCalls).hasSize(1);
		assertThat(tokenCalls.get(0).body()).contains("grant_type=authorization_code").contains("code_verifier=");
		assertThat(tokenCalls.get(0).header("User-Agent")).startsWith("DiscordBot (");
	}

	@Test
	void principalIsTheDiscordUserAndTheClientIsInjectable() {
		this.browser.follow(app("/me"));

		assertThat(this.browser.follow(app("/principal")).body())
			.isEqualTo(USER + ":" + DemoData.USERNAME + ":" + USER);
		HttpResponse<String> invite = this.browser.get(app("/invite"));
		assertThat(TestBrowser.location(invite).toString())
			.startsWith(discord.baseUrl() + "/oauth2/authorize?client_id=" + DemoData.APPLICATION_ID)
			.contains("scope=bot");
	}

	@Test
	void loginEventIsPublishedOncePerLogin() {
		this.browser.follow(app("/me"));
		this.browser.follow(app("/me"));
		this.browser.follow(app("/principal"));

		assertThat(this.loginEvents.events).hasSize(1);
		DiscordLoginEvent event = this.loginEvents.events.get(0);
		assertThat(event.registrationId()).isEqualTo("discord");
		assertThat(event.user().id()).isEqualTo(DemoData.USER_ID);
		assertThat(event.user().email()).isEqualTo(DemoData.EMAIL);
		assertThat(event.accessToken().refreshToken()).isNotBlank();
		assertThat(event.accessToken().scopes()).contains("identify", "email", "guilds");
		assertThat(event.guild()).isEmpty();
		assertThat(event.webhook()).isEmpty();
		OAuth2AuthorizedClient stored = storedClient();
		assertThat(stored.getRefreshToken().getTokenValue()).isEqualTo(event.accessToken().refreshToken());
		assertThat(event.toString()).doesNotContain(event.accessToken().token())
			.doesNotContain(event.accessToken().refreshToken());
	}

	@Test
	void expiredAccessTokenIsRefreshedOnceAndTheRotatedRefreshTokenStored() {
		OAuth2AuthorizedClient before = logIn();
		// Discord refuses the old token from now on, and Spring sees it as expired (as
		// after a week).
		discord.fake().expireAccessToken(before.getAccessToken().getTokenValue());
		storeAsExpired(before);
		startWatching();

		HttpResponse<String> me = this.browser.follow(app("/me"));

		assertShowsTheDemoUser(me);
		List<RecordedRequest> tokenCalls = DiscordLoginFlow.tokenCalls(discord.fake());
		assertThat(tokenCalls).hasSize(1);
		assertThat(tokenCalls.get(0).body()).contains("grant_type=refresh_token");
		OAuth2AuthorizedClient after = storedClient();
		assertThat(after.getAccessToken().getTokenValue()).isNotEqualTo(before.getAccessToken().getTokenValue());
		assertThat(after.getRefreshToken().getTokenValue()).isNotEqualTo(before.getRefreshToken().getTokenValue());
		assertThat(this.browser.visited()).extracting(URI::getPath).doesNotContain("/oauth2/authorize");

		// The new token lasts: the next request neither refreshes nor logs in again.
		discord.fake().clearJournal();
		assertThat(this.browser.follow(app("/me")).statusCode()).isEqualTo(200);
		assertThat(DiscordLoginFlow.tokenCalls(discord.fake())).isEmpty();
		assertThat(this.loginEvents.events).hasSize(1);
	}

	@Test
	void tokenThatDiscordExpiredEarlyIsRefreshedOnce() {
		OAuth2AuthorizedClient before = logIn();
		// Only Discord knows: Spring still thinks the token is good for a week.
		discord.fake().expireAccessToken(before.getAccessToken().getTokenValue());
		startWatching();

		HttpResponse<String> me = this.browser.follow(app("/me?x=1"));

		assertShowsTheDemoUser(me);
		assertThat(this.browser.visited()).extracting(URI::toString).containsExactly(app("/me?x=1"), app("/me?x=1"));
		assertThat(DiscordLoginFlow.tokenCalls(discord.fake())).singleElement()
			.satisfies((call) -> assertThat(call.body()).contains("grant_type=refresh_token"));
		OAuth2AuthorizedClient after = storedClient();
		assertThat(after.getRefreshToken().getTokenValue()).isNotEqualTo(before.getRefreshToken().getTokenValue());
		assertThat(this.loginEvents.events).hasSize(1);
	}

	@Test
	void tokenThatDiscordRevokedLeadsToAFreshLogin() {
		OAuth2AuthorizedClient before = logIn();
		// The user removed the app in Discord's settings: access and refresh token die at
		// once.
		discord.fake().revokeToken(before.getAccessToken().getTokenValue());
		startWatching();

		HttpResponse<String> me = this.browser.follow(app("/me"));

		assertThat(me.statusCode()).isEqualTo(200);
		assertThat(this.browser.visited()).extracting(URI::getPath)
			.containsSubsequence("/me", "/me", "/oauth2/authorize", "/login/oauth2/code/discord", "/me");
		assertThat(this.loginEvents.events).hasSize(2);
	}

	@Test
	void refusedRefreshLeadsToAFreshLogin() {
		OAuth2AuthorizedClient before = logIn();
		// The user revoked the app: both tokens die, so the refresh gets invalid_grant.
		discord.fake().revokeToken(before.getRefreshToken().getTokenValue());
		storeAsExpired(before);
		startWatching();

		HttpResponse<String> me = this.browser.follow(app("/me"));

		assertShowsTheDemoUser(me);
		assertThat(this.browser.visited()).extracting(URI::getPath)
			.containsSubsequence("/me", "/oauth2/authorize", "/login/oauth2/code/discord", "/me");
		assertThat(DiscordLoginFlow.tokenCalls(discord.fake())).extracting(RecordedRequest::body)
			.satisfiesExactly((refresh) -> assertThat(refresh).contains("grant_type=refresh_token"),
					(exchange) -> assertThat(exchange).contains("grant_type=authorization_code"));
		assertThat(this.loginEvents.events).hasSize(2);
		OAuth2AuthorizedClient after = storedClient();
		assertThat(after.getRefreshToken().getTokenValue()).isNotEqualTo(before.getRefreshToken().getTokenValue());
	}

	@Test
	void callbackWithForgedStateIsRefused() {
		HttpResponse<String> start = this.browser.get(app("/oauth2/authorization/discord"));
		assertThat(TestBrowser.location(start).toString()).startsWith(discord.baseUrl() + "/oauth2/authorize");
		String redirectUri = app("/login/oauth2/code/discord");
		String code = discord.fake().createAuthorizationCode(DemoData.USER_ID, redirectUri, Set.of("identify"));
		discord.fake().clearJournal();

		HttpResponse<String> callback = this.browser.get(redirectUri + "?code=" + code + "&state=forged");

		assertThat(callback.statusCode()).isEqualTo(302);
		assertThat(TestBrowser.location(callback).getPath()).isEqualTo("/login");
		assertThat(TestBrowser.location(callback).getQuery()).isEqualTo("error");
		assertThat(DiscordLoginFlow.tokenCalls(discord.fake())).isEmpty();
		assertThat(this.loginEvents.events).isEmpty();
		assertThat(storedClient()).isNull();
	}

	@Test
	void replayedCallbackIsRefused() {
		this.browser.follow(app("/me"));
		URI callback = this.browser.visited()
			.stream()
			.filter((uri) -> uri.getPath().equals("/login/oauth2/code/discord"))
			.findFirst()
			.orElseThrow();
		discord.fake().clearJournal();

		HttpResponse<String> replay = this.browser.get(callback.toString());

		assertThat(replay.statusCode()).isEqualTo(302);
		assertThat(TestBrowser.location(replay).getPath()).isEqualTo("/login");
		assertThat(DiscordLoginFlow.tokenCalls(discord.fake())).isEmpty();
		assertThat(this.loginEvents.events).hasSize(1);
	}

	@Test
	void homeIsPublicAndEverythingElseStartsTheLogin() {
		assertThat(this.browser.get(app("/")).statusCode()).isEqualTo(200);
		HttpResponse<String> me = this.browser.get(app("/me"));
		assertThat(me.statusCode()).isEqualTo(302);
		assertThat(TestBrowser.location(me).getPath()).isEqualTo("/oauth2/authorization/discord");
	}

	@Test
	void logoutRevokesTheDiscordAuthorization() {
		OAuth2AuthorizedClient before = logIn();
		Matcher csrf = CSRF_INPUT.matcher(this.browser.get(app("/logout")).body());
		assertThat(csrf.find()).as("CSRF token on the logout page").isTrue();
		discord.fake().clearJournal();

		HttpResponse<String> logout = this.browser.post(app("/logout"),
				"_csrf=" + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8));

		assertThat(logout.statusCode()).isEqualTo(302);
		assertThat(TestBrowser.location(logout).getPath()).isEqualTo("/");
		assertThat(discord.fake().journal()).extracting(RecordedRequest::path).contains("/api/v10/oauth2/token/revoke");
		assertThat(storedClient()).isNull();
		Client client = this.client;
		assertThatExceptionOfType(ForbiddenException.class)
			.isThrownBy(() -> client.fromAccessToken(before.getAccessToken().getTokenValue()).fetchIdentify());
		HttpResponse<String> me = this.browser.get(app("/me"));
		assertThat(TestBrowser.location(me).getPath()).isEqualTo("/oauth2/authorization/discord");
	}

	@Test
	void logoutWhoseRevocationDiscordDoesNotConfirmTellsTheUser() {
		logIn();
		Matcher csrf = CSRF_INPUT.matcher(this.browser.get(app("/logout")).body());
		assertThat(csrf.find()).as("CSRF token on the logout page").isTrue();
		discord.fake().faults().next("POST /oauth2/token/revoke", 2, Fault.status(502));

		HttpResponse<String> logout = this.browser.post(app("/logout"),
				"_csrf=" + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8));

		assertThat(logout.statusCode()).isEqualTo(302);
		assertThat(TestBrowser.location(logout).getPath()).isEqualTo("/");
		assertThat(TestBrowser.location(logout).getQuery()).isEqualTo("discord-logout-error=revocation_failed");
		assertThat(storedClient()).isNull();
	}

	/**
	 * Logs the demo user in through the browser and returns the tokens Spring Security
	 * stored.
	 */
	private OAuth2AuthorizedClient logIn() {
		this.browser.follow(app("/me"));
		return storedClient();
	}

	private @Nullable OAuth2AuthorizedClient storedClient() {
		return this.authorizedClients.loadAuthorizedClient("discord", USER);
	}

	/**
	 * Forgets the pages and Discord calls so far, so that assertions see only what
	 * follows.
	 */
	private void startWatching() {
		this.browser.clearVisited();
		discord.fake().clearJournal();
	}

	private static void assertShowsTheDemoUser(HttpResponse<String> me) {
		assertThat(me.statusCode()).isEqualTo(200);
		assertThat(me.body()).isEqualTo(DemoData.USER_ID + ":" + DemoData.USERNAME);
	}

	private void storeAsExpired(OAuth2AuthorizedClient client) {
		OAuth2AccessToken token = client.getAccessToken();
		Instant expiresAt = token.getIssuedAt().minusSeconds(1);
		OAuth2AccessToken expired = new OAuth2AccessToken(token.getTokenType(), token.getTokenValue(),
				expiresAt.minusSeconds(3600), expiresAt, token.getScopes());
		this.authorizedClients.saveAuthorizedClient(
				new OAuth2AuthorizedClient(client.getClientRegistration(), client.getPrincipalName(), expired,
						client.getRefreshToken()),
				UsernamePasswordAuthenticationToken.authenticated(client.getPrincipalName(), null, List.of()));
	}

	private String app(String path) {
		return "http://localhost:" + this.port + path;
	}

}
