package io.github.discordoauth2.security.tokens;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

import javax.sql.DataSource;

import io.github.discordoauth2.AccessToken;
import io.github.discordoauth2.Client;
import io.github.discordoauth2.security.DiscordClientRegistrations;
import io.github.discordoauth2.support.MovableClock;
import io.github.discordoauth2.test.DemoData;
import io.github.discordoauth2.test.FakeDiscord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.jdbc.init.DataSourceScriptDatabaseInitializer;
import org.springframework.boot.sql.init.DatabaseInitializationMode;
import org.springframework.boot.sql.init.DatabaseInitializationSettings;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.jdbc.datasource.embedded.EmbeddedDatabase;
import org.springframework.jdbc.datasource.embedded.EmbeddedDatabaseBuilder;
import org.springframework.jdbc.datasource.embedded.EmbeddedDatabaseType;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Specification of each instance's copy of the current tokens in {@link DiscordTokens}:
 * no database read for a token known to be current, this instance's writes seen at once,
 * another instance's within the time to live, and bounded memory. Two "instances" share
 * the JDBC store on H2, whose {@code SELECT}s are counted where the driver receives them.
 */
class DiscordTokensCacheTests {

	private static final long USER = DemoData.USER_ID;

	private static final Duration TIME_TO_LIVE = Duration.ofSeconds(30);

	private final MovableClock clock = new MovableClock();

	// The copies' clock is the test's, so that "within the time to live" is exact.
	private final LongSupplier nanoTime = () -> this.clock.millis() * 1_000_000L;

	private final AtomicInteger selects = new AtomicInteger();

	private FakeDiscord discord;

	private EmbeddedDatabase database;

	private JdbcDiscordTokenStore store;

	private ClientRegistration registration;

	@BeforeEach
	void start() {
		this.discord = FakeDiscord.builder().demoData().clock(this.clock).accessTokenTtl(Duration.ofHours(1)).start();
		this.database = new EmbeddedDatabaseBuilder().setType(EmbeddedDatabaseType.H2).generateUniqueName(true).build();
		DatabaseInitializationSettings settings = new DatabaseInitializationSettings();
		settings.setMode(DatabaseInitializationMode.ALWAYS);
		settings.setSchemaLocations(
				List.of("classpath:io/github/discordoauth2/security/tokens/token-store-schema-blob.sql"));
		new DataSourceScriptDatabaseInitializer(this.database, settings).initializeDatabase();
		this.registration = DiscordClientRegistrations.discord("discord", client())
			.clientSecret(this.discord.clientSecret())
			.redirectUri(DemoData.REDIRECT_URI)
			.scope("identify")
			.build();
		this.store = new JdbcDiscordTokenStore(new JdbcTemplate(countingSelects(this.database)),
				new InMemoryClientRegistrationRepository(this.registration));
	}

	@AfterEach
	void stop() {
		this.discord.close();
		this.database.shutdown();
	}

	@Test
	void aCurrentTokenIsServedWithoutReadingTheDatabaseAgain() {
		FakeDiscord.Tokens issued = logIn();
		DiscordTokens tokens = cached();
		this.selects.set(0);

		for (int i = 0; i < 100; i++) {
			assertThat(tokens.current(USER).orElseThrow().getAccessToken().getTokenValue())
				.isEqualTo(issued.accessToken());
		}

		assertThat(this.selects).as("SELECTs for 100 requests").hasValue(1);
	}

	@Test
	void withoutCacheEveryRequestReadsTheDatabase() {
		logIn();
		DiscordTokens tokens = uncached();
		this.selects.set(0);

		for (int i = 0; i < 10; i++) {
			tokens.current(USER).orElseThrow();
		}

		assertThat(this.selects).hasValue(10);
	}

	@Test
	void thisInstancesRevokeAndLoginAreSeenAtOnce() {
		logIn();
		DiscordTokens tokens = cached();
		tokens.current(USER).orElseThrow();

		tokens.revoke(USER);
		assertThat(tokens.current(USER)).isEmpty();

		FakeDiscord.Tokens again = this.discord.createToken(USER, Set.of("identify"));
		tokens.save(entry(again.accessToken(), again.refreshToken(), this.clock.instant().plus(Duration.ofHours(1))),
				USER);
		assertThat(tokens.current(USER).orElseThrow().getAccessToken().getTokenValue()).isEqualTo(again.accessToken());
	}

	@Test
	void anotherInstancesRefreshIsSeenWithinTheTimeToLiveAndAStaleCopyStillWorksUntilDiscordRefusesIt() {
		FakeDiscord.Tokens issued = logIn();
		DiscordTokens a = cached();
		DiscordTokens b = uncached();
		a.current(USER).orElseThrow();

		// B refreshes (its copy was refused, say): Discord retires the old access token.
		b.invalidateAccessToken(USER);
		String rotated = b.current(USER).orElseThrow().getAccessToken().getTokenValue();
		assertThat(rotated).isNotEqualTo(issued.accessToken());

		// Within the bound A may still hand out its copy; the web layer's 401 handling
		// reads the store again when Discord refuses it, which drops the copy.
		assertThat(a.current(USER).orElseThrow().getAccessToken().getTokenValue()).isEqualTo(issued.accessToken());
		assertThat(a.load(USER).getAccessToken().getTokenValue()).isEqualTo(rotated);
		assertThat(a.current(USER).orElseThrow().getAccessToken().getTokenValue()).isEqualTo(rotated);

		// Without the 401: seen once the time to live has passed.
		AccessToken again = b.toAccessToken(b.load(USER));
		b.invalidateAccessToken(USER);
		String rotatedTwice = b.current(USER).orElseThrow().getAccessToken().getTokenValue();
		assertThat(rotatedTwice).isNotEqualTo(again.token());
		this.clock.advance(TIME_TO_LIVE);
		assertThat(a.current(USER).orElseThrow().getAccessToken().getTokenValue()).isEqualTo(rotatedTwice);
	}

