package io.github.discordoauth2.security;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.github.discordoauth2.AccessToken;
import io.github.discordoauth2.Client;
import io.github.discordoauth2.security.tokens.DiscordLogoutAction;
import io.github.discordoauth2.security.tokens.DiscordRevocation;
import io.github.discordoauth2.security.tokens.DiscordTokens;
import io.github.discordoauth2.security.tokens.DiscordTokensRemovedEvent;
import io.github.discordoauth2.security.tokens.DiscordTokensRotatedEvent;
import io.github.discordoauth2.security.tokens.JdbcDiscordTokenStore;
import io.github.discordoauth2.security.web.DiscordOAuth2AuthorizedClientRepository;
import io.github.discordoauth2.security.web.DiscordTokensLogoutHandler;
import io.github.discordoauth2.support.MovableClock;
import io.github.discordoauth2.test.DemoData;
import io.github.discordoauth2.test.FakeDiscord;
import io.github.discordoauth2.test.Fault;
import io.github.discordoauth2.test.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.jdbc.init.DataSourceScriptDatabaseInitializer;
import org.springframework.boot.sql.init.DatabaseInitializationMode;
import org.springframework.boot.sql.init.DatabaseInitializationSettings;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.embedded.EmbeddedDatabase;
import org.springframework.jdbc.datasource.embedded.EmbeddedDatabaseBuilder;
import org.springframework.jdbc.datasource.embedded.EmbeddedDatabaseType;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.oauth2.client.ClientAuthorizationException;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.RemoveAuthorizedClientOAuth2AuthorizationFailureHandler;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.AuthenticatedPrincipalOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.core.user.DefaultOAuth2User;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Specification of {@link DiscordTokens} against FakeDiscord over HTTP, with the JDBC
 * store on H2 shared by two "instances" (each with its own core client, as two processes
 * would have).
 */
@ExtendWith(OutputCaptureExtension.class)
class DiscordTokensTests {

	private static final long USER = DemoData.USER_ID;

	private final MovableClock clock = new MovableClock();

	private FakeDiscord discord;

	private EmbeddedDatabase database;

	private JdbcDiscordTokenStore store;

	private ClientRegistration registration;

	private final List<Object> events = new CopyOnWriteArrayList<>();

	@BeforeEach
	void start() {
		this.discord = FakeDiscord.builder()
			.demoData()
			.clock(this.clock)
			.accessTokenTtl(Duration.ofSeconds(30))
			.start();
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
		this.store = new JdbcDiscordTokenStore(new JdbcTemplate(this.database),
				new InMemoryClientRegistrationRepository(this.registration));
	}

	@AfterEach
	void stop() {
		this.discord.close();
		this.database.shutdown();
	}

	@Test
	void findHandsOutTheStoredTokenWhileItLives() {
		FakeDiscord.Tokens issued = logIn();

		AccessToken token = tokens(client()).find(USER).orElseThrow();

		assertThat(token.token()).isEqualTo(issued.accessToken());
		assertThat(successfulRefreshes()).isZero();
	}

	@Test
	void findRefreshesAnExpiredTokenSavesTheRotatedPairAndPublishesIt() {
		FakeDiscord.Tokens issued = logIn();
		this.clock.advance(Duration.ofSeconds(31));

		AccessToken token = tokens(client()).find(USER).orElseThrow();

		assertThat(token.fetchIdentify().id()).isEqualTo(USER);
		OAuth2AuthorizedClient stored = this.store.load("discord", USER);
		assertThat(stored.getAccessToken().getTokenValue()).isEqualTo(token.token());
		assertThat(stored.getRefreshToken().getTokenValue()).isEqualTo(token.refreshToken())
			.isNotEqualTo(issued.refreshToken());
		assertThat(this.events).singleElement().isInstanceOfSatisfying(DiscordTokensRotatedEvent.class, (event) -> {
			assertThat(event.userId()).isEqualTo(USER);
			assertThat(event.accessToken().refreshToken()).isEqualTo(token.refreshToken());
			assertThat(event.toString()).doesNotContain(token.token()).doesNotContain(token.refreshToken());
		});
	}

