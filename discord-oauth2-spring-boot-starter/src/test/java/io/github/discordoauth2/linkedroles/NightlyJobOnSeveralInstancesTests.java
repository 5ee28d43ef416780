package io.github.discordoauth2.linkedroles;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.github.discordoauth2.security.tokens.DiscordTokenStore;
import io.github.discordoauth2.security.tokens.JdbcDiscordTokenStore;
import io.github.discordoauth2.security.tokens.UserWalkReport;
import io.github.discordoauth2.support.EmbeddedPostgresSupport;
import io.github.discordoauth2.support.MovableClock;
import io.github.discordoauth2.test.FakeDiscord;
import io.github.discordoauth2.test.FakeUser;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two instances of the docs' linked-roles application (two application contexts) share
 * one real PostgreSQL; their schedulers start the nightly job at the same moment, night
 * after night. Each night one instance walks the users and the other finds the lease
 * taken, so every user's role connection is written exactly once.
 */
class NightlyJobOnSeveralInstancesTests {

	private static final int USERS = 12;

	private static final int NIGHTS = 4;

	private static final long FIRST_USER = 1300000000000000000L;

	private static final MovableClock clock = new MovableClock();

	private static EmbeddedPostgres postgres;

	private static FakeDiscord discord;

	private static ConfigurableApplicationContext a;

	private static ConfigurableApplicationContext b;

	@BeforeAll
	static void start() {
		postgres = EmbeddedPostgresSupport.start();
		FakeDiscord.Builder builder = FakeDiscord.builder().allowLoopbackRedirects(true).autoApprove(true);
		for (int i = 0; i < USERS; i++) {
			builder.user(FakeUser.of(FIRST_USER + i, "user" + i));
		}
		discord = builder.start();
		a = instance();
		b = instance();
		for (ConfigurableApplicationContext instance : List.of(a, b)) {
			instance.getBean(JdbcDiscordTokenStore.class).setLeaseClock(clock);
		}
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
	void jobStartedOnBothInstancesAtOnceSyncsEveryUserExactlyOnce() throws Exception {
		authorizeEveryUser();
		for (int night = 1; night <= NIGHTS; night++) {
			for (ConfigurableApplicationContext instance : List.of(a, b)) {
				instance.getBean(LinkedRolesApplication.Levels.class).level.set(night);
			}
			discord.clearJournal();

			List<Optional<UserWalkReport>> runs = atOnce(a.getBean(LinkedRolesApplication.LinkedRoles.class)::syncAll,
					b.getBean(LinkedRolesApplication.LinkedRoles.class)::syncAll);

			assertThat(runs).as("night %d", night)
				.filteredOn(Optional::isPresent)
				.singleElement()
				.isEqualTo(Optional.of(new UserWalkReport(USERS, 0, 0, List.of())));
			assertThat(roleConnectionWrites()).as("role connections written on night %d", night).isEqualTo(USERS);
			for (int i = 0; i < USERS; i++) {
				assertThat(discord.roleConnection(FIRST_USER + i).orElseThrow().metadata()).containsEntry("level",
						Integer.toString(night));
			}
			clock.advance(Duration.ofDays(1));
		}
	}

	private static void authorizeEveryUser() {
		ClientRegistration registration = a.getBean(ClientRegistrationRepository.class).findByRegistrationId("discord");
		DiscordTokenStore store = a.getBean(DiscordTokenStore.class);
		Instant now = Instant.now();
		for (int i = 0; i < USERS; i++) {
			long userId = FIRST_USER + i;
			FakeDiscord.Tokens tokens = discord.createToken(userId, Set.of("identify", "role_connections.write"));
			store.save(new OAuth2AuthorizedClient(registration, Long.toString(userId),
					new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, tokens.accessToken(), now,
							now.plusSeconds(tokens.expiresIn()), Set.of("identify", "role_connections.write")),
					new OAuth2RefreshToken(tokens.refreshToken(), now)), userId);
		}
	}

	private static long roleConnectionWrites() {
		return discord.journal()
			.stream()
			.filter((request) -> request.method().equals("PUT") && request.path().endsWith("/role-connection")
					&& request.status() == 200)
			.count();
	}

	@SafeVarargs
	private static <T> List<T> atOnce(Callable<T>... jobs) throws Exception {
		ExecutorService executor = Executors.newFixedThreadPool(jobs.length);
		try {
			CountDownLatch go = new CountDownLatch(1);
			List<Future<T>> futures = new ArrayList<>();
			for (Callable<T> job : jobs) {
				futures.add(executor.submit(() -> {
					go.await();
					return job.call();
				}));
			}
			go.countDown();
			List<T> results = new ArrayList<>();
			for (Future<T> future : futures) {
				results.add(future.get(120, TimeUnit.SECONDS));
			}
			return results;
		}
		finally {
			executor.shutdownNow();
		}
	}

	private static ConfigurableApplicationContext instance() {
		return new SpringApplicationBuilder(LinkedRolesApplication.class).properties(Map.of("server.port", "0",
				"spring.datasource.url", postgres.getJdbcUrl("postgres", "postgres"),
				"discord.oauth2.token-store.initialize-schema", "always", "linked-roles.sync-cron", "-",
				"discord.oauth2.scopes", "identify,role_connections.write", "discord.oauth2.base-url",
				discord.baseUrl(), "discord.oauth2.client-id", Long.toString(discord.clientId()),
				"discord.oauth2.client-secret", discord.clientSecret(), "discord.oauth2.bot-token", discord.botToken()))
			.run();
	}

}
