package io.github.discordoauth2.store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import io.github.discordoauth2.Client;
import io.github.discordoauth2.ReactiveClient;
import io.github.discordoauth2.security.DiscordClientRegistrations;
import io.github.discordoauth2.security.tokens.DiscordTokens;
import io.github.discordoauth2.security.tokens.InMemoryDiscordTokenStore;
import io.github.discordoauth2.security.tokens.ReactiveDiscordTokens;
import io.github.discordoauth2.support.BlockHoundSupport;
import io.github.discordoauth2.support.HoldingTokenStore;
import io.github.discordoauth2.support.MovableClock;
import io.github.discordoauth2.test.DemoData;
import io.github.discordoauth2.test.FakeDiscord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;

import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A WebFlux request cancelled (the browser went away) while its refresh has Discord's
 * rotated pair in hand still saves that pair: Discord has already retired the old refresh
 * token, so a pair lost there would log the user out for good.
 */
@Tag("reactive")
class ReactiveRefreshCancellationTests {

	static {
		BlockHoundSupport.install();
	}

	private static final long USER = DemoData.USER_ID;

	private final MovableClock clock = new MovableClock();

	private FakeDiscord discord;

	private HoldingTokenStore store;

	private ClientRegistration registration;

	private ReactiveDiscordTokens tokens;

	@BeforeEach
	void start() {
		this.discord = FakeDiscord.builder()
			.demoData()
			.clock(this.clock)
			.accessTokenTtl(Duration.ofSeconds(30))
			.start();
		Client client = Client.builder()
			.clientId(this.discord.clientId())
			.clientSecret(this.discord.clientSecret())
			.baseUrl(this.discord.baseUrl())
			.clock(this.clock)
			.build();
		this.registration = DiscordClientRegistrations.discord("discord", client)
			.clientSecret(this.discord.clientSecret())
			.redirectUri(DemoData.REDIRECT_URI)
			.scope("identify")
			.build();
		this.store = new HoldingTokenStore(new InMemoryDiscordTokenStore(100, Clock.systemUTC()));
		this.tokens = new ReactiveDiscordTokens(new DiscordTokens(client, "discord", this.store, (event) -> {
		}, Duration.ofSeconds(5), Duration.ofSeconds(1)), ReactiveClient.of(client));
	}

	@AfterEach
	void stop() {
		this.store.release();
		this.discord.close();
	}

	@Test
	void aCancelledRequestStillSavesTheRotatedPair() throws Exception {
		FakeDiscord.Tokens issued = this.discord.createToken(USER, Set.of("identify"));
		Instant expiresAt = this.clock.instant().plusSeconds(30);
		this.store.save(new OAuth2AuthorizedClient(this.registration, Long.toString(USER),
				new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, issued.accessToken(),
						expiresAt.minusSeconds(30), expiresAt, Set.of("identify")),
				new OAuth2RefreshToken(issued.refreshToken(), expiresAt.minusSeconds(30))), USER);
		this.clock.advance(Duration.ofSeconds(31));
		this.store.holdNextRotation();

		Disposable request = this.tokens.current(USER).subscribe();
		OAuth2AuthorizedClient rotated = this.store.awaitRotation();
		request.dispose();
		this.store.release();

		String saved = null;
		for (int i = 0; i < 200 && !rotated.getRefreshToken().getTokenValue().equals(saved); i++) {
			Thread.sleep(25);
			OAuth2AuthorizedClient stored = this.store.load("discord", USER);
			saved = (stored != null && stored.getRefreshToken() != null) ? stored.getRefreshToken().getTokenValue()
					: null;
		}
		assertThat(saved).as("refresh token in the store").isEqualTo(rotated.getRefreshToken().getTokenValue());
	}

}