	@Test
	void twoInstancesRefreshingOneUserAtOnceBothCarryOnWithTheOneRotation() throws Exception {
		logIn();
		this.clock.advance(Duration.ofSeconds(31));
		DiscordTokens a = tokens(client());
		DiscordTokens b = tokens(client());
		int callers = 16;
		CountDownLatch go = new CountDownLatch(1);
		ExecutorService executor = Executors.newFixedThreadPool(callers);
		List<Future<String>> results = new ArrayList<>();
		for (int i = 0; i < callers; i++) {
			DiscordTokens instance = (i % 2 == 0) ? a : b;
			results.add(executor.submit(() -> {
				go.await();
				return instance.find(USER).orElseThrow().token();
			}));
		}
		go.countDown();
		List<String> handedOut = new ArrayList<>();
		for (Future<String> result : results) {
			handedOut.add(result.get());
		}
		executor.shutdown();

		assertThat(handedOut).containsOnly(this.store.load("discord", USER).getAccessToken().getTokenValue());
		assertThat(successfulRefreshes()).isEqualTo(1);
	}

	@Test
	void refusedRefreshThatLostARaceWaitsForTheWinnersPair() throws Exception {
		FakeDiscord.Tokens issued = logIn();
		this.clock.advance(Duration.ofSeconds(31));
		// Another instance rotated a moment ago and stores its pair a little later.
		AccessToken winner = client().refreshToken(issued.refreshToken());
		Thread late = new Thread(() -> {
			sleep(300);
			this.store.save(entry(winner.token(), winner.refreshToken(), this.clock.instant().plusSeconds(30)), USER);
		});
		late.start();

		AccessToken token = tokens(client()).find(USER).orElseThrow();
		late.join();

		assertThat(token.token()).isEqualTo(winner.token());
		assertThat(this.store.load("discord", USER).getRefreshToken().getTokenValue()).isEqualTo(winner.refreshToken());
		assertThat(this.events).noneMatch(DiscordTokensRemovedEvent.class::isInstance);
	}

	@Test
	void refreshRefusedBecauseTheUserRevokedRemovesTheEntry() {
		FakeDiscord.Tokens issued = logIn();
		this.discord.revokeToken(issued.refreshToken());
		this.clock.advance(Duration.ofSeconds(31));

		assertThat(tokens(client()).find(USER)).isEmpty();

		assertThat(this.store.load("discord", USER)).isNull();
		assertThat(this.events).singleElement()
			.isInstanceOfSatisfying(DiscordTokensRemovedEvent.class,
					(event) -> assertThat(event.reason()).isEqualTo(DiscordTokensRemovedEvent.Reason.REFUSED));
	}

	@Test
	void onlyAnAuthenticationFromTheDiscordRegistrationHasADiscordUserId() {
		DiscordTokens tokens = tokens(client());
		List<GrantedAuthority> authorities = AuthorityUtils.createAuthorityList("OAUTH2_USER");
		DefaultOAuth2User ownPrincipal = new DefaultOAuth2User(authorities,
				Map.of("id", Long.toString(USER), "username", DemoData.USERNAME), "id");

		assertThat(tokens.userIdOf(discordLogin())).isEqualTo(USER);
		// An application's own user service for Discord.
		assertThat(tokens.userIdOf(new OAuth2AuthenticationToken(ownPrincipal, authorities, "discord")))
			.isEqualTo(USER);
		// Another provider, or a local account, named like the Discord user.
		assertThat(tokens.userIdOf(new OAuth2AuthenticationToken(ownPrincipal, authorities, "github"))).isNull();
		assertThat(tokens
			.userIdOf(UsernamePasswordAuthenticationToken.authenticated(Long.toString(USER), null, authorities)))
			.isNull();
		assertThat(tokens.userIdOf(null)).isNull();
	}

