package io.github.discordoauth2;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.github.discordoauth2.exceptions.RateLimitedException;
import io.github.discordoauth2.model.User;
import io.github.discordoauth2.test.DemoData;
import io.github.discordoauth2.test.FakeDiscord;
import io.github.discordoauth2.test.Fault;
import io.github.discordoauth2.test.RateLimits;
import io.github.discordoauth2.test.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import static io.github.discordoauth2.ReactiveTesting.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The rate limiter on the reactive road against FakeDiscord's enforced limits, the twin
 * of {@link RateLimitsAgainstFakeDiscordTests}: calls wait on Reactor's timers
 * (BlockHound is on, so a sleeping or parked event loop would fail them), are refused
 * before sending when the wait is too long, and share one budget with the blocking road.
 * No test measures time.
 */
class ReactiveRateLimitsAgainstFakeDiscordTests {

	private FakeDiscord fake;

	@BeforeAll
	static void blockHound() {
		ReactiveTesting.installBlockHound();
	}

	@AfterEach
	void stop() {
		if (this.fake != null) {
			this.fake.close();
		}
	}

	private FakeDiscord start(RateLimits limits) {
		this.fake = FakeDiscord.builder().demoData().rateLimits(limits).start();
		return this.fake;
	}

	private Client blocking(Duration maxWait, RateLimitListener listener) {
		return ReactiveTesting.clientFor(this.fake).rateLimitMaxWait(maxWait).rateLimitListener(listener).build();
	}

	private ReactiveClient client(Duration maxWait) {
		return ReactiveClient.of(blocking(maxWait, new RateLimitListener() {
		}));
	}

	private String accessToken() {
		return this.fake.createToken(DemoData.USER_ID, Set.of("identify", "guilds", "connections")).accessToken();
	}

	private long sent(String method, String path) {
		return ReactiveTesting.sent(this.fake, method, path);
	}