	@Test
	void anotherInstancesRevokeIsSeenWithinTheTimeToLive() {
		logIn();
		DiscordTokens a = cached();
		DiscordTokens b = uncached();
		a.current(USER).orElseThrow();

		b.revoke(USER);

		this.clock.advance(TIME_TO_LIVE.minusSeconds(1));
		assertThat(a.current(USER)).as("the stated bound: up to the time to live").isPresent();
		this.clock.advance(Duration.ofSeconds(1));
		assertThat(a.current(USER)).isEmpty();
	}

	@Test
	void aTokenDueForARefreshIsNeverServedFromTheCopy() {
		FakeDiscord.Tokens issued = logIn();
		DiscordTokens tokens = cached();
		tokens.current(USER).orElseThrow();

		this.clock.advance(Duration.ofHours(1));
		String served = tokens.current(USER).orElseThrow().getAccessToken().getTokenValue();

		assertThat(served).isNotEqualTo(issued.accessToken());
		assertThat(this.store.load("discord", USER).getAccessToken().getTokenValue()).isEqualTo(served);
	}

	@Test
	void walksReadTheStoreAndLeaveTheCopiesAlone() {
		logIn();
		DiscordTokens tokens = cached();

		tokens.forEachToken(10, (userId, token) -> {
		});
		assertThat(tokens.find(USER)).isPresent();

		assertThat(tokens.cachedUsers()).isZero();
	}

	@Test
	void aReadThatRacedAWriteNeverLeavesItsOlderCopy() {
		CurrentTokenCache cache = new CurrentTokenCache(TIME_TO_LIVE, 10, this.nanoTime);
		OAuth2AuthorizedClient older = entry("older", "older-refresh", this.clock.instant().plusSeconds(3600));
		long stamp = cache.stamp(USER);

		// The read of "older" happened before a write of this instance, whose forget ran
		// before the reader got to keep its copy.
		cache.forget(USER);
		cache.keep(USER, older, stamp);

		assertThat(cache.get(USER)).isNull();
	}

	@Test
	void memoryStaysBoundedAt100000Users() {
		CurrentTokenCache cache = new CurrentTokenCache(TIME_TO_LIVE, 10_000, this.nanoTime);
		OAuth2AuthorizedClient entry = entry("access", "refresh", this.clock.instant().plusSeconds(3600));

		for (long user = 0; user < 100_000; user++) {
			cache.keep(user, entry, cache.stamp(user));
		}

		assertThat(cache.size()).isLessThanOrEqualTo(10_000).isGreaterThan(5_000);
		assertThat(cache.get(99_999)).as("the latest read is kept").isNotNull();
	}

	@Test
	void expiredCopiesGoFirstWhenFull() {
		CurrentTokenCache cache = new CurrentTokenCache(TIME_TO_LIVE, 100, this.nanoTime);
		OAuth2AuthorizedClient entry = entry("access", "refresh", this.clock.instant().plusSeconds(3600));
		for (long user = 0; user < 100; user++) {
			cache.keep(user, entry, cache.stamp(user));
		}
		this.clock.advance(TIME_TO_LIVE);

		cache.keep(1000, entry, cache.stamp(1000));

		assertThat(cache.size()).isEqualTo(1);
	}

	private FakeDiscord.Tokens logIn() {
		FakeDiscord.Tokens issued = this.discord.createToken(USER, Set.of("identify"));
		this.store.save(
				entry(issued.accessToken(), issued.refreshToken(), this.clock.instant().plus(Duration.ofHours(1))),
				USER);
		return issued;
	}

	private OAuth2AuthorizedClient entry(String access, String refresh, Instant expiresAt) {
		return new OAuth2AuthorizedClient(
				this.registration, Long.toString(USER), new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER,
						access, expiresAt.minusSeconds(30), expiresAt, Set.of("identify")),
				new OAuth2RefreshToken(refresh, expiresAt.minusSeconds(30)));
	}

	private DiscordTokens cached() {
		DiscordTokens tokens = uncached();
		tokens.setCache(TIME_TO_LIVE, 1000, this.nanoTime);
		return tokens;
	}

	private DiscordTokens uncached() {
		return new DiscordTokens(client(), "discord", this.store, (event) -> {
		}, Duration.ofSeconds(60), Duration.ofSeconds(3));
	}

	private Client client() {
		return Client.builder()
			.clientId(this.discord.clientId())
			.clientSecret(this.discord.clientSecret())
			.baseUrl(this.discord.baseUrl())
			.clock(this.clock)
			.build();
	}

	/**
	 * The database as the store sees it, counting every {@code SELECT} the driver is
	 * asked to prepare.
	 */
	private DataSource countingSelects(DataSource target) {
		return new DelegatingDataSource(target) {

			@Override
			public Connection getConnection() throws SQLException {
				Connection connection = super.getConnection();
				return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(),
						new Class<?>[] { Connection.class }, (proxy, method, args) -> {
							if (method.getName().startsWith("prepare") && args != null && args.length > 0
									&& args[0] instanceof String sql
									&& sql.stripLeading().toLowerCase(Locale.ROOT).startsWith("select")) {
								DiscordTokensCacheTests.this.selects.incrementAndGet();
							}
							try {
								return method.invoke(connection, args);
							}
							catch (java.lang.reflect.InvocationTargetException ex) {
								throw ex.getCause();
							}
						});
			}

		};
	}

}
