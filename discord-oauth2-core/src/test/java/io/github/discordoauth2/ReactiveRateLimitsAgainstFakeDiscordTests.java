package io.github.discordoauth2;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.github.discordoauth2.exceptions.RateLimitedException;
import io.github.discordoauth2.model.User;
import io.github.discordoauth2.test.Fault;
import io.github.discordoauth2.test.RateLimits;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import static io.github.discordoauth2.ReactiveTesting.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link RateLimitsAgainstFakeDiscordContract} on the non-blocking road, with BlockHound
 * on (so a sleeping or parked event loop would fail it), and what only that road has:
 * calls in flight without a thread each, cancellation, and one budget shared with the
 * blocking road of the same client.
 */
@Tag("reactive")
class ReactiveRateLimitsAgainstFakeDiscordTests extends RateLimitsAgainstFakeDiscordContract {

	ReactiveRateLimitsAgainstFakeDiscordTests() {
		super(new ReactiveRoad());
	}

	@BeforeAll
	static void blockHound() {
		ReactiveTesting.installBlockHound();
	}

	private ReactiveClient reactive(Duration maxWait) {
		return ((ReactiveRoad) this.road).reactive(client(maxWait));
	}

	@Test
	void subscriptionsInFlightFromOneThreadOnAnUnknownBucketDoNotFanOut() {
		start(RateLimits.builder().everyRoute(5, Duration.ofSeconds(30)).build());
		// Long enough for the first answer on a loaded machine, short of the 30 s reset.
		ReactivePartialAccessToken token = reactive(Duration.ofSeconds(10)).fromAccessToken(accessToken());
		List<Object> outcomes = Flux.range(0, 8)
			.flatMap((i) -> token.fetchIdentify().cast(Object.class).onErrorResume(Mono::just))
			.collectList()
			.block(TIMEOUT);

		assertThat(outcomes).filteredOn(User.class::isInstance).hasSize(5);
		assertThat(outcomes).filteredOn(RateLimitedException.class::isInstance).hasSize(3);
		assertThat(this.fake.stats().rateLimited()).as("429s Discord had to give").isZero();
		assertThat(sent("GET", "/users/@me")).isEqualTo(5);
	}

	@Test
	void bothRoadsOfOneClientShareOneBudget() {
		start(RateLimits.builder().everyRoute(1, Duration.ofSeconds(30)).build());
		Client blocking = client(Duration.ZERO);
		ReactiveClient reactive = ReactiveClient.of(blocking);
		String accessToken = accessToken();
		blocking.fromAccessToken(accessToken).fetchIdentify();

		StepVerifier.create(reactive.fromAccessToken(accessToken).fetchIdentify())
			.expectError(RateLimitedException.class)
			.verify(TIMEOUT);
		assertThat(sent("GET", "/users/@me")).isEqualTo(1);
	}

	@Test
	void manyCallsWaitingOutTooManyRequestsAtOnceHoldNoThreadEach() {
		start(RateLimits.none());
		int calls = 50;
		this.fake.faults().next("GET /users/@me", calls, Fault.rateLimited(Duration.ofMillis(300)));
		ReactiveClient client = reactive(Duration.ofSeconds(10));
		Set<String> threads = ConcurrentHashMap.newKeySet();
		List<User> users = Flux.range(0, calls)
			.flatMap((i) -> client.fromAccessToken(accessToken())
				.fetchIdentify()
				.doOnNext((user) -> threads.add(Thread.currentThread().getName())))
			.collectList()
			.block(TIMEOUT);

		assertThat(users).hasSize(calls);
		assertThat(this.fake.stats().rateLimited()).isEqualTo(calls);
		assertThat(sent("GET", "/users/@me")).isEqualTo(2L * calls);
		// Fifty calls waited at the same time on Reactor's few event-loop and timer
		// threads; a blocking client would have held fifty threads.
		assertThat(threads).hasSizeLessThan(calls / 2);
	}

	@Test
	void aWaitingCallCancelledBeforeItsTurnSendsNothing() {
		start(RateLimits.builder().everyRoute(1, Duration.ofSeconds(30)).build());
		ReactivePartialAccessToken token = reactive(Duration.ofSeconds(60)).fromAccessToken(accessToken());
		token.fetchIdentify().block(TIMEOUT);

		StepVerifier.create(token.fetchIdentify()).expectSubscription().thenCancel().verify(TIMEOUT);
		assertThatExceptionOfType(IllegalStateException.class)
			.isThrownBy(() -> token.fetchIdentify().block(Duration.ofMillis(300)));
		assertThat(sent("GET", "/users/@me")).isEqualTo(1);
	}

}
