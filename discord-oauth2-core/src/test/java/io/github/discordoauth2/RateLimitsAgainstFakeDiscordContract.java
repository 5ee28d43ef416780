package io.github.discordoauth2;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.github.discordoauth2.exceptions.RateLimitedException;
import io.github.discordoauth2.model.User;
import io.github.discordoauth2.test.DemoData;
import io.github.discordoauth2.test.FakeDiscord;
import io.github.discordoauth2.test.Fault;
import io.github.discordoauth2.test.RateLimits;
import io.github.discordoauth2.test.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The rate limiter in the request road against FakeDiscord's enforced limits, on either
 * road: what is sent, what is refused before sending, and how many 429s Discord had to
 * give. Written once; {@link RateLimitsAgainstFakeDiscordTests} runs it on the blocking
 * road and {@link ReactiveRateLimitsAgainstFakeDiscordTests} on the non-blocking one. No
 * test measures time.
 */
abstract class RateLimitsAgainstFakeDiscordContract {

	/** The road every call of this suite takes. */
	final Road road;

	FakeDiscord fake;

	RateLimitsAgainstFakeDiscordContract(Road road) {
		this.road = road;
	}

	@AfterEach
	void stop() {
		if (this.fake != null) {
			this.fake.close();
		}
	}

	FakeDiscord start(RateLimits limits) {
		this.fake = FakeDiscord.builder().demoData().rateLimits(limits).start();
		return this.fake;
	}

	Client client(Duration maxWait) {
		return client(maxWait, new RateLimitListener() {
		});
	}

	Client client(Duration maxWait, RateLimitListener listener) {
		return Client.builder()
			.clientId(this.fake.clientId())
			.clientSecret(this.fake.clientSecret())
			.redirectUri(DemoData.REDIRECT_URI)
			.baseUrl(this.fake.baseUrl())
			.rateLimitMaxWait(maxWait)
			.rateLimitListener(listener)
			.build();
	}

	String accessToken() {
		return this.fake.createToken(DemoData.USER_ID, Set.of("identify", "guilds", "connections")).accessToken();
	}

	PartialAccessToken userToken(Client client) {
		return client.fromAccessToken(accessToken());
	}

	long sent(String method, String path) {
		return journal().stream().filter((r) -> r.method().equals(method) && r.path().endsWith(path)).count();
	}

	List<RecordedRequest> journal() {
		return this.fake.journal();
	}

	@Test
	void concurrentCallersOnAnUnknownBucketDoNotFanOutIntoTooManyRequests() throws Exception {
		start(RateLimits.builder().everyRoute(5, Duration.ofSeconds(30)).build());
		// Callers may wait long enough for the first answer even on a loaded machine, but
		// not for the 30 s reset: the three beyond the budget are refused without
		// sending.
		PartialAccessToken token = userToken(client(Duration.ofSeconds(10)));
		List<Object> outcomes = runTogether(8, () -> this.road.fetchIdentify(token));

		assertThat(outcomes).filteredOn(User.class::isInstance).hasSize(5);
		assertThat(outcomes).filteredOn(RateLimitedException.class::isInstance).hasSize(3);
		assertThat(this.fake.stats().rateLimited()).as("429s Discord had to give").isZero();
		assertThat(sent("GET", "/users/@me")).isEqualTo(5);
	}

	@Test
	void callersWaitForTheResetInsteadOfCollectingTooManyRequests() throws Exception {
		start(RateLimits.builder().everyRoute(2, Duration.ofMillis(300)).build());
		PartialAccessToken token = userToken(client(Duration.ofSeconds(10)));
		List<Object> outcomes = runTogether(4, () -> {
			for (int i = 0; i < 3; i++) {
				this.road.fetchIdentify(token);
			}
			return "done";
		});

		assertThat(outcomes).containsOnly("done");
		assertThat(sent("GET", "/users/@me")).isEqualTo(12);
		assertThat(this.fake.stats().rateLimited()).isZero();
	}

	@Test
	void neverWaitPolicyFailsAnEmptyBucketWithoutSending() {
		start(RateLimits.builder().everyRoute(1, Duration.ofSeconds(30)).build());
		PartialAccessToken token = userToken(client(Duration.ZERO));
		this.road.fetchIdentify(token);

		assertThatExceptionOfType(RateLimitedException.class).isThrownBy(() -> this.road.fetchIdentify(token))
			.satisfies((ex) -> {
				assertThat(ex.retryAfter()).isGreaterThan(Duration.ofSeconds(20));
				assertThat(ex.bucket()).isNotBlank();
			});
		assertThat(sent("GET", "/users/@me")).isEqualTo(1);
		assertThat(this.fake.stats().rateLimited()).isZero();
	}

