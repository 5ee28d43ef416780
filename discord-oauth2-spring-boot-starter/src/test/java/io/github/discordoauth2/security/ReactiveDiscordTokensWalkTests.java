package io.github.discordoauth2.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.discordoauth2.Client;
import io.github.discordoauth2.ReactiveClient;
import io.github.discordoauth2.security.tokens.DiscordTokens;
import io.github.discordoauth2.security.tokens.DiscordTokensRemovedEvent;
import io.github.discordoauth2.security.tokens.InMemoryDiscordTokenStore;
import io.github.discordoauth2.security.tokens.ReactiveDiscordTokens;
import io.github.discordoauth2.security.tokens.UserWalkReport;
import io.github.discordoauth2.support.BlockHoundSupport;
import io.github.discordoauth2.test.DemoData;
import io.github.discordoauth2.test.FakeDiscord;
import io.github.discordoauth2.test.FakeUser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reactive walk over every user ({@link ReactiveDiscordTokens#forEachToken}) does
 * what the blocking one does, without blocking a non-blocking thread (BlockHound is on):
 * a user who removed the app is removed with an event, the others are visited, the report
 * says so, and the job runs once per lease.
 */
@Tag("reactive")
class ReactiveDiscordTokensWalkTests {

	static {
		BlockHoundSupport.install();
	}

	private static final long CAROL = 1100000000000000102L;

	private final FakeDiscord discord = FakeDiscord.builder().demoData().user(FakeUser.of(CAROL, "carol")).start();

	private final InMemoryDiscordTokenStore store = new InMemoryDiscordTokenStore(100, Clock.systemUTC());

	private final List<Object> events = new CopyOnWriteArrayList<>();

	private final Client client = Client.builder()
		.clientId(this.discord.clientId())
		.clientSecret(this.discord.clientSecret())
		.baseUrl(this.discord.baseUrl())
		.build();

	private final ReactiveDiscordTokens tokens = new ReactiveDiscordTokens(new DiscordTokens(this.client, "discord",
			this.store, this.events::add, Duration.ofSeconds(5), Duration.ofMillis(200)),
			ReactiveClient.of(this.client));

	private final ClientRegistration registration = DiscordClientRegistrations.discord("discord", this.client)
		.clientSecret(this.discord.clientSecret())
		.redirectUri(DemoData.REDIRECT_URI)
		.scope("identify")
		.build();

	@AfterEach
	void stop() {
		this.discord.close();
	}

	@Test
	void walkRemovesAUserWhoRevokedTheAppAndCompletesForTheOthers() {
		logIn(DemoData.USER_ID);
		logIn(DemoData.OTHER_USER_ID);
		FakeDiscord.Tokens carol = logIn(CAROL);
		this.discord.revokeToken(carol.accessToken());
		List<Long> identified = new CopyOnWriteArrayList<>();

		UserWalkReport report = this.tokens
			.forEachToken(2, (userId, token) -> token.fetchIdentify().doOnNext((user) -> identified.add(user.id())))
			.block(Duration.ofSeconds(30));

		assertThat(identified).containsExactlyInAnyOrder(DemoData.USER_ID, DemoData.OTHER_USER_ID);
		assertThat(report).isEqualTo(new UserWalkReport(3, 1, 0, List.of()));
		assertThat(this.store.load("discord", CAROL)).isNull();
		assertThat(this.events).singleElement()
			.isInstanceOfSatisfying(DiscordTokensRemovedEvent.class,
					(event) -> assertThat(event.reason()).isEqualTo(DiscordTokensRemovedEvent.Reason.REFUSED));
	}

	@Test
	void otherFailuresAreReportedAndTheWalkRunsOncePerLease() {
		logIn(DemoData.USER_ID);
		logIn(DemoData.OTHER_USER_ID);

		UserWalkReport report = this.tokens
			.forEachTokenOnce("sync", Duration.ofHours(1), 10,
					(userId, token) -> (userId == DemoData.USER_ID) ? Mono.error(new IllegalStateException("boom"))
							: Mono.empty())
			.block(Duration.ofSeconds(30));

		assertThat(report.visited()).isEqualTo(2);
		assertThat(report.failures()).singleElement()
			.isEqualTo(new UserWalkReport.Failure(DemoData.USER_ID, "IllegalStateException", "boom"));
		assertThat(this.tokens.forEachTokenOnce("sync", Duration.ofHours(1), 10, (userId, token) -> Mono.empty())
			.blockOptional(Duration.ofSeconds(30))).isEmpty();
	}

	private FakeDiscord.Tokens logIn(long userId) {
		FakeDiscord.Tokens issued = this.discord.createToken(userId, Set.of("identify"));
		Instant now = Instant.now();
		this.store.save(new OAuth2AuthorizedClient(this.registration, Long.toString(userId),
				new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, issued.accessToken(), now,
						now.plusSeconds(600), Set.of("identify")),
				new OAuth2RefreshToken(issued.refreshToken(), now)), userId);
		return issued;
	}

}
