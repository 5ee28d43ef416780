package io.github.discordoauth2.security;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.github.discordoauth2.Client;
import io.github.discordoauth2.exceptions.Credential;
import io.github.discordoauth2.exceptions.ForbiddenException;
import io.github.discordoauth2.security.tokens.DiscordTokens;
import io.github.discordoauth2.security.tokens.DiscordTokensRemovedEvent;
import io.github.discordoauth2.security.tokens.JdbcDiscordTokenStore;
import io.github.discordoauth2.security.tokens.UserWalkReport;
import io.github.discordoauth2.support.MovableClock;
import io.github.discordoauth2.test.DemoData;
import io.github.discordoauth2.test.FakeDiscord;
import io.github.discordoauth2.test.FakeUser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.jdbc.init.DataSourceScriptDatabaseInitializer;
import org.springframework.boot.sql.init.DatabaseInitializationMode;
import org.springframework.boot.sql.init.DatabaseInitializationSettings;
import org.springframework.jdbc.core.JdbcTemplate;
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
 * Specification of the walks over every user of {@link DiscordTokens}: they always
 * complete, remove the users whose tokens Discord refuses (so that {@code find} never
 * hands those tokens out again), and report everything else at the end. FakeDiscord over
 * HTTP, the JDBC store on H2.
 */
class DiscordTokensWalkTests {

	private static final long ALICE = DemoData.USER_ID;

	private static final long BOB = DemoData.OTHER_USER_ID;

	private static final long CAROL = 1100000000000000102L;

	private final MovableClock clock = new MovableClock();

	private FakeDiscord discord;

	private EmbeddedDatabase database;

	private JdbcDiscordTokenStore store;

	private ClientRegistration registration;

	private final List<Object> events = new CopyOnWriteArrayList<>();

	@BeforeEach
	void start() {
		this.discord = FakeDiscord.builder().demoData().user(FakeUser.of(CAROL, "carol")).clock(this.clock).start();
		this.database = new EmbeddedDatabaseBuilder().setType(EmbeddedDatabaseType.H2).generateUniqueName(true).build();
		DatabaseInitializationSettings settings = new DatabaseInitializationSettings();
		settings.setMode(DatabaseInitializationMode.ALWAYS);
		settings
			.setSchemaLocations(List.of("classpath:io/github/discordoauth2/security/tokens/token-store-schema-blob.sql",
					"classpath:io/github/discordoauth2/security/tokens/token-store-schema-lease.sql"));
		new DataSourceScriptDatabaseInitializer(this.database, settings).initializeDatabase();
		this.registration = DiscordClientRegistrations.discord("discord", client())
			.clientSecret(this.discord.clientSecret())
			.redirectUri(DemoData.REDIRECT_URI)
			.scope("identify")
			.build();
		this.store = new JdbcDiscordTokenStore(new JdbcTemplate(this.database),
				new InMemoryClientRegistrationRepository(this.registration));
		this.store.setLeaseClock(this.clock);
	}

	@AfterEach
	void stop() {
		this.discord.close();
		this.database.shutdown();
	}

	@Test
	void walkRemovesAUserWhoRevokedTheAppAndCompletesForTheOthers() {
		logIn(ALICE);
		logIn(BOB);
		FakeDiscord.Tokens carol = logIn(CAROL);
		// Carol removed the app in Discord: access and refresh token die at once, long
		// before their recorded expiry.
		this.discord.revokeToken(carol.accessToken());
		DiscordTokens tokens = tokens();
		List<Long> identified = new ArrayList<>();

		// The recipe the docs showed before walks completed.
		UserWalkReport report = tokens.forEachUser(2,
				(userId) -> tokens.find(userId).ifPresent((token) -> identified.add(token.fetchIdentify().id())));

		assertThat(identified).containsExactlyInAnyOrder(ALICE, BOB);
		assertThat(report.visited()).isEqualTo(3);
		assertThat(report.removed()).isEqualTo(1);
		assertThat(report.failed()).isZero();
		assertThat(report.failures()).isEmpty();
		assertThat(this.store.load("discord", CAROL)).isNull();
		assertThat(tokens.find(CAROL)).isEmpty();
		assertThat(this.events).singleElement().isInstanceOfSatisfying(DiscordTokensRemovedEvent.class, (event) -> {
			assertThat(event.userId()).isEqualTo(CAROL);
			assertThat(event.reason()).isEqualTo(DiscordTokensRemovedEvent.Reason.REFUSED);
		});

		identified.clear();
		UserWalkReport again = tokens.forEachToken(2, (userId, token) -> identified.add(token.fetchIdentify().id()));

		assertThat(identified).containsExactlyInAnyOrder(ALICE, BOB);
		assertThat(again).isEqualTo(new UserWalkReport(2, 0, 0, List.of()));
	}

