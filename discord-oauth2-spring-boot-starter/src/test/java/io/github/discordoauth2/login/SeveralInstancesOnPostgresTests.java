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

import io.github.discordoauth2.AccessToken;
import io.github.discordoauth2.autoconfigure.DiscordClientBuilderCustomizer;
import io.github.discordoauth2.security.tokens.DiscordTokens;
import io.github.discordoauth2.support.EmbeddedPostgresSupport;
import io.github.discordoauth2.support.MovableClock;
import io.github.discordoauth2.test.FakeDiscord;
import io.github.discordoauth2.test.FakeUser;
import io.github.discordoauth2.test.RecordedRequest;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two instances of one application (two application contexts on their own ports) share
 * one real PostgreSQL through Spring Session JDBC and the JDBC token store, while
 * FakeDiscord rotates refresh tokens: after the tokens expire, concurrent requests of
 * every user spread over both instances are all served with the user's own identity, with
 * one refresh per user; a restart loses nobody; background work on the other instance
 * finds every user's working token.
 */
class SeveralInstancesOnPostgresTests {

	private static final int USERS = 20;

	private static final int REQUESTS_PER_USER = 10;

	private static final long FIRST_USER = 1200000000000000000L;

	/**
	 * How long an access token lives on the test's clock, shared by FakeDiscord and both
	 * instances' clients: tokens expire when the test moves the clock, never because a
	 * loaded machine was slow, so "one refresh per user per expiry" can be counted.
	 */
	private static final Duration TOKEN_LIFETIME = Duration.ofSeconds(30);

	private static final MovableClock clock = new MovableClock();

	private static EmbeddedPostgres postgres;

	private static FakeDiscord discord;

	private static ConfigurableApplicationContext a;

	private static ConfigurableApplicationContext b;

	@BeforeAll
	static void start() {
		postgres = EmbeddedPostgresSupport.start();
		FakeDiscord.Builder builder = FakeDiscord.builder()
			.allowLoopbackRedirects(true)
			.autoApprove(true)
			.clock(clock)
			.accessTokenTtl(TOKEN_LIFETIME);
		for (int i = 0; i < USERS; i++) {
			builder.user(FakeUser.of(FIRST_USER + i, "user" + i));
		}
		discord = builder.start();
		a = instance();
		b = instance();
	}

	@AfterAll
	static void stop() throws Exception {
		for (ConfigurableApplicationContext context : new ConfigurableApplicationContext[] { a, b }) {
			if (context != null) {
				context.close();
			}
		}
		if (discord != null) {
			discord.close();
		}
		if (postgres != null) {
			postgres.close();
		}
	}

	@Test
	void usersStayLoggedInAcrossInstancesRotationAndRestart() throws Exception {
		List<User> users = new ArrayList<>();
		for (int i = 0; i < USERS; i++) {
			User user = new User(FIRST_USER + i, "user" + i);
			user.logInOn(a);
			users.add(user);
		}

		// Every access token expires; each user's next requests alternate A and B, all at
		// once.
		clock.advance(TOKEN_LIFETIME.plusSeconds(1));
		discord.clearJournal();
		List<Callable<HttpResponse<String>>> calls = new ArrayList<>();
		for (User user : users) {
			for (int n = 0; n < REQUESTS_PER_USER; n++) {
				ConfigurableApplicationContext instance = (n % 2 == 0) ? a : b;
				calls.add(() -> user.get(instance, "/me"));
			}
		}
		List<HttpResponse<String>> responses = runAtOnce(calls);

		for (int i = 0; i < responses.size(); i++) {
			User user = users.get(i / REQUESTS_PER_USER);
			assertThat(responses.get(i).statusCode()).as("request %d of %s", i % REQUESTS_PER_USER, user.name)
				.isEqualTo(200);
			assertThat(responses.get(i).body()).isEqualTo(user.id + ":" + user.name);
		}
		assertThat(successfulRefreshes()).as("successful refreshes for %d users", USERS).isEqualTo(USERS);
		assertThat(discord.journal()).extracting(RecordedRequest::path).doesNotContain("/oauth2/authorize");

		// A restarts on the same database: nobody logs in again.
		a.close();
		a = instance();
		discord.clearJournal();
		for (User user : users) {
			HttpResponse<String> me = user.get(a, "/me");
			assertThat(me.statusCode()).as(user.name + " after the restart").isEqualTo(200);
			assertThat(me.body()).isEqualTo(user.id + ":" + user.name);
		}
		assertThat(discord.journal()).extracting(RecordedRequest::path).doesNotContain("/oauth2/authorize");

		// Background work on B, after another expiry: every user's token works, and the
		// rotation B did is what A serves next.
		clock.advance(TOKEN_LIFETIME.plusSeconds(1));
		DiscordTokens tokens = b.getBean(DiscordTokens.class);
		for (User user : users) {
			AccessToken token = tokens.find(user.id).orElseThrow();
			assertThat(token.fetchIdentify().id()).isEqualTo(user.id);
		}
		for (User user : users) {
			assertThat(user.get(a, "/me").body()).isEqualTo(user.id + ":" + user.name);
		}
		assertThat(successfulRefreshes()).isEqualTo(USERS);
	}

