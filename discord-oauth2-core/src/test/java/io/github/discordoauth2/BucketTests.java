package io.github.discordoauth2;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One budget's arithmetic on a plain {@code long} clock, without locks or maps: what it
 * hands out, what it learns from answers, and when it may be forgotten.
 */
class BucketTests {

	private static final long SECOND = Duration.ofSeconds(1).toNanos();

	private static final long MARGIN = Bucket.RESET_MARGIN.toNanos();

	private final Bucket bucket = new Bucket();

	private static RateLimitResponse window(int limit, int remaining, double resetAfter, String reset) {
		return RateLimiterTests.answer(200,
				Map.of("X-RateLimit-Limit", Integer.toString(limit), "X-RateLimit-Remaining",
						Integer.toString(remaining), "X-RateLimit-Reset-After", Double.toString(resetAfter),
						"X-RateLimit-Reset", reset),
				"{}");
	}

	@Test
	void theFirstRequestOnAnUnknownBucketGoesAloneUntilTheFirstRequestDeadline() {
		assertThat(this.bucket.reserve(0, 5 * SECOND)).as("the first request").isZero();
		assertThat(this.bucket.reserve(SECOND, 5 * SECOND)).as("the second waits for its answer").isEqualTo(4 * SECOND);
		assertThat(this.bucket.reserve(5 * SECOND, 5 * SECOND)).as("past the deadline, it goes anyway").isZero();
		assertThat(this.bucket.inFlight).isEqualTo(2);
	}

	@Test
	void aLearnedWindowHandsOutItsRemainingSendsThenWaitsForTheReset() {
		this.bucket.reserve(0, 0);
		this.bucket.release();
		this.bucket.learnWindow(window(3, 2, 2.0, "w1"), 0);

		assertThat(this.bucket.reserve(0, 0)).isZero();
		assertThat(this.bucket.reserve(0, 0)).isZero();
		assertThat(this.bucket.reserve(SECOND, 0)).isEqualTo(SECOND + MARGIN);
		assertThat(this.bucket.reserve(2 * SECOND + MARGIN, 0)).as("a new window, less the two in flight").isZero();
		assertThat(this.bucket.reserve(2 * SECOND + MARGIN, 0)).isPositive();
	}

	@Test
	void anAnswerOfTheSameWindowOnlyLowersTheCount() {
		this.bucket.reserve(0, 0);
		this.bucket.release();
		this.bucket.learnWindow(window(5, 4, 30.0, "w1"), 0);
		this.bucket.reserve(0, 0);
		this.bucket.reserve(0, 0);
		this.bucket.release();
		// Discord saw both when it answered the first: the count already holds them.
		this.bucket.learnWindow(window(5, 2, 30.0, "w1"), 0);
		assertThat(this.bucket.remaining).isEqualTo(2);
		// Someone else spent from the bucket: the answer lowers it.
		this.bucket.learnWindow(window(5, 1, 30.0, "w1"), 0);
		assertThat(this.bucket.remaining).isEqualTo(1);
	}

	@Test
	void answersWithoutHeadersLeaveTheRouteUnlimited() {
		this.bucket.reserve(0, 0);
		this.bucket.learnWindow(RateLimiterTests.answer(200, Map.of(), "{}"), 0);
		for (int i = 0; i < 100; i++) {
			assertThat(this.bucket.reserve(0, 0)).isZero();
		}
	}

	@Test
	void aTooManyRequestsEmptiesTheBucketForItsRetryAfterButAGlobalOneLeavesItAlone() {
		this.bucket.reserve(0, 0);
		this.bucket.release();
		long until = this.bucket.tooManyRequests(RateLimiterTests.answer(429, Map.of(), "{\"retry_after\":1.5}"), 0);
		assertThat(until).isEqualTo(1_500_000_000L + MARGIN);
		assertThat(this.bucket.reserve(SECOND, 0)).isEqualTo(until - SECOND);
		assertThat(this.bucket.reserve(until, 0)).isZero();

		Bucket other = new Bucket();
		other.reserve(0, 0);
		other.release();
		other.learnWindow(RateLimiterTests.answer(200, Map.of(), "{}"), 0);
		long globalUntil = other
			.tooManyRequests(RateLimiterTests.answer(429, Map.of(), "{\"retry_after\":3,\"global\":true}"), 0);
		assertThat(globalUntil).isEqualTo(3 * SECOND + MARGIN);
		assertThat(other.reserve(0, 0)).as("the credential is held back elsewhere, not the bucket").isZero();
	}

	@Test
	void aTooManyRequestsWithoutAHintWaitsTheDefault() {
		assertThat(Bucket.retryAfter(RateLimiterTests.answer(429, Map.of(), "")))
			.isEqualTo(RateLimitResponse.DEFAULT_RETRY_AFTER.toNanos());
	}

	@Test
	void aBucketMayBeForgottenOnceNothingIsInFlightAndItsWindowIsOver() {
		this.bucket.reserve(0, 0);
		assertThat(this.bucket.mayBeForgotten(SECOND)).as("in flight").isFalse();
		this.bucket.release();
		this.bucket.learnWindow(window(5, 4, 1.0, "w1"), 0);
		assertThat(this.bucket.mayBeForgotten(SECOND)).isFalse();
		assertThat(this.bucket.mayBeForgotten(SECOND + MARGIN + 1)).isTrue();

		Bucket noReset = new Bucket();
		noReset.lastUsed = 0;
		assertThat(noReset.mayBeForgotten(Bucket.IDLE_TIMEOUT.toNanos())).isFalse();
		assertThat(noReset.mayBeForgotten(Bucket.IDLE_TIMEOUT.toNanos() + 1)).isTrue();
	}

	@Test
	void arithmeticSaturatesInsteadOfOverflowing() {
		assertThat(Bucket.saturatedAdd(Long.MAX_VALUE - 1, 5)).isEqualTo(Long.MAX_VALUE);
		assertThat(Bucket.nanos(Duration.ofSeconds(Long.MAX_VALUE))).isEqualTo(Long.MAX_VALUE);
		assertThat(Bucket.saturatedAdd(1, 2)).isEqualTo(3);
	}

}