	@Test
	void userWithoutRefreshTokenWhoseAccessTokenIsRefusedIsRemoved() {
		FakeDiscord.Tokens alice = this.discord.createToken(ALICE, Set.of("identify"));
		this.store.save(entry(ALICE, alice.accessToken(), null, this.clock.instant().plusSeconds(600)), ALICE);
		this.discord.revokeToken(alice.accessToken());

		UserWalkReport report = tokens().forEachToken(10, (userId, token) -> token.fetchIdentify());

		assertThat(report).isEqualTo(new UserWalkReport(1, 1, 0, List.of()));
		assertThat(this.store.load("discord", ALICE)).isNull();
		assertThat(this.events).singleElement()
			.isInstanceOfSatisfying(DiscordTokensRemovedEvent.class,
					(event) -> assertThat(event.reason()).isEqualTo(DiscordTokensRemovedEvent.Reason.REFUSED));
	}

	@Test
	void tokenThatDiscordExpiredEarlyIsRefreshedAndTheActionRunsAgain() {
		FakeDiscord.Tokens alice = logIn(ALICE);
		logIn(BOB);
		// Only Discord knows: the store still thinks the token is good for ten minutes.
		this.discord.expireAccessToken(alice.accessToken());
		List<Long> tries = new ArrayList<>();

		UserWalkReport report = tokens().forEachToken(10, (userId, token) -> {
			tries.add(userId);
			token.fetchIdentify();
		});

		assertThat(tries).containsExactly(ALICE, ALICE, BOB);
		assertThat(report).isEqualTo(new UserWalkReport(2, 0, 0, List.of()));
		OAuth2AuthorizedClient stored = this.store.load("discord", ALICE);
		assertThat(stored.getAccessToken().getTokenValue()).isNotEqualTo(alice.accessToken());
		assertThat(stored.getRefreshToken().getTokenValue()).isNotEqualTo(alice.refreshToken());
		assertThat(this.events).noneMatch(DiscordTokensRemovedEvent.class::isInstance);
	}

	@Test
	void a401ForAnotherCallIsAFailureAndCostsTheUserNothing() {
		FakeDiscord.Tokens alice = logIn(ALICE);
		logIn(BOB);

		// e.g. a call with a wrong bot token: Discord still accepts Alice's token.
		UserWalkReport report = tokens().forEachToken(10, (userId, token) -> {
			if (userId == ALICE) {
				throw ForbiddenException.unauthorized()
					.message("401: Unauthorized")
					.credential(Credential.USER_TOKEN)
					.code(0)
					.discordMessage("401: Unauthorized")
					.build();
			}
		});

		assertThat(report.visited()).isEqualTo(2);
		assertThat(report.removed()).isZero();
		assertThat(report.failed()).isEqualTo(1);
		assertThat(report.failures()).singleElement()
			.isEqualTo(new UserWalkReport.Failure(ALICE, "ForbiddenException", "401: Unauthorized"));
		assertThat(this.store.load("discord", ALICE).getAccessToken().getTokenValue()).isEqualTo(alice.accessToken());
	}

