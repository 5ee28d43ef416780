package io.github.discordoauth2.store;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import io.github.discordoauth2.AccessToken;
import io.github.discordoauth2.Client;
import io.github.discordoauth2.exceptions.ForbiddenException;
import io.github.discordoauth2.exceptions.InvalidGrantException;
import io.github.discordoauth2.security.DiscordClientRegistrations;
import io.github.discordoauth2.security.DiscordOAuth2User;
import io.github.discordoauth2.security.tokens.DiscordAccountLinks;
import io.github.discordoauth2.security.tokens.DiscordLogoutAction;
import io.github.discordoauth2.security.tokens.DiscordTokens;
import io.github.discordoauth2.security.tokens.JdbcDiscordTokenStore;
import io.github.discordoauth2.security.web.DiscordTokensLogoutHandler;
import io.github.discordoauth2.support.EmbeddedPostgresSupport;
import io.github.discordoauth2.support.HoldingTokenStore;
import io.github.discordoauth2.support.MovableClock;
import io.github.discordoauth2.test.DemoData;
import io.github.discordoauth2.test.FakeDiscord;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A refresh that has Discord's new pair in hand while the user's tokens are revoked or
 * removed (revoke, remove, disconnect, logout with {@code on-logout=revoke}) must not
 * write that pair back: after every interleaving the store holds nothing for the user and
 * every token the refresh obtained is dead at Discord. On a real PostgreSQL, with a pause
 * held between Discord's refresh answer and the save.
 */
class RevocationRaceTests {

	private static final long USER = DemoData.USER_ID;

	private static EmbeddedPostgres postgres;

	private final MovableClock clock = new MovableClock();

	private final List<Object> events = new CopyOnWriteArrayList<>();

	private final ExecutorService refresher = Executors.newSingleThreadExecutor();

	private FakeDiscord discord;

	private HoldingTokenStore store;

	private ClientRegistration registration;

	private DiscordTokens tokens;

	@BeforeAll
	static void startPostgres() {
		postgres = EmbeddedPostgresSupport.start();
	}

	@AfterAll
	static void stopPostgres() throws Exception {
		postgres.close();
	}

	@BeforeEach
	void start() {
		this.discord = FakeDiscord.builder()
			.demoData()
			.clock(this.clock)
			.accessTokenTtl(Duration.ofSeconds(30))
			.start();
		DataSource dataSource = postgres.getPostgresDatabase();
		JdbcDiscordTokenStoreTests.createSchema(dataSource, "postgresql");
		this.registration = DiscordClientRegistrations.discord("discord", client())
			.clientSecret(this.discord.clientSecret())
			.redirectUri(DemoData.REDIRECT_URI)
			.scope("identify")
			.build();
		this.store = new HoldingTokenStore(new JdbcDiscordTokenStore(new JdbcTemplate(dataSource),
				new InMemoryClientRegistrationRepository(this.registration)));
		this.tokens = new DiscordTokens(client(), "discord", this.store, this.events::add, Duration.ofSeconds(5),
				Duration.ofSeconds(1));
	}

	@AfterEach
	void stop() {
		this.store.release();
		this.refresher.shutdownNow();
		this.discord.close();
	}

	@Test
	void revokeDuringARefreshLeavesNothingStoredAndNothingAlive() throws Exception {
		logIn();

		OAuth2AuthorizedClient obtained = duringARefresh(() -> this.tokens.revoke(USER));

		assertNothingStoredAndDead(obtained);
	}

	@Test
	void removeDuringARefreshLeavesNothingStoredAndNothingAlive() throws Exception {
		logIn();

		OAuth2AuthorizedClient obtained = duringARefresh(() -> this.tokens.remove(USER));

		assertNothingStoredAndDead(obtained);
	}

	@Test
	void disconnectDuringARefreshLeavesNothingStoredAndNothingAlive() throws Exception {
		Authentication alice = UsernamePasswordAuthenticationToken.authenticated("alice", null,
				AuthorityUtils.createAuthorityList("ROLE_USER"));
		DiscordAccountLinks links = new DiscordAccountLinks(this.tokens);
		FakeDiscord.Tokens issued = this.discord.createToken(USER, Set.of("identify"));
		links.connect(alice, entry(issued, this.clock.instant().plusSeconds(30)));

		OAuth2AuthorizedClient obtained = duringARefresh(() -> links.disconnect(alice));

		assertNothingStoredAndDead(obtained);
		assertThat(links.discordIdOf(alice)).isEmpty();
	}

	@Test
	void logoutThatRevokesDuringARefreshLeavesNothingStoredAndNothingAlive() throws Exception {
		logIn();
		DiscordTokensLogoutHandler logout = new DiscordTokensLogoutHandler(this.tokens, DiscordLogoutAction.REVOKE);

		OAuth2AuthorizedClient obtained = duringARefresh(
				() -> logout.logout(new MockHttpServletRequest(), new MockHttpServletResponse(), discordLogin()));

		assertNothingStoredAndDead(obtained);
	}

	/**
	 * Starts a refresh of the user's expired token, runs the interleaving once Discord
	 * has answered the refresh and before the pair is saved, then lets the refresh
	 * finish.
	 * @return the pair the refresh obtained from Discord
	 */
	private OAuth2AuthorizedClient duringARefresh(Runnable interleaving) throws Exception {
		this.clock.advance(Duration.ofSeconds(31));
		this.store.holdNextRotation();
		Future<Optional<AccessToken>> refreshing = this.refresher.submit(() -> this.tokens.find(USER));
		OAuth2AuthorizedClient obtained = this.store.awaitRotation();

		interleaving.run();
		this.store.release();
		refreshing.get(20, TimeUnit.SECONDS);

		return obtained;
	}

	private void assertNothingStoredAndDead(OAuth2AuthorizedClient obtained) {
		assertThat(this.store.load("discord", USER)).as("stored after the interleaving").isNull();
		Client client = client();
		String accessToken = obtained.getAccessToken().getTokenValue();
		assertThatExceptionOfType(ForbiddenException.class)
			.isThrownBy(() -> client.fromAccessToken(accessToken).fetchAuthorization())
			.satisfies((ex) -> assertThat(ex.status()).isEqualTo(401));
		OAuth2RefreshToken refreshToken = obtained.getRefreshToken();
		assertThat(refreshToken).isNotNull();
		assertThatExceptionOfType(InvalidGrantException.class)
			.isThrownBy(() -> client.refreshToken(refreshToken.getTokenValue()));
	}

	private void logIn() {
		FakeDiscord.Tokens issued = this.discord.createToken(USER, Set.of("identify"));
		this.store.save(entry(issued, this.clock.instant().plusSeconds(30)), USER);
	}

	private OAuth2AuthorizedClient entry(FakeDiscord.Tokens issued, Instant expiresAt) {
		return new OAuth2AuthorizedClient(this.registration, Long.toString(USER),
				new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, issued.accessToken(),
						expiresAt.minusSeconds(30), expiresAt, Set.of("identify")),
				new OAuth2RefreshToken(issued.refreshToken(), expiresAt.minusSeconds(30)));
	}

	private static OAuth2AuthenticationToken discordLogin() {
		Map<String, Object> attributes = Map.of("id", Long.toString(USER), "username", DemoData.USERNAME,
				"discriminator", "0");
		DiscordOAuth2User user = new DiscordOAuth2User(attributes, AuthorityUtils.createAuthorityList("OAUTH2_USER"));
		return new OAuth2AuthenticationToken(user, user.getAuthorities(), "discord");
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
