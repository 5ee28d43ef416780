package io.github.discordoauth2.login;

import java.net.URI;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.github.discordoauth2.security.tokens.DiscordTokenStore;
import io.github.discordoauth2.security.tokens.DiscordTokens;
import io.github.discordoauth2.security.tokens.JdbcDiscordTokenStore;
import io.github.discordoauth2.support.BlockHoundSupport;
import io.github.discordoauth2.support.EmbeddedPostgresSupport;
import io.github.discordoauth2.test.DemoData;
import io.github.discordoauth2.test.RecordedRequest;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import reactor.blockhound.BlockingOperationError;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.web.context.reactive.ReactiveWebApplicationContext;
import org.springframework.context.ApplicationContext;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.test.web.reactive.server.SecurityMockServerConfigurers;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

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
@Tag("reactive")
class ReactiveLoginIntegrationTests extends ComposedLoginTests {

	static {
		BlockHoundSupport.install();
	}

	private static final long USER = DemoData.USER_ID;

	// The token store on a real PostgreSQL, whose driver does socket I/O: any store
	// access on an event loop would be a blocking call that BlockHound reports. Closed
	// by zonky's shutdown hook, after the cached application context.
	private static final EmbeddedPostgres postgres = EmbeddedPostgresSupport.start();

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		registry.add("spring.datasource.url", () -> postgres.getJdbcUrl("postgres", "postgres"));
		registry.add("spring.datasource.username", () -> "postgres");
		registry.add("spring.datasource.password", () -> "postgres");
		registry.add("discord.oauth2.token-store.initialize-schema", () -> "always");
	}

	@Autowired
	ApplicationContext context;

	@Autowired
	DiscordTokenStore store;

	@Autowired
	DiscordTokens tokens;

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
	void loginsOneAfterAnotherAllComplete() {
		// Each login takes the whole round trip; none may stall (a leaked connection or
		// a lost signal would show here first).
		for (int i = 0; i < 20; i++) {
			this.store.update("discord", USER, (current) -> null);
			HttpResponse<String> page = new TestBrowser().follow(url((i % 2 == 0) ? "/me" : "/guilds"));
			assertThat(page.statusCode()).as("login %d", i).isEqualTo(200);
		}
	}

	@Test
	void aWebFluxApplicationWithTheStarterIsReactive() {
		assertThat(new SpringApplication(ReactiveLoginTestApplication.class).getWebApplicationType())
			.isEqualTo(WebApplicationType.REACTIVE);
		assertThat(this.context).isInstanceOf(ReactiveWebApplicationContext.class);
		assertThat(classPresent("jakarta.servlet.Servlet")).as("servlet API on the class path").isFalse();
	}

	@Test
	void tokensAreInTheDatabaseAndBlockHoundWouldCatchReadingThemOnANonBlockingThread() {
		assertThat(this.store).isInstanceOf(JdbcDiscordTokenStore.class);
		// The control: talking to this database on a non-blocking thread, which the
		// starter never does. On a connection of its own, as the interrupted call leaves
		// it unusable.
		Throwable thrown = catchThrowable(() -> Mono.fromCallable(() -> {
			try (Connection connection = postgres.getPostgresDatabase().getConnection()) {
				return connection.isValid(1);
			}
		}).subscribeOn(Schedulers.parallel()).block());
		assertThat(thrown).isNotNull();
		assertThat((thrown instanceof BlockingOperationError) ? thrown : thrown.getCause())
			.isInstanceOf(BlockingOperationError.class);
	}

	@Test
	void loginWithDiscordGivesTheControllerAWorkingReactiveToken() {
		HttpResponse<String> me = this.browser.follow(url("/me"));

		assertShowsTheDemoUser(me);
		List<URI> visited = this.browser.visited();
		DiscordLoginFlow.assertWentThroughDiscord(visited, discord.fake(), "identify%20email%20guilds");
		List<RecordedRequest> tokenCalls = DiscordLoginFlow.tokenCalls(discord.fake());
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
		assertThat(DiscordLoginFlow.tokenCalls(discord.fake())).singleElement()
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
		assertThat(DiscordLoginFlow.tokenCalls(discord.fake())).isEmpty();
	}

	private @Nullable OAuth2AuthorizedClient storedClient() {
		return this.store.load("discord", USER);
	}

	private void storeAsExpired(OAuth2AuthorizedClient client) {
		OAuth2AccessToken token = client.getAccessToken();
		Instant expiresAt = Instant.now().minusSeconds(60);
		OAuth2AccessToken expired = new OAuth2AccessToken(token.getTokenType(), token.getTokenValue(),
				expiresAt.minusSeconds(3600), expiresAt, token.getScopes());
		// Through this instance's tokens, as an expiry seen here: a write of another
		// instance would be seen only within the copies' time to live.
		this.tokens.save(new OAuth2AuthorizedClient(client.getClientRegistration(), client.getPrincipalName(), expired,
				client.getRefreshToken()), USER);
	}

	private static void assertShowsTheDemoUser(HttpResponse<String> me) {
		assertThat(me.statusCode()).isEqualTo(200);
		assertThat(me.body()).isEqualTo(DemoData.USER_ID + ":" + DemoData.USERNAME);
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