	@Test
	void otherFailuresAreCollectedAndReportedAtTheEndWithoutTheUsersTokens() {
		logIn(ALICE);
		logIn(BOB);
		logIn(CAROL);
		List<Long> visited = new ArrayList<>();

		UserWalkReport report = tokens().forEachToken(1, (userId, token) -> {
			visited.add(userId);
			if (userId != BOB) {
				throw new IllegalStateException(
						"could not sync " + userId + " with " + token.token() + " and " + token.refreshToken());
			}
		});

		assertThat(visited).containsExactlyInAnyOrder(ALICE, BOB, CAROL);
		assertThat(report.visited()).isEqualTo(3);
		assertThat(report.failed()).isEqualTo(2);
		assertThat(report.removed()).isZero();
		assertThat(report.failures()).hasSize(2)
			.allSatisfy((failure) -> assertThat(failure.message())
				.isEqualTo("could not sync " + failure.userId() + " with *** and ***"));
		assertThat(report.toString()).contains("failed=2").contains("IllegalStateException");
	}

	@Test
	void ofTwoInstancesStartingTheJobAtOnceOneWalksAndTheOtherReturns() throws Exception {
		logIn(ALICE);
		logIn(BOB);
		DiscordTokens a = tokens();
		DiscordTokens b = tokens();
		List<Long> synced = new CopyOnWriteArrayList<>();
		CountDownLatch go = new CountDownLatch(1);
		ExecutorService executor = Executors.newFixedThreadPool(2);
		List<Future<Optional<UserWalkReport>>> runs = new ArrayList<>();
		for (DiscordTokens instance : List.of(a, b)) {
			Callable<Optional<UserWalkReport>> job = () -> {
				go.await();
				return instance.forEachTokenOnce("sync", Duration.ofHours(1), 10,
						(userId, token) -> synced.add(userId));
			};
			runs.add(executor.submit(job));
		}
		go.countDown();
		List<Optional<UserWalkReport>> reports = new ArrayList<>();
		for (Future<Optional<UserWalkReport>> run : runs) {
			reports.add(run.get());
		}
		executor.shutdown();

		assertThat(reports).filteredOn(Optional::isPresent).hasSize(1);
		assertThat(synced).containsExactlyInAnyOrder(ALICE, BOB);
		// Later the same night: the lease holds.
		this.clock.advance(Duration.ofMinutes(59));
		assertThat(b.forEachTokenOnce("sync", Duration.ofHours(1), 10, (userId, token) -> synced.add(userId)))
			.isEmpty();
		// The next night.
		this.clock.advance(Duration.ofHours(23));
		assertThat(b.forEachTokenOnce("sync", Duration.ofHours(1), 10, (userId, token) -> synced.add(userId)))
			.hasValueSatisfying((report) -> assertThat(report.visited()).isEqualTo(2));
		assertThat(synced).hasSize(4);
	}

	private FakeDiscord.Tokens logIn(long userId) {
		FakeDiscord.Tokens issued = this.discord.createToken(userId, Set.of("identify"));
		this.store.save(
				entry(userId, issued.accessToken(), issued.refreshToken(), this.clock.instant().plusSeconds(600)),
				userId);
		return issued;
	}

	private OAuth2AuthorizedClient entry(long userId, String access, String refresh, Instant expiresAt) {
		return new OAuth2AuthorizedClient(this.registration, Long.toString(userId),
				new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, access, expiresAt.minusSeconds(600),
						expiresAt, Set.of("identify")),
				(refresh != null) ? new OAuth2RefreshToken(refresh, expiresAt.minusSeconds(600)) : null);
	}

	private DiscordTokens tokens() {
		// A short race wait: a refused refresh waits that long for another instance's
		// rotation before the tokens count as revoked.
		return new DiscordTokens(client(), "discord", this.store, this.events::add, Duration.ofSeconds(5),
				Duration.ofMillis(200));
	}

	private Client client() {
		return Client.builder()
			.clientId(this.discord.clientId())
			.clientSecret(this.discord.clientSecret())
			.baseUrl(this.discord.baseUrl())
			.clock(this.clock)
			.build();
	}

}
