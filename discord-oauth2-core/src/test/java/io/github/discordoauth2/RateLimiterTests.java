package io.github.discordoauth2;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import io.github.discordoauth2.exceptions.Credential;
import io.github.discordoauth2.exceptions.RateLimitedException;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The limiter's bookkeeping on a clock driven by hand: what it refuses without sending,
 * what it remembers and what it forgets. Only decisions that need no waiting are checked
 * here; waiting is checked against FakeDiscord.
 */
class RateLimiterTests {

	private static final Duration TEN_SECONDS = Duration.ofSeconds(10);

	private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

	private final RateLimiter limiter = new RateLimiter(TEN_SECONDS, this.nanos::get);

	private static RateLimitKey key(String route, String token) {
		return new RateLimitKey("GET", route, Map.of(), "", Secrets.identity(token), Credential.USER_TOKEN);
	}

	static RateLimitResponse answer(int status, Map<String, String> headers, String body) {
		HttpHeaders httpHeaders = new HttpHeaders();
		headers.forEach(httpHeaders::set);
		return RateLimitResponse.read(status, httpHeaders, body.getBytes(StandardCharsets.UTF_8));
	}

	private static RateLimitResponse ok(int limit, int remaining, double resetAfter, String bucket, String reset) {
		return answer(200,
				Map.of("X-RateLimit-Limit", Integer.toString(limit), "X-RateLimit-Remaining",
						Integer.toString(remaining), "X-RateLimit-Reset-After", Double.toString(resetAfter),
						"X-RateLimit-Bucket", bucket, "X-RateLimit-Reset", reset),
				"{}");
	}

	private static RateLimitResponse tooMany(double retryAfter, boolean global, @Nullable String scope) {
		Map<String, String> headers = new HashMap<>();
		headers.put("Retry-After", Long.toString((long) Math.ceil(retryAfter)));
		if (scope != null) {
			headers.put("X-RateLimit-Scope", scope);
		}
		return answer(429, headers, "{\"message\":\"You are being rate limited.\",\"retry_after\":" + retryAfter
				+ ",\"global\":" + global + "}");
	}

	private void advance(Duration duration) {
		this.nanos.addAndGet(duration.toNanos());
	}

	@Test
	void emptyBucketIsRefusedWithoutWaitingWhenTheResetIsBeyondTheMaxWait() {
		RateLimitKey key = key("/users/@me", "token-a");
		this.limiter.beforeRequest(key, TEN_SECONDS);
		this.limiter.afterResponse(key, ok(2, 1, 60.0, "b1", "1000.000"), true);
		this.limiter.beforeRequest(key, TEN_SECONDS);
		this.limiter.afterResponse(key, ok(2, 0, 59.9, "b1", "1000.000"), true);

		assertThatExceptionOfType(RateLimitedException.class)
			.isThrownBy(() -> this.limiter.beforeRequest(key, TEN_SECONDS))
			.satisfies((ex) -> {
				assertThat(ex.retryAfter()).isGreaterThan(TEN_SECONDS);
				assertThat(ex.global()).isFalse();
				assertThat(ex.bucket()).isEqualTo("b1");
				assertThat(ex.getMessage()).contains("GET /users/@me was not sent", "rateLimitMaxWait")
					.doesNotContain("token-a");
			});
	}

	@Test
	void anAnswerThatAlreadyCountsTheOtherRequestsInFlightDoesNotCostASlot() {
		RateLimitKey key = key("/users/@me", "token-a");
		this.limiter.beforeRequest(key, Duration.ZERO);
		this.limiter.afterResponse(key, ok(5, 4, 30.0, "b1", "1000.000"), true);
		// Two go out together; Discord has seen both when it answers the first.
		this.limiter.beforeRequest(key, Duration.ZERO);
		this.limiter.beforeRequest(key, Duration.ZERO);
		this.limiter.afterResponse(key, ok(5, 2, 30.0, "b1", "1000.000"), true);

		// The window's last two slots are still there, and only those.
		this.limiter.beforeRequest(key, Duration.ZERO);
		this.limiter.beforeRequest(key, Duration.ZERO);
		assertThatExceptionOfType(RateLimitedException.class)
			.isThrownBy(() -> this.limiter.beforeRequest(key, Duration.ZERO));
	}