	private static long successfulRefreshes() {
		return discord.journal()
			.stream()
			.filter((request) -> request.path().equals("/api/v10/oauth2/token") && request.status() == 200
					&& request.body().contains("grant_type=refresh_token"))
			.count();
	}

	private static List<HttpResponse<String>> runAtOnce(List<Callable<HttpResponse<String>>> calls) throws Exception {
		ExecutorService executor = Executors.newFixedThreadPool(calls.size());
		try {
			List<Future<HttpResponse<String>>> futures = executor.invokeAll(calls, 120, TimeUnit.SECONDS);
			List<HttpResponse<String>> responses = new ArrayList<>();
			for (Future<HttpResponse<String>> future : futures) {
				responses.add(future.get());
			}
			return responses;
		}
		finally {
			executor.shutdownNow();
		}
	}

	private static ConfigurableApplicationContext instance() {
		return new SpringApplicationBuilder(LoginTestApplication.class, SharedClock.class)
			.properties(Map.of("server.port", "0", "spring.datasource.url", postgres.getJdbcUrl("postgres", "postgres"),
					"spring.session.jdbc.initialize-schema", "always", "discord.oauth2.token-store.initialize-schema",
					"always", "discord.oauth2.token-store.refresh-ahead", "5s", "discord.oauth2.base-url",
					discord.baseUrl(), "discord.oauth2.client-id", Long.toString(discord.clientId()),
					"discord.oauth2.client-secret", discord.clientSecret()))
			.run();
	}

	private static int port(ConfigurableApplicationContext context) {
		return ((WebServerApplicationContext) context).getWebServer().getPort();
	}

	/** Hands the test's clock to the core client, which decides when tokens expire. */
	@Configuration(proxyBeanMethods = false)
	static class SharedClock {

		@Bean
		DiscordClientBuilderCustomizer sharedClock() {
			return (builder) -> builder.clock(clock);
		}

	}

	/**
	 * One person's browser: its cookies (the shared session) go to both instances, as
	 * behind a load balancer on one host name.
	 */
	private static final class User {

		final long id;

		final String name;

		private final HttpClient http = HttpClient.newBuilder()
			.cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
			.followRedirects(HttpClient.Redirect.NEVER)
			.connectTimeout(Duration.ofSeconds(5))
			.build();

		User(long id, String name) {
			this.id = id;
			this.name = name;
		}

		void logInOn(ConfigurableApplicationContext instance) throws IOException, InterruptedException {
			discord.actAs(this.id);
			URI next = URI.create("http://localhost:" + port(instance) + "/me");
			HttpResponse<String> response = send(next);
			for (int hop = 0; hop < 10 && response.statusCode() == 302; hop++) {
				next = next.resolve(response.headers().firstValue("Location").orElseThrow());
				response = send(next);
			}
			assertThat(response.statusCode()).as(this.name + " logs in").isEqualTo(200);
			assertThat(response.body()).isEqualTo(this.id + ":" + this.name);
		}

		HttpResponse<String> get(ConfigurableApplicationContext instance, String path)
				throws IOException, InterruptedException {
			return send(URI.create("http://localhost:" + port(instance) + path));
		}

		private HttpResponse<String> send(URI uri) throws IOException, InterruptedException {
			return this.http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60)).GET().build(),
					HttpResponse.BodyHandlers.ofString());
		}

	}

}