	@Test
	void neverAuthorizedUserHasNoToken() {
		assertThat(tokens(client()).find(DemoData.OTHER_USER_ID)).isEmpty();
	}

	@Test
	void springsFailureHandlerCannotDeleteAFreshPair() {
		FakeDiscord.Tokens issued = logIn();
		DiscordTokens tokens = tokens(client());
		DiscordOAuth2AuthorizedClientRepository repository = new DiscordOAuth2AuthorizedClientRepository(tokens,
				new AuthenticatedPrincipalOAuth2AuthorizedClientRepository(this.store));
		MockHttpServletRequest request = new MockHttpServletRequest();
		MockHttpServletResponse response = new MockHttpServletResponse();
		RemoveAuthorizedClientOAuth2AuthorizationFailureHandler handler = new RemoveAuthorizedClientOAuth2AuthorizationFailureHandler(
				(registrationId, principal, attributes) -> repository.removeAuthorizedClient(registrationId, principal,
						request, response));

		handler.onAuthorizationFailure(
				new ClientAuthorizationException(new OAuth2Error(OAuth2ErrorCodes.INVALID_GRANT), "discord"),
				discordLogin(), Map.of());

		OAuth2AuthorizedClient kept = this.store.load("discord", USER);
		assertThat(kept).isNotNull();
		assertThat(kept.getRefreshToken().getTokenValue()).isEqualTo(issued.refreshToken());
		// The next use refreshes instead.
		assertThat(tokens.find(USER).orElseThrow().token()).isNotEqualTo(issued.accessToken());
		assertThat(successfulRefreshes()).isEqualTo(1);
	}

	@Test
	void markingAnOldPairExpiredNeverReplacesANewerRotation() {
		FakeDiscord.Tokens old = logIn();
		DiscordTokens tokens = tokens(client());
		DiscordOAuth2AuthorizedClientRepository repository = new DiscordOAuth2AuthorizedClientRepository(tokens,
				new AuthenticatedPrincipalOAuth2AuthorizedClientRepository(this.store));
		// Another instance rotated meanwhile.
		this.store.save(entry("a2", "r2", this.clock.instant().plusSeconds(30)), USER);

		// What the 401 resolver saves: the pair it loaded earlier, marked expired.
		repository.saveAuthorizedClient(entry(old.accessToken(), old.refreshToken(), Instant.EPOCH.plusSeconds(40)),
				discordLogin(), new MockHttpServletRequest(), new MockHttpServletResponse());

		assertThat(this.store.load("discord", USER).getRefreshToken().getTokenValue()).isEqualTo("r2");
	}

	@Test
	void logoutKeepsRemovesOrRevokesOnAnyInstance() {
		FakeDiscord.Tokens issued = logIn();
		MockHttpServletRequest request = new MockHttpServletRequest();
		MockHttpServletResponse response = new MockHttpServletResponse();
		// Logged in on one instance, the logout reaches another sharing the store.
		DiscordTokens otherInstance = tokens(client());

		new DiscordTokensLogoutHandler(otherInstance, DiscordLogoutAction.KEEP).logout(request, response,
				discordLogin());
		assertThat(this.store.load("discord", USER)).isNotNull();

		new DiscordTokensLogoutHandler(otherInstance, DiscordLogoutAction.REVOKE).logout(request, response,
				discordLogin());
		assertThat(this.store.load("discord", USER)).isNull();
		assertThat(this.discord.journal()).extracting(RecordedRequest::path).contains("/api/v10/oauth2/token/revoke");
		assertThat(this.discord.revokeToken(issued.accessToken())).as("still alive at Discord").isFalse();
		assertThat(this.events).last()
			.isInstanceOfSatisfying(DiscordTokensRemovedEvent.class,
					(event) -> assertThat(event.reason()).isEqualTo(DiscordTokensRemovedEvent.Reason.REVOKED));

		logIn();
		new DiscordTokensLogoutHandler(otherInstance, DiscordLogoutAction.REMOVE).logout(request, response,
				discordLogin());
		assertThat(this.store.load("discord", USER)).isNull();
	}