	@Test
	void anAnswerShowingSomeoneElseSpentFromTheBucketLowersTheBudget() {
		RateLimitKey key = key("/users/@me", "token-a");
		this.limiter.beforeRequest(key, Duration.ZERO);
		this.limiter.afterResponse(key, ok(5, 4, 30.0, "b1", "1000.000"), true);
		this.limiter.beforeRequest(key, Duration.ZERO);
		// Another instance with the same token spent two more than this one sent.
		this.limiter.afterResponse(key, ok(5, 1, 30.0, "b1", "1000.000"), true);

		this.limiter.beforeRequest(key, Duration.ZERO);
		assertThatExceptionOfType(RateLimitedException.class)
			.isThrownBy(() -> this.limiter.beforeRequest(key, Duration.ZERO));
	}

	@Test
	void zeroMaxWaitRefusesAnEmptyBucketAtOnceButStillSendsWhileThereIsRoom() {
		RateLimitKey key = key("/users/@me", "token-a");
		this.limiter.beforeRequest(key, Duration.ZERO);
		this.limiter.afterResponse(key, ok(1, 0, 0.5, "b1", "1000.000"), true);

		assertThatExceptionOfType(RateLimitedException.class)
			.isThrownBy(() -> this.limiter.beforeRequest(key, Duration.ZERO))
			.satisfies((ex) -> assertThat(ex.retryAfter()).isPositive().isLessThanOrEqualTo(Duration.ofMillis(600)));

		advance(Duration.ofSeconds(1));
		this.limiter.beforeRequest(key, Duration.ZERO);
	}

	@Test
	void bucketRefillsAfterTheReset() {
		RateLimitKey key = key("/users/@me", "token-a");
		this.limiter.beforeRequest(key, Duration.ZERO);
		this.limiter.afterResponse(key, ok(1, 0, 2.0, "b1", "1000.000"), true);
		advance(Duration.ofMillis(1900));
		assertThatExceptionOfType(RateLimitedException.class)
			.isThrownBy(() -> this.limiter.beforeRequest(key, Duration.ZERO));
		advance(Duration.ofMillis(200));
		this.limiter.beforeRequest(key, Duration.ZERO);
	}

	@Test
	void bucketsAreKeptPerToken() {
		RateLimitKey a = key("/users/@me", "token-a");
		this.limiter.beforeRequest(a, Duration.ZERO);
		this.limiter.afterResponse(a, ok(1, 0, 60.0, "b1", "1000.000"), true);

		this.limiter.beforeRequest(key("/users/@me", "token-b"), Duration.ZERO);
		assertThatExceptionOfType(RateLimitedException.class)
			.isThrownBy(() -> this.limiter.beforeRequest(a, Duration.ZERO));
	}

	@Test
	void routesThatDiscordPutsInOneBucketShareItsBudget() {
		RateLimitKey guilds = key("/users/@me/guilds", "token-a");
		RateLimitKey connections = key("/users/@me/connections", "token-a");
		this.limiter.beforeRequest(guilds, Duration.ZERO);
		this.limiter.afterResponse(guilds, ok(2, 1, 60.0, "shared-bucket", "1000.000"), true);
		this.limiter.beforeRequest(connections, Duration.ZERO);
		this.limiter.afterResponse(connections, ok(2, 0, 59.0, "shared-bucket", "1000.000"), true);

		assertThatExceptionOfType(RateLimitedException.class)
			.isThrownBy(() -> this.limiter.beforeRequest(guilds, Duration.ZERO));
		assertThatExceptionOfType(RateLimitedException.class)
			.isThrownBy(() -> this.limiter.beforeRequest(connections, Duration.ZERO));
	}

	@Test
	void tooManyRequestsIsRetriedOnlyWhenTheWaitFitsAndRepeatingIsAllowed() {
		RateLimitKey key = key("/users/@me", "token-a");
		this.limiter.beforeRequest(key, TEN_SECONDS);
		assertThat(this.limiter.afterResponse(key, tooMany(1.5, false, "user"), true)).isTrue();
		this.limiter.beforeRequest(key(("/oauth2/token"), "token-a"), TEN_SECONDS);
		assertThat(this.limiter.afterResponse(key("/oauth2/token", "token-a"), tooMany(1.5, false, "user"), false))
			.as("an authorization-code exchange is never sent twice")
			.isFalse();
		this.limiter.beforeRequest(key("/users/@me/guilds", "token-a"), TEN_SECONDS);
		assertThat(this.limiter.afterResponse(key("/users/@me/guilds", "token-a"), tooMany(30, false, "user"), true))
			.as("a wait longer than the maximum fails with Discord's own 429")
			.isFalse();

		RateLimiter neverWaits = new RateLimiter(Duration.ZERO, this.nanos::get);
		neverWaits.beforeRequest(key, Duration.ZERO);
		assertThat(neverWaits.afterResponse(key, tooMany(0.1, false, "user"), true)).isFalse();
	}

