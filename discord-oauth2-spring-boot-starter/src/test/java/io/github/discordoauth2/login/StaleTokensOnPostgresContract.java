package io.github.discordoauth2.login;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.github.discordoauth2.security.tokens.DiscordTokens;
import io.github.discordoauth2.support.EmbeddedPostgresSupport;
import io.github.discordoauth2.test.FakeDiscord;
import io.github.discordoauth2.test.FakeUser;
import io.github.discordoauth2.test.Fault;
import io.github.discordoauth2.test.RecordedRequest;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two instances of one application on one real PostgreSQL, each keeping its copy of the
 * current tokens ({@code discord.oauth2.token-store.cache.*}), while FakeDiscord retires
 * an access token as soon as it is refreshed: requests that hold a token which another
 * instance refreshes while they run are sent again once and served with the newer token,
 * never with an error and without a refresh of their own; a user revoked on one instance
 * gets the login on the other, not an error page. Each user has a browser session on each
 * instance (sticky sessions, one token store). Both web stacks run it.
 */
abstract class StaleTokensOnPostgresContract {

	private static final int USERS = 10;

	private static final int REQUESTS_PER_USER = 20;

	private static final int ROUNDS = 10;

	private static final long FIRST_USER = 1300000000000000000L;

	private EmbeddedPostgres postgres;

	private FakeDiscord discord;

	private ConfigurableApplicationContext a;

	private ConfigurableApplicationContext b;

	/**
	 * The application under test, with a {@code GET /me} that takes the user's token and
	 * calls Discord with it.
	 * @return the application class
	 */
	abstract Class<?> application();

	/**
	 * The web stack of {@link #application()}.
	 * @return servlet or reactive
	 */
	abstract WebApplicationType stack();

	@BeforeEach
	void start() {
		this.postgres = EmbeddedPostgresSupport.start();
		FakeDiscord.Builder builder = FakeDiscord.builder().allowLoopbackRedirects(true).autoApprove(true);
		for (int i = 0; i < USERS; i++) {
			builder.user(FakeUser.of(FIRST_USER + i, "user" + i));
		}
		this.discord = builder.start();
		this.a = instance();
		this.b = instance();
	}

	@AfterEach
	void stop() throws Exception {
		for (ConfigurableApplicationContext context : new ConfigurableApplicationContext[] { this.a, this.b }) {
			if (context != null) {
				context.close();
			}
		}
		if (this.discord != null) {
			this.discord.close();
		}
		if (this.postgres != null) {
			this.postgres.close();
		}
	}

	@Test
	void requestsWhoseTokenIsRefreshedElsewhereWhileTheyRunAreServedWithTheNewerToken() throws Exception {
		List<User> users = loggedInOnBoth();
		DiscordTokens onB = this.b.getBean(DiscordTokens.class);
		for (int round = 1; round <= ROUNDS; round++) {
			// Both instances hold the current token in their copies.
			for (User user : users) {
				for (ConfigurableApplicationContext instance : List.of(this.a, this.b)) {
					// A copy left from the previous round (within its time to live) is
					// recovered from by one redirect.
					HttpResponse<String> me = user.follow(instance, "/me");
					assertThat(me.statusCode())
						.as("round %d, %s on %s", round, user.name, (instance == this.a) ? "A" : "B")
						.isEqualTo(200);
					assertThat(me.body()).isEqualTo(user.id + ":" + user.name);
				}
			}
			this.discord.clearJournal();
			// Discord answers slowly, so that every request is in flight with the old
			// token when B refreshes it (as at the token's expiry, or in a nightly job).
			this.discord.faults()
				.next("GET /users/@me", USERS * REQUESTS_PER_USER, Fault.delay(Duration.ofMillis(600)));
			List<Callable<HttpResponse<String>>> calls = new ArrayList<>();
			for (User user : users) {
				for (int n = 0; n < REQUESTS_PER_USER; n++) {
					ConfigurableApplicationContext instance = (n % 2 == 0) ? this.a : this.b;
					calls.add(() -> user.follow(instance, "/me"));
				}
			}
			ExecutorService executor = Executors.newFixedThreadPool(calls.size());
			try {
				List<Future<HttpResponse<String>>> inFlight = new ArrayList<>();
				for (Callable<HttpResponse<String>> call : calls) {
					inFlight.add(executor.submit(call));
				}
				Thread.sleep(300);
				for (User user : users) {
					onB.invalidateAccessToken(user.id);
					assertThat(onB.find(user.id)).isPresent();
				}

				for (int i = 0; i < inFlight.size(); i++) {
					User user = users.get(i / REQUESTS_PER_USER);
					HttpResponse<String> response = inFlight.get(i).get(120, TimeUnit.SECONDS);
					assertThat(response.statusCode())
						.as("round %d, request %d of %s", round, i % REQUESTS_PER_USER, user.name)
						.isEqualTo(200);
					assertThat(response.body()).isEqualTo(user.id + ":" + user.name);
				}
			}
			finally {
				executor.shutdownNow();
				this.discord.faults().clear();
			}
			assertThat(successfulRefreshes()).as("round %d: only B's refreshes", round).isEqualTo(USERS);
			assertThat(this.discord.journal()).extracting(RecordedRequest::path).doesNotContain("/oauth2/authorize");
		}
	}