	@Test
	void revokeThatDiscordDoesNotConfirmSaysSoLogsWithoutTheTokenAndForgetsTheTokens(CapturedOutput output) {
		FakeDiscord.Tokens issued = logIn();
		this.discord.faults().next("POST /oauth2/token/revoke", 2, Fault.status(502));

		DiscordRevocation revocation = tokens(client()).revoke(USER);

		assertThat(revocation).isEqualTo(DiscordRevocation.FAILED);
		assertThat(this.store.load("discord", USER)).isNull();
		assertThat(output).contains("WARN")
			.contains("Could not revoke a Discord token of user " + USER)
			.doesNotContain(issued.accessToken())
			.doesNotContain(issued.refreshToken());
		assertThat(this.events).last()
			.isInstanceOfSatisfying(DiscordTokensRemovedEvent.class,
					(event) -> assertThat(event.reason()).isEqualTo(DiscordTokensRemovedEvent.Reason.REVOKED));
	}

	@Test
	void revokeSaysWhetherThereWasAnythingToRevoke() {
		logIn();
		DiscordTokens tokens = tokens(client());

		assertThat(tokens.revoke(USER)).isEqualTo(DiscordRevocation.REVOKED);
		assertThat(tokens.revoke(USER)).isEqualTo(DiscordRevocation.NOTHING_STORED);
	}

	@Test
	void usersAreWalkedInPages() {
		for (long id = 1; id <= 5; id++) {
			this.store.save(entry("a" + id, "r" + id, Instant.now().plusSeconds(60)), 1100000000000000000L + id);
		}
		List<Long> walked = new ArrayList<>();

		tokens(client()).forEachUser(2, walked::add);

		assertThat(walked).hasSize(5).doesNotHaveDuplicates();
	}

	private FakeDiscord.Tokens logIn() {
		FakeDiscord.Tokens issued = this.discord.createToken(USER, Set.of("identify"));
		this.store.save(entry(issued.accessToken(), issued.refreshToken(), this.clock.instant().plusSeconds(30)), USER);
		this.discord.clearJournal();
		return issued;
	}

	private OAuth2AuthorizedClient entry(String access, String refresh, Instant expiresAt) {
		return new OAuth2AuthorizedClient(
				this.registration, Long.toString(USER), new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER,
						access, expiresAt.minusSeconds(30), expiresAt, Set.of("identify")),
				new OAuth2RefreshToken(refresh, expiresAt.minusSeconds(30)));
	}

	private OAuth2AuthenticationToken discordLogin() {
		Map<String, Object> attributes = Map.of("id", Long.toString(USER), "username", DemoData.USERNAME,
				"discriminator", "0");
		DiscordOAuth2User user = new DiscordOAuth2User(DiscordUserAttributes.toUser(attributes), attributes,
				AuthorityUtils.createAuthorityList("OAUTH2_USER"));
		return new OAuth2AuthenticationToken(user, user.getAuthorities(), "discord");
	}

	private DiscordTokens tokens(Client client) {
		return new DiscordTokens(client, "discord", this.store, this.events::add, Duration.ofSeconds(5),
				Duration.ofSeconds(3));
	}

	private Client client() {
		return Client.builder()
			.clientId(this.discord.clientId())
			.clientSecret(this.discord.clientSecret())
			.baseUrl(this.discord.baseUrl())
			.clock(this.clock)
			.build();
	}

	private long successfulRefreshes() {
		return this.discord.journal()
			.stream()
			.filter((request) -> request.path().equals("/api/v10/oauth2/token") && request.status() == 200
					&& request.body().contains("grant_type=refresh_token"))
			.count();
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
