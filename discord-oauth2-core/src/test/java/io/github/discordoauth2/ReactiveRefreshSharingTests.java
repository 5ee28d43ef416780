package io.github.discordoauth2;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import io.github.discordoauth2.exceptions.InvalidGrantException;
import io.github.discordoauth2.test.DemoData;
import io.github.discordoauth2.test.FakeDiscord;
import io.github.discordoauth2.test.FakeDiscordExtension;
import io.github.discordoauth2.test.Fault;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Signal;
import reactor.test.StepVerifier;

import static io.github.discordoauth2.ReactiveTesting.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Concurrent refreshes of one refresh token share one call on the reactive road, as on
 * the blocking one: Discord rotates the refresh token, so a second call would fail. The
 * first call is held up by FakeDiscord so the others arrive while it runs.
 */
@Tag("reactive")
class ReactiveRefreshSharingTests {

	@RegisterExtension
	final FakeDiscordExtension discord = FakeDiscordExtension.withDemoData();

	private ReactiveClient client;

	@BeforeAll
	static void blockHound() {
		ReactiveTesting.installBlockHound();
	}

	@BeforeEach
	void start() {
		this.client = ReactiveClient.of(ReactiveTesting.clientFor(this.discord.fake()).build());
	}

	private long tokenRequests() {
		return ReactiveTesting.sent(this.discord.fake(), "POST", "/oauth2/token");
	}

	@Test
	void concurrentRefreshesOfOneTokenShareOneCall() {
		FakeDiscord.Tokens tokens = this.discord.fake().createToken(DemoData.USER_ID, Set.of("identify"));
		ReactiveAccessToken token = this.client.restoreAccessToken(tokens.accessToken(), tokens.refreshToken(), null,
				Set.of("identify"));
		this.discord.fake().faults().next("POST /oauth2/token", 1, Fault.delay(Duration.ofMillis(500)));

		List<ReactiveAccessToken> refreshed = Flux
			.merge(token.refresh(), this.client.refreshToken(tokens.refreshToken()), token.refresh(), token.refresh())
			.collectList()
			.block(TIMEOUT);

		assertThat(tokenRequests()).isEqualTo(1);
		assertThat(refreshed).hasSize(4).allSatisfy((each) -> assertThat(each).isSameAs(refreshed.get(0)));
		assertThat(refreshed.get(0).refreshToken()).isNotEqualTo(tokens.refreshToken());
		assertThat(this.client.refreshesInFlight()).isZero();
	}

	@Test
	void aSharedFailureReachesEverySubscriberAndIsForgotten() {
		this.discord.fake().faults().next("POST /oauth2/token", 1, Fault.delay(Duration.ofMillis(500)));
		Mono<ReactiveAccessToken> refresh = this.client.refreshToken("rt-unknown");

		List<Signal<ReactiveAccessToken>> outcomes = Flux
			.merge(refresh.materialize(), refresh.materialize(), refresh.materialize())
			.collectList()
			.block(TIMEOUT);

		assertThat(outcomes).hasSize(3)
			.allSatisfy((signal) -> assertThat(signal.getThrowable()).isInstanceOf(InvalidGrantException.class));
		assertThat(tokenRequests()).isEqualTo(1);
		assertThat(this.client.refreshesInFlight()).isZero();
		StepVerifier.create(refresh).expectError(InvalidGrantException.class).verify(TIMEOUT);
		assertThat(tokenRequests()).as("a later refresh is a call of its own").isEqualTo(2);
	}

	@Test
	void aCancelledRefreshRunsOnAndALaterSubscriberGetsTheRotatedToken() {
		FakeDiscord.Tokens tokens = this.discord.fake().createToken(DemoData.USER_ID, Set.of("identify"));
		this.discord.fake().faults().next("POST /oauth2/token", 1, Fault.delay(Duration.ofMillis(300)));

		this.client.refreshToken(tokens.refreshToken()).subscribe().dispose();
		ReactiveAccessToken refreshed = this.client.refreshToken(tokens.refreshToken()).block(TIMEOUT);

		assertThat(refreshed.refreshToken()).isNotEqualTo(tokens.refreshToken());
		assertThat(tokenRequests()).isEqualTo(1);
		assertThat(this.client.refreshesInFlight()).isZero();
	}

	@Test
	void refreshesOfDifferentTokensDoNotShare() {
		FakeDiscord.Tokens a = this.discord.fake().createToken(DemoData.USER_ID, Set.of("identify"));
		FakeDiscord.Tokens b = this.discord.fake().createToken(DemoData.USER_ID, Set.of("identify"));

		List<ReactiveAccessToken> refreshed = Flux
			.merge(this.client.refreshToken(a.refreshToken()), this.client.refreshToken(b.refreshToken()))
			.collectList()
			.block(TIMEOUT);

		assertThat(tokenRequests()).isEqualTo(2);
		assertThat(refreshed.get(0).token()).isNotEqualTo(refreshed.get(1).token());
	}

}