	@Test
	void routesInOneDiscordBucketShareItsBudget() {
		start(RateLimits.builder().route("GET /users/@me/*", 2, Duration.ofSeconds(30)).build());
		PartialAccessToken token = userToken(client(Duration.ZERO));
		this.road.fetchGuilds(token);
		this.road.fetchConnections(token);

		assertThatExceptionOfType(RateLimitedException.class).isThrownBy(() -> this.road.fetchGuilds(token));
		assertThat(sent("GET", "/users/@me/guilds")).isEqualTo(1);
		assertThat(this.fake.stats().rateLimited()).isZero();
	}

	@Test
	void tooManyRequestsIsWaitedOutAndSentAgainAndTheListenerHearsOfIt() {
		start(RateLimits.none());
		this.fake.faults().next("GET /users/@me", 1, Fault.rateLimited(Duration.ofMillis(200)));
		List<String> heard = Collections.synchronizedList(new ArrayList<>());
		PartialAccessToken token = userToken(client(Duration.ofSeconds(10), new RateLimitListener() {

			@Override
			public void onWait(String method, String route, Duration waited) {
				heard.add("wait " + method + " " + route);
			}

			@Override
			public void onRateLimited(String method, String route, boolean global) {
				heard.add("429 " + method + " " + route);
			}

		}));

		assertThat(this.road.fetchIdentify(token).id()).isEqualTo(DemoData.USER_ID);
		assertThat(sent("GET", "/users/@me")).isEqualTo(2);
		assertThat(this.fake.stats().rateLimited()).isEqualTo(1);
		assertThat(heard).containsExactly("429 GET /users/@me", "wait GET /users/@me");
	}

	@Test
	void tooManyRequestsLongerThanTheMaxWaitFailsWithDiscordsAnswer() {
		start(RateLimits.none());
		this.fake.faults().next("GET /users/@me", 1, Fault.rateLimited(Duration.ofSeconds(30)));
		PartialAccessToken token = userToken(client(Duration.ofSeconds(1)));

		assertThatExceptionOfType(RateLimitedException.class).isThrownBy(() -> this.road.fetchIdentify(token))
			.satisfies((ex) -> assertThat(ex.retryAfter()).isEqualTo(Duration.ofSeconds(30)));
		assertThat(sent("GET", "/users/@me")).isEqualTo(1);
	}

	@Test
	void globalTooManyRequestsHoldsBackEveryRouteOfThatTokenButNoOtherToken() {
		start(RateLimits.none());
		this.fake.faults().next("GET /users/@me", 1, Fault.globalRateLimited(Duration.ofSeconds(30)));
		Client client = client(Duration.ofSeconds(1));
		PartialAccessToken token = userToken(client);
		PartialAccessToken other = userToken(client);

		assertThatExceptionOfType(RateLimitedException.class).isThrownBy(() -> this.road.fetchIdentify(token))
			.satisfies((ex) -> assertThat(ex.global()).isTrue());
		assertThatExceptionOfType(RateLimitedException.class).isThrownBy(() -> this.road.fetchGuilds(token))
			.satisfies((ex) -> assertThat(ex.global()).isTrue());
		assertThat(sent("GET", "/users/@me/guilds")).as("nothing sent for the blocked token").isZero();

		assertThat(this.road.fetchIdentify(other).id()).isEqualTo(DemoData.USER_ID);
		assertThat(journal()).extracting(RecordedRequest::status).containsExactly(429, 200);
	}

	@Test
	void authorizationCodeExchangeIsNeverSentTwiceEvenAfterTooManyRequests() {
		start(RateLimits.none());
		this.fake.faults().next("POST /oauth2/token", 1, Fault.rateLimited(Duration.ofMillis(100)));
		Client client = client(Duration.ofSeconds(10));
		String code = this.fake.createAuthorizationCode(DemoData.USER_ID, DemoData.REDIRECT_URI, Set.of("identify"));

		assertThatExceptionOfType(RateLimitedException.class).isThrownBy(() -> this.road.exchangeCode(client, code));
		assertThat(sent("POST", "/oauth2/token")).isEqualTo(1);
	}

	/**
	 * Starts the tasks on {@code threads} threads at the same moment; returns each result
	 * or exception.
	 */
	static List<Object> runTogether(int threads, Callable<Object> task) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		try {
			CountDownLatch start = new CountDownLatch(1);
			List<Future<Object>> futures = new ArrayList<>();
			for (int i = 0; i < threads; i++) {
				futures.add(pool.submit(() -> {
					start.await();
					try {
						return task.call();
					}
					catch (RuntimeException ex) {
						return ex;
					}
				}));
			}
			start.countDown();
			List<Object> outcomes = new ArrayList<>();
			for (Future<Object> future : futures) {
				outcomes.add(future.get(60, TimeUnit.SECONDS));
			}
			return outcomes;
		}
		finally {
			pool.shutdownNow();
		}
	}

}