	@Test
	void tooManyRequestsEmptiesTheBucketForRetryAfter() {
		RateLimitKey key = key("/users/@me", "token-a");
		this.limiter.beforeRequest(key, Duration.ZERO);
		this.limiter.afterResponse(key, tooMany(3.0, false, "user"), true);

		assertThatExceptionOfType(RateLimitedException.class)
			.isThrownBy(() -> this.limiter.beforeRequest(key, Duration.ofSeconds(2)))
			.satisfies((ex) -> assertThat(ex.retryAfter()).isGreaterThanOrEqualTo(Duration.ofSeconds(3)));
		advance(Duration.ofMillis(3100));
		this.limiter.beforeRequest(key, Duration.ZERO);
	}

	@Test
	void globalTooManyRequestsBlocksEveryRouteOfThatTokenOnly() {
		RateLimitKey me = key("/users/@me", "token-a");
		this.limiter.beforeRequest(me, Duration.ZERO);
		this.limiter.afterResponse(me, tooMany(5.0, true, "global"), true);

		assertThatExceptionOfType(RateLimitedException.class)
			.isThrownBy(() -> this.limiter.beforeRequest(key("/users/@me/guilds", "token-a"), Duration.ZERO))
			.satisfies((ex) -> assertThat(ex.global()).isTrue());
		this.limiter.beforeRequest(key("/users/@me/guilds", "token-b"), Duration.ZERO);
		advance(Duration.ofSeconds(6));
		this.limiter.beforeRequest(key("/users/@me/guilds", "token-a"), Duration.ZERO);
	}

	@Test
	void sharedScopeTooManyRequestsDoesNotCountAsInvalid() {
		RateLimitKey key = key("/users/@me", "token-a");
		this.limiter.beforeRequest(key, Duration.ZERO);
		this.limiter.afterResponse(key, tooMany(0.1, false, "shared"), true);
		assertThat(this.limiter.invalidResponses()).isZero();
		advance(Duration.ofSeconds(1));
		this.limiter.beforeRequest(key, Duration.ZERO);
		this.limiter.afterResponse(key, tooMany(0.1, false, "user"), true);
		assertThat(this.limiter.invalidResponses()).isEqualTo(1);
	}

	@Test
	void stateStaysBoundedAcrossOneHundredThousandTokensWhoseWindowsPass() {
		// One new token per millisecond, each window 1 s: about a thousand windows are
		// open at any time, and every one that closed may be forgotten.
		int most = 0;
		for (int i = 0; i < 100_000; i++) {
			RateLimitKey key = key("/users/@me", "token-" + i);
			this.limiter.beforeRequest(key, Duration.ZERO);
			this.limiter.afterResponse(key, ok(5, 4, 1.0, "b1", Integer.toString(i)), true);
			advance(Duration.ofMillis(1));
			most = Math.max(most, this.limiter.size());
		}
		// A route and its shared bucket for each of the ~1,020 open windows, and some
		// closed ones that the amortised clean-up has not reached yet: a small multiple
		// of what is open, whatever the number of tokens.
		assertThat(most).isLessThanOrEqualTo(3 * 1_020);

		advance(Duration.ofSeconds(2));
		RateLimitKey last = key("/users/@me", "token-last");
		for (int i = 0; i < 2_000; i++) {
			this.limiter.beforeRequest(last, Duration.ZERO);
			this.limiter.afterResponse(last, ok(5_000, 4_999 - i, 1.0, "b1", "last"), true);
		}
		assertThat(this.limiter.size()).as("every closed window was forgotten as requests went on")
			.isLessThanOrEqualTo(2);
	}

	@Test
	void stateStaysBoundedWhenOneHundredThousandTokensArriveWithinOneWindow() {
		for (int i = 0; i < 100_000; i++) {
			RateLimitKey key = key("/users/@me", "token-" + i);
			this.limiter.beforeRequest(key, Duration.ZERO);
			this.limiter.afterResponse(key, ok(5, 4, 60.0, "b1", "1000.000"), true);
		}
		assertThat(this.limiter.size()).isLessThanOrEqualTo(2 * RateLimiter.MAX_ROUTES).isLessThan(100_000 / 4);
	}

	@Test
	void routesWithoutAResetAreForgottenOnceIdle() {
		for (int i = 0; i < 5_000; i++) {
			RateLimitKey key = key("/users/@me", "token-" + i);
			this.limiter.beforeRequest(key, Duration.ZERO);
			this.limiter.afterResponse(key, answer(200, Map.of(), "{}"), true);
		}
		assertThat(this.limiter.size()).isEqualTo(5_000);

		advance(Bucket.IDLE_TIMEOUT.plusSeconds(1));
		RateLimitKey last = key("/users/@me", "token-last");
		for (int i = 0; i < 3_000; i++) {
			this.limiter.beforeRequest(last, Duration.ZERO);
			this.limiter.afterResponse(last, answer(200, Map.of(), "{}"), true);
		}
		assertThat(this.limiter.size()).isLessThanOrEqualTo(1);
	}