	@Test
	void concurrentCallersOnAnUnknownBucketDoNotFanOutIntoTooManyRequests() {
		start(RateLimits.builder().everyRoute(5, Duration.ofSeconds(30)).build());
		// Long enough for the first answer on a loaded machine, short of the 30 s reset.
		ReactivePartialAccessToken token = client(Duration.ofSeconds(10)).fromAccessToken(accessToken());
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
	void callersWaitForTheResetOnTimersInsteadOfCollectingTooManyRequests() {
		start(RateLimits.builder().everyRoute(2, Duration.ofMillis(300)).build());
		ReactivePartialAccessToken token = client(Duration.ofSeconds(10)).fromAccessToken(accessToken());
		List<User> users = Flux.range(0, 4)
			.flatMap((caller) -> token.fetchIdentify().repeat(2))
			.collectList()
			.block(TIMEOUT);

		assertThat(users).hasSize(12);
		assertThat(sent("GET", "/users/@me")).isEqualTo(12);
		assertThat(this.fake.stats().rateLimited()).isZero();
	}

	@Test
	void neverWaitPolicyFailsAnEmptyBucketWithoutSending() {
		start(RateLimits.builder().everyRoute(1, Duration.ofSeconds(30)).build());
		ReactivePartialAccessToken token = client(Duration.ZERO).fromAccessToken(accessToken());
		token.fetchIdentify().block(TIMEOUT);

		StepVerifier.create(token.fetchIdentify()).expectErrorSatisfies((ex) -> {
			RateLimitedException limited = (RateLimitedException) ex;
			assertThat(limited.retryAfter()).isGreaterThan(Duration.ofSeconds(20));
			assertThat(limited.bucket()).isNotBlank();
		}).verify(TIMEOUT);
		assertThat(sent("GET", "/users/@me")).isEqualTo(1);
		assertThat(this.fake.stats().rateLimited()).isZero();
	}

	@Test
	void routesInOneDiscordBucketShareItsBudget() {
		start(RateLimits.builder().route("GET /users/@me/*", 2, Duration.ofSeconds(30)).build());
		ReactivePartialAccessToken token = client(Duration.ZERO).fromAccessToken(accessToken());
		token.fetchGuilds().then(token.fetchConnections().then()).block(TIMEOUT);

		StepVerifier.create(token.fetchGuilds()).expectError(RateLimitedException.class).verify(TIMEOUT);
		assertThat(sent("GET", "/users/@me/guilds")).isEqualTo(1);
		assertThat(this.fake.stats().rateLimited()).isZero();
	}

	@Test
	void bothRoadsOfOneClientShareOneBudget() {
		start(RateLimits.builder().everyRoute(1, Duration.ofSeconds(30)).build());
		Client blocking = blocking(Duration.ZERO, new RateLimitListener() {
		});
		ReactiveClient reactive = ReactiveClient.of(blocking);
		String accessToken = accessToken();
		blocking.fromAccessToken(accessToken).fetchIdentify();

		StepVerifier.create(reactive.fromAccessToken(accessToken).fetchIdentify())
			.expectError(RateLimitedException.class)
			.verify(TIMEOUT);
		assertThat(sent("GET", "/users/@me")).isEqualTo(1);
	}

	@Test
	void tooManyRequestsIsWaitedOutAndSentAgainAndTheListenerHearsOfIt() {
		start(RateLimits.none());
		this.fake.faults().next("GET /users/@me", 1, Fault.rateLimited(Duration.ofMillis(200)));
		List<String> heard = new ArrayList<>();
		ReactiveClient client = ReactiveClient.of(blocking(Duration.ofSeconds(10), new RateLimitListener() {

			@Override
			public void onWait(String method, String route, Duration waited) {
				heard.add("wait " + method + " " + route);
			}

			@Override
			public void onRateLimited(String method, String route, boolean global) {
				heard.add("429 " + method + " " + route);
			}

		}));

		StepVerifier.create(client.fromAccessToken(accessToken()).fetchIdentify())
			.assertNext((user) -> assertThat(user.id()).isEqualTo(DemoData.USER_ID))
			.verifyComplete();
		assertThat(sent("GET", "/users/@me")).isEqualTo(2);
		assertThat(this.fake.stats().rateLimited()).isEqualTo(1);
		assertThat(heard).containsExactly("429 GET /users/@me", "wait GET /users/@me");
	}

	@Test
	void manyCallsWaitingOutTooManyRequestsAtOnceHoldNoThreadEach() {
		start(RateLimits.none());
		int calls = 50;
		this.fake.faults().next("GET /users/@me", calls, Fault.rateLimited(Duration.ofMillis(300)));
		ReactiveClient client = client(Duration.ofSeconds(10));
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
	void tooManyRequestsLongerThanTheMaxWaitFailsWithDiscordsAnswer() {
		start(RateLimits.none());
		this.fake.faults().next("GET /users/@me", 1, Fault.rateLimited(Duration.ofSeconds(30)));
		ReactivePartialAccessToken token = client(Duration.ofSeconds(1)).fromAccessToken(accessToken());

		StepVerifier.create(token.fetchIdentify())
			.expectErrorSatisfies(
					(ex) -> assertThat(((RateLimitedException) ex).retryAfter()).isEqualTo(Duration.ofSeconds(30)))
			.verify(TIMEOUT);
		assertThat(sent("GET", "/users/@me")).isEqualTo(1);
	}

	@Test
	void globalTooManyRequestsHoldsBackEveryRouteOfThatTokenButNoOtherToken() {
		start(RateLimits.none());
		this.fake.faults().next("GET /users/@me", 1, Fault.globalRateLimited(Duration.ofSeconds(30)));
		ReactiveClient client = client(Duration.ofSeconds(1));
		ReactivePartialAccessToken token = client.fromAccessToken(accessToken());
		ReactivePartialAccessToken other = client.fromAccessToken(accessToken());

		StepVerifier.create(token.fetchIdentify())
			.expectErrorSatisfies((ex) -> assertThat(((RateLimitedException) ex).global()).isTrue())
			.verify(TIMEOUT);
		StepVerifier.create(token.fetchGuilds())
			.expectErrorSatisfies((ex) -> assertThat(((RateLimitedException) ex).global()).isTrue())
			.verify(TIMEOUT);
		assertThat(sent("GET", "/users/@me/guilds")).as("nothing sent for the blocked token").isZero();
		StepVerifier.create(other.fetchIdentify()).expectNextCount(1).verifyComplete();
		assertThat(this.fake.journal()).extracting(RecordedRequest::status).containsExactly(429, 200);
	}

	@Test
	void authorizationCodeExchangeIsNeverSentTwiceEvenAfterTooManyRequests() {
		start(RateLimits.none());
		this.fake.faults().next("POST /oauth2/token", 1, Fault.rateLimited(Duration.ofMillis(100)));
		String code = this.fake.createAuthorizationCode(DemoData.USER_ID, DemoData.REDIRECT_URI, Set.of("identify"));

		StepVerifier.create(client(Duration.ofSeconds(10)).exchangeCode(code))
			.expectError(RateLimitedException.class)
			.verify(TIMEOUT);
		assertThat(sent("POST", "/oauth2/token")).isEqualTo(1);
	}

	@Test
	void aWaitingCallCancelledBeforeItsTurnSendsNothing() {
		start(RateLimits.builder().everyRoute(1, Duration.ofSeconds(30)).build());
		ReactivePartialAccessToken token = client(Duration.ofSeconds(60)).fromAccessToken(accessToken());
		token.fetchIdentify().block(TIMEOUT);

		StepVerifier.create(token.fetchIdentify()).expectSubscription().thenCancel().verify(TIMEOUT);
		assertThatExceptionOfType(IllegalStateException.class)
			.isThrownBy(() -> token.fetchIdentify().block(Duration.ofMillis(300)));
		assertThat(sent("GET", "/users/@me")).isEqualTo(1);
	}

}