	@Test
	void aUserRevokedOnOneInstanceGetsTheLoginOnTheOtherNotAnErrorPage() throws Exception {
		List<User> users = loggedInOnBoth();
		User user = users.get(0);
		assertThat(user.get(this.a, "/me").statusCode()).isEqualTo(200);

		this.b.getBean(DiscordTokens.class).revoke(user.id);

		HttpResponse<String> me = user.get(this.a, "/me");
		assertThat(me.statusCode()).as("the copy's token is refused: sent again").isEqualTo(302);
		HttpResponse<String> again = user.get(this.a, URI.create(me.headers().firstValue("Location").orElseThrow()));
		assertThat(again.statusCode()).isEqualTo(302);
		// To the login: Discord's authorization page, or the application's way there.
		assertThat(URI.create(again.headers().firstValue("Location").orElseThrow()).getPath()).isIn("/oauth2/authorize",
				"/oauth2/authorization/discord");
	}

	private List<User> loggedInOnBoth() throws IOException, InterruptedException {
		List<User> users = new ArrayList<>();
		for (int i = 0; i < USERS; i++) {
			User user = new User(FIRST_USER + i, "user" + i);
			user.logInOn(this.a);
			user.logInOn(this.b);
			users.add(user);
			// A kept a copy of the pair of its own login, which B's login replaced in
			// the store (both live at Discord): start both instances from the store.
			this.a.getBean(DiscordTokens.class).load(user.id);
		}
		return users;
	}

	private long successfulRefreshes() {
		return this.discord.journal()
			.stream()
			.filter((request) -> request.path().equals("/api/v10/oauth2/token") && request.status() == 200
					&& request.body().contains("grant_type=refresh_token"))
			.count();
	}

	private ConfigurableApplicationContext instance() {
		return new SpringApplicationBuilder(application()).web(stack())
			.properties(Map.of("server.port", "0", "spring.datasource.url",
					this.postgres.getJdbcUrl("postgres", "postgres"), "discord.oauth2.token-store.initialize-schema",
					"always", "spring.session.jdbc.initialize-schema", "always",
					"discord.oauth2.token-store.cache.time-to-live", "30s", "discord.oauth2.base-url",
					this.discord.baseUrl(), "discord.oauth2.client-id", Long.toString(this.discord.clientId()),
					"discord.oauth2.client-secret", this.discord.clientSecret()))
			.run();
	}

	private static int port(ConfigurableApplicationContext context) {
		return ((WebServerApplicationContext) context).getWebServer().getPort();
	}

	/**
	 * One person's browser, with a session on each instance: the instances are reached
	 * under two host names, so that their session cookies stay apart.
	 */
	private final class User {

		final long id;

		final String name;

		private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);

		private final HttpClient http = HttpClient.newBuilder()
			.cookieHandler(this.cookies)
			.followRedirects(HttpClient.Redirect.NEVER)
			.connectTimeout(Duration.ofSeconds(5))
			.build();

		User(long id, String name) {
			this.id = id;
			this.name = name;
		}

		void logInOn(ConfigurableApplicationContext instance) throws IOException, InterruptedException {
			StaleTokensOnPostgresContract.this.discord.actAs(this.id);
			follow(instance, "/me", 10);
			// WebFlux lands on the home page after the login, Spring MVC on the page
			// asked for.
			HttpResponse<String> response = follow(instance, "/me", 3);
			assertThat(response.statusCode()).as(this.name + " logs in").isEqualTo(200);
			assertThat(response.body()).isEqualTo(this.id + ":" + this.name);
		}

		/** Follows redirects within the application, as a browser would. */
		HttpResponse<String> follow(ConfigurableApplicationContext instance, String path)
				throws IOException, InterruptedException {
			HttpResponse<String> response = follow(instance, path, 3);
			assertThat(response.uri().getPath()).as("never sent to a new login").doesNotStartWith("/oauth2");
			return response;
		}

		private HttpResponse<String> follow(ConfigurableApplicationContext instance, String path, int hops)
				throws IOException, InterruptedException {
			URI next = uri(instance, path);
			HttpResponse<String> response = send(next);
			for (int hop = 0; hop < hops && response.statusCode() == 302; hop++) {
				next = next.resolve(response.headers().firstValue("Location").orElseThrow());
				response = send(next);
			}
			return response;
		}

		HttpResponse<String> get(ConfigurableApplicationContext instance, String path)
				throws IOException, InterruptedException {
			return send(uri(instance, path));
		}

		HttpResponse<String> get(ConfigurableApplicationContext instance, URI location)
				throws IOException, InterruptedException {
			return send(uri(instance, "/").resolve(location));
		}

		private URI uri(ConfigurableApplicationContext instance, String path) {
			String host = (instance == StaleTokensOnPostgresContract.this.a) ? "localhost" : "127.0.0.1";
			return URI.create("http://" + host + ":" + port(instance) + path);
		}

		private HttpResponse<String> send(URI uri) throws IOException, InterruptedException {
			return this.http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60)).GET().build(),
					HttpResponse.BodyHandlers.ofString());
		}

	}

}