	@Test
	void anAbsurdRetryAfterOrResetAfterBlocksTheBucketForAtMostTheCap() {
		assertBlockedForAtMostTheCap("/users/@me",
				answer(429, Map.of("Retry-After", "1e18"), "{\"retry_after\":1e18,\"global\":false}"));
		assertBlockedForAtMostTheCap("/users/@me/guilds", answer(200,
				Map.of("X-RateLimit-Limit", "1", "X-RateLimit-Remaining", "0", "X-RateLimit-Reset-After", "Infinity"),
				"{}"));
	}

	private void assertBlockedForAtMostTheCap(String route, RateLimitResponse answer) {
		RateLimitKey key = key(route, "token-a");
		this.limiter.beforeRequest(key, Duration.ZERO);
		this.limiter.afterResponse(key, answer, true);

		assertThatExceptionOfType(RateLimitedException.class)
			.isThrownBy(() -> this.limiter.beforeRequest(key, Duration.ZERO))
			.satisfies((ex) -> assertThat(ex.retryAfter())
				.isLessThanOrEqualTo(RateLimitResponse.MAX_WAIT.plus(Bucket.RESET_MARGIN)));
		advance(RateLimitResponse.MAX_WAIT.plusSeconds(1));
		this.limiter.beforeRequest(key, Duration.ZERO);
	}

	@Test
	void aGlobalTooManyRequestsWithAnAbsurdRetryAfterIsCappedToo() {
		RateLimitKey key = key("/users/@me", "token-a");
		this.limiter.beforeRequest(key, Duration.ZERO);
		this.limiter.afterResponse(key, answer(429, Map.of(), "{\"retry_after\":1e300,\"global\":true}"), true);
		// Another route of the same token: only a global block holds it back.
		RateLimitKey guilds = key("/users/@me/guilds", "token-a");
		assertThatExceptionOfType(RateLimitedException.class)
			.isThrownBy(() -> this.limiter.beforeRequest(guilds, Duration.ZERO))
			.satisfies((ex) -> {
				assertThat(ex.global()).isTrue();
				assertThat(ex.retryAfter()).isGreaterThan(RateLimitResponse.MAX_WAIT.minusSeconds(1))
					.isLessThanOrEqualTo(RateLimitResponse.MAX_WAIT.plus(Bucket.RESET_MARGIN));
			});
		advance(RateLimitResponse.MAX_WAIT.plusSeconds(1));
		this.limiter.beforeRequest(guilds, Duration.ZERO);
	}

	@Test
	void aTooManyRequestsWithoutAnyHintWaitsTheDefault() {
		RateLimitKey key = key("/users/@me", "token-a");
		this.limiter.beforeRequest(key, Duration.ZERO);
		this.limiter.afterResponse(key, answer(429, Map.of(), ""), true);
		assertThatExceptionOfType(RateLimitedException.class)
			.isThrownBy(() -> this.limiter.beforeRequest(key, Duration.ZERO))
			.satisfies((ex) -> assertThat(ex.retryAfter()).isGreaterThan(Duration.ofMillis(900))
				.isLessThanOrEqualTo(RateLimitResponse.DEFAULT_RETRY_AFTER.plus(Bucket.RESET_MARGIN)));
		advance(RateLimitResponse.DEFAULT_RETRY_AFTER.plusMillis(100));
		this.limiter.beforeRequest(key, Duration.ZERO);
	}

	@Test
	void aPracticallyEndlessMaxWaitDoesNotOverflow() {
		Duration forever = Duration.ofSeconds(Long.MAX_VALUE);
		RateLimiter patient = new RateLimiter(forever, this.nanos::get);
		RateLimitKey key = key("/users/@me", "token-a");
		patient.beforeRequest(key, forever);
		assertThat(patient.afterResponse(key, tooMany(3600, false, "user"), true)).isTrue();
	}

	@Test
	void aRouteWithoutRateLimitHeadersIsNotHeldBack() {
		RateLimitKey key = key("/users/@me", "token-a");
		this.limiter.beforeRequest(key, Duration.ZERO);
		this.limiter.afterResponse(key, answer(200, Map.of(), "{}"), true);
		for (int i = 0; i < 100; i++) {
			this.limiter.beforeRequest(key, Duration.ZERO);
		}
		assertThat(this.limiter.size()).isEqualTo(1);
	}

}
