package io.github.discordoauth2.login;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.github.discordoauth2.security.DiscordTokenStore;
import io.github.discordoauth2.support.BlockHoundSupport;
import io.github.discordoauth2.test.DemoData;
import io.github.discordoauth2.test.FakeDiscord;
import io.github.discordoauth2.test.RecordedRequest;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.web.context.reactive.ReactiveWebApplicationContext;
import org.springframework.context.ApplicationContext;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.test.web.reactive.server.SecurityMockServerConfigurers;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * "Login with Discord" in a WebFlux application on a real Netty server against
 * FakeDiscord, the redirects followed by hand with a cookie-keeping client; the
 * application has nothing but the properties and controllers taking a
 * {@code ReactiveAccessToken}. Runs under BlockHound, so a blocking call on an event loop
 * (the token store, a login listener) fails it.
 */
@SpringBootTest(classes = ReactiveLoginTestApplication.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "discord.oauth2.scopes=identify,email,guilds")
class ReactiveLoginIntegrationTests extends ComposedLoginTests {

	static {
		BlockHoundSupport.install();
	}

	private static final long USER = DemoData.USER_ID;

	@Autowired
	ApplicationContext context;

	@Autowired
	DiscordTokenStore store;

	@Autowired
	ReactiveLoginTestApplication.LoginEvents loginEvents;

	private final TestBrowser browser = new TestBrowser();

	@BeforeEach
	void forgetEarlierLogins() {
		this.loginEvents.events.clear();
		this.loginEvents.threads.clear();
		this.store.update("discord", USER, (current) -> null);
	}

	@Test
	void aWebFluxApplicationWithTheStarterIsReactive() {
		assertThat(new SpringApplication(ReactiveLoginTestApplication.class).getWebApplicationType())
			.isEqualTo(WebApplicationType.REACTIVE);
		assertThat(this.context).isInstanceOf(ReactiveWebApplicationContext.class);
		assertThat(classPresent("jakarta.servlet.Servlet")).as("servlet API on the class path").isFalse();
	}

	@Test
	void loginWithDiscordGivesTheControllerAWorkingReactiveToken() {
		HttpResponse<String> me = this.browser.follow(url("/me"));

		assertShowsTheDemoUser(me);
		List<URI> visited = this.browser.visited();
		assertThat(visited).extracting(URI::getPath)
			.containsSubsequence("/me", "/oauth2/authorization/discord", "/oauth2/authorize",
					"/login/oauth2/code/discord", "/me");
		URI authorize = visited.stream()
			.filter((uri) -> uri.getPath().equals("/oauth2/authorize"))
			.findFirst()
			.orElseThrow();
		assertThat(authorize.toString()).startsWith(discord.baseUrl())
			.contains("client_id=" + DemoData.APPLICATION_ID)
			.contains("code_challenge_method=S256")
			.contains("scope=identify%20email%20guilds");
		List<RecordedRequest> tokenCalls = tokenCalls(discord.fake());
		assertThat(tokenCalls).singleElement().satisfies((call) -> {
			assertThat(call.body()).contains("grant_type=authorization_code").contains("code_verifier=");
			assertThat(call.header("User-Agent")).startsWith("DiscordBot (");
		});
		// The tokens are in the starter's store under the Discord user ID.
		assertThat(storedClient()).isNotNull();
		assertThat(this.loginEvents.events).singleElement()
			.satisfies((event) -> assertThat(event.user().id()).isEqualTo(USER));
		assertThat(this.loginEvents.threads).singleElement().asString().startsWith("boundedElastic");
	}

	@Test
	void principalIsTheDiscordUserAndAMonoOfTheTokenIsResolvedToo() {
		this.browser.follow(url("/me"));

		assertThat(this.browser.follow(url("/principal")).body()).isEqualTo(USER + ":" + DemoData.USERNAME);
		HttpResponse<String> guilds = this.browser.follow(url("/guilds"));
		assertThat(guilds.statusCode()).isEqualTo(200);
		assertThat(guilds.body()).contains(DemoData.OWNED_GUILD_NAME);
	}

	@Test
	void expiredTokenIsRefreshedOnceForConcurrentRequestsAndTheRotatedPairIsStored() {
		this.browser.follow(url("/me"));
		OAuth2AuthorizedClient before = storedClient();
		assertThat(before).isNotNull();
		discord.fake().expireAccessToken(before.getAccessToken().getTokenValue());
		storeAsExpired(before);
		discord.fake().clearJournal();
		this.browser.clearVisited();

		List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			calls.add(CompletableFuture.supplyAsync(() -> this.browser.get(url("/me"))));
		}

		calls.forEach((call) -> assertShowsTheDemoUser(call.join()));
		assertThat(tokenCalls(discord.fake())).singleElement()
			.satisfies((call) -> assertThat(call.body()).contains("grant_type=refresh_token"));
		OAuth2AuthorizedClient after = storedClient();
		assertThat(after).isNotNull();
		assertThat(after.getAccessToken().getTokenValue()).isNotEqualTo(before.getAccessToken().getTokenValue());
		assertThat(after.getRefreshToken()).isNotNull();
		assertThat(after.getRefreshToken().getTokenValue()).isNotEqualTo(before.getRefreshToken().getTokenValue());
		assertThat(this.browser.visited()).extracting(URI::getPath).doesNotContain("/oauth2/authorize");
		assertThat(this.loginEvents.events).hasSize(1);
	}

	@Test
	void anonymousUserIsSentToTheDiscordLogin() {
		HttpResponse<String> me = this.browser.get(url("/me"));

		assertThat(TestBrowser.isRedirect(me)).isTrue();
		assertThat(TestBrowser.location(me).getPath()).isEqualTo("/oauth2/authorization/discord");
	}

	@Test
	void userOfAnotherLoginGetsForbiddenInsteadOfADiscordLogin() {
		WebTestClient client = WebTestClient.bindToApplicationContext(this.context)
			.apply(SecurityMockServerConfigurers.springSecurity())
			.configureClient()
			.build()
			.mutateWith(SecurityMockServerConfigurers.mockUser("alice"));

		client.get().uri("/me").exchange().expectStatus().isForbidden();
		assertThat(tokenCalls(discord.fake())).isEmpty();
	}

	private @Nullable OAuth2AuthorizedClient storedClient() {
		return this.store.load("discord", USER);
	}

	private void storeAsExpired(OAuth2AuthorizedClient client) {
		OAuth2AccessToken token = client.getAccessToken();
		Instant expiresAt = Instant.now().minusSeconds(60);
		OAuth2AccessToken expired = new OAuth2AccessToken(token.getTokenType(), token.getTokenValue(),
				expiresAt.minusSeconds(3600), expiresAt, token.getScopes());
		this.store.save(new OAuth2AuthorizedClient(client.getClientRegistration(), client.getPrincipalName(), expired,
				client.getRefreshToken()), USER);
	}

	private static void assertShowsTheDemoUser(HttpResponse<String> me) {
		assertThat(me.statusCode()).isEqualTo(200);
		assertThat(me.body()).isEqualTo(DemoData.USER_ID + ":" + DemoData.USERNAME);
	}

	private static List<RecordedRequest> tokenCalls(FakeDiscord fake) {
		return fake.journal()
			.stream()
			.filter((request) -> request.method().equals("POST") && request.path().equals("/api/v10/oauth2/token"))
			.toList();
	}

	private static boolean classPresent(String name) {
		try {
			Class.forName(name);
			return true;
		}
		catch (ClassNotFoundException ex) {
			return false;
		}
	}

}
