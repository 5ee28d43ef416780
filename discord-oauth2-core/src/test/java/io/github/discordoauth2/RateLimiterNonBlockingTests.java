package io.github.discordoauth2;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.github.discordoauth2.exceptions.Credential;
import io.github.discordoauth2.exceptions.RateLimitedException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The limiter's non-blocking questions, asked by the reactive road, on a clock driven by
 * hand: they answer with the same bookkeeping as the blocking road's waits, never wait
 * themselves, and wake a waiter when an answer may have freed a slot.
 */
class RateLimiterNonBlockingTests {

	private static final Duration TEN_SECONDS = Duration.ofSeconds(10);

	private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

	private final RateLimiter limiter = new RateLimiter(TEN_SECONDS, this.nanos::get);

	private final AtomicInteger wakeUps = new AtomicInteger();

	private static RateLimitKey key(String token) {
		return new RateLimitKey("GET", "/users/@me", Map.of(), "", Secrets.identity(token), Credential.USER_TOKEN);
	}

	private static RateLimitResponse ok(int limit, int remaining, double resetAfter) {
		return RateLimiterTests.answer(200,
				Map.of("X-RateLimit-Limit", Integer.toString(limit), "X-RateLimit-Remaining",
						Integer.toString(remaining), "X-RateLimit-Reset-After", Double.toString(resetAfter),
						"X-RateLimit-Bucket", "b1", "X-RateLimit-Reset", "1700000000." + limit + remaining),
				"{}");
	}

	private long ask(RateLimitKey key, Duration maxWait) {
		return this.limiter.tryBeforeRequest(key, maxWait, Duration.ZERO, this.wakeUps::incrementAndGet);
	}

	@Test
	void anEmptyBucketSaysHowLongToWaitAndTheResetFreesIt() {
		RateLimitKey key = key("token-a");
		assertThat(ask(key, TEN_SECONDS)).isZero();
		this.limiter.tryAfterResponse(key, ok(1, 0, 2.0), true);

		long wait = ask(key, TEN_SECONDS);
		assertThat(Duration.ofNanos(wait)).isGreaterThan(Duration.ofMillis(1900))
			.isLessThanOrEqualTo(Duration.ofSeconds(2).plus(Bucket.RESET_MARGIN));
		this.nanos.addAndGet(wait);
		assertThat(ask(key, TEN_SECONDS)).isZero();
	}

	@Test
	void aWaitBeyondTheMaxWaitIsRefusedWithoutSending() {
		RateLimitKey key = key("token-a");
		ask(key, TEN_SECONDS);
		this.limiter.tryAfterResponse(key, ok(1, 0, 30.0), true);

		assertThatExceptionOfType(RateLimitedException.class).isThrownBy(() -> ask(key, TEN_SECONDS))
			.satisfies((ex) -> assertThat(ex.retryAfter()).isGreaterThan(Duration.ofSeconds(29)));
	}

	@Test
	void callersBehindAFirstRequestAreWokenWhenItsAnswerArrives() {
		RateLimitKey key = key("token-a");
		assertThat(ask(key, TEN_SECONDS)).as("the first request goes").isZero();
		assertThat(ask(key, TEN_SECONDS)).as("the second waits for its headers").isPositive();
		assertThat(this.wakeUps).hasValue(0);

		this.limiter.tryAfterResponse(key, ok(5, 4, 30.0), true);
		assertThat(this.wakeUps).hasValue(1);
		assertThat(ask(key, TEN_SECONDS)).isZero();
	}

	@Test
	void aFailureAlsoWakesWaitersAndHandsTheFirstRequestOn() {
		RateLimitKey key = key("token-a");
		ask(key, TEN_SECONDS);
		assertThat(ask(key, TEN_SECONDS)).isPositive();

		assertThat(this.limiter.tryOnFailure(key, new IllegalStateException("cut"))).isTrue();
		assertThat(this.wakeUps).hasValue(1);
		assertThat(ask(key, TEN_SECONDS)).isZero();
	}

	@Test
	void aTooManyRequestsAnswerAsksToSendAgainWithinTheMaxWait() {
		RateLimitKey key = key("token-a");
		ask(key, TEN_SECONDS);
		RateLimitResponse tooMany = RateLimiterTests.answer(429, Map.of(), "{\"retry_after\":0.5,\"global\":false}");

		assertThat(this.limiter.tryAfterResponse(key, tooMany, true)).isEqualTo(RateLimitHook.Answer.SEND_AGAIN);
		assertThat(Duration.ofNanos(ask(key, TEN_SECONDS))).isGreaterThan(Duration.ofMillis(400));
		ask(key("token-b"), TEN_SECONDS);
		assertThat(this.limiter.tryAfterResponse(key("token-b"), tooMany, false)).isEqualTo(RateLimitHook.Answer.DONE);
	}

	@Test
	void bothRoadsKeepOneBookOfTheSameBucket() {
		RateLimitKey key = key("token-a");
		this.limiter.beforeRequest(key, TEN_SECONDS);
		this.limiter.afterResponse(key, ok(2, 1, 30.0), true);
		assertThat(ask(key, TEN_SECONDS)).isZero();
		this.limiter.tryAfterResponse(key, ok(2, 0, 30.0), true);

		assertThatExceptionOfType(RateLimitedException.class)
			.isThrownBy(() -> this.limiter.beforeRequest(key, Duration.ofSeconds(1)));
	}

	@Test
	void stateStaysBoundedWhenNonBlockingCallersComeAndGo() {
		for (int i = 0; i < 500; i++) {
			RateLimitKey key = key("token-" + i);
			ask(key, TEN_SECONDS);
			this.limiter.tryAfterResponse(key, ok(5, 4, 1.0), true);
		}
		this.nanos.addAndGet(Duration.ofMinutes(5).toNanos());
		for (int i = 0; i < 500; i++) {
			ask(key("other-" + i), Duration.ZERO);
			this.limiter.tryOnFailure(key("other-" + i), new IllegalStateException("cut"));
		}
		assertThat(this.limiter.size()).isLessThan(1000);
	}

}
