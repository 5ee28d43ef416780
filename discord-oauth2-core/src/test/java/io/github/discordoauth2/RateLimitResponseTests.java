package io.github.discordoauth2;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static io.github.discordoauth2.RateLimiterTests.answer;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reading Discord's rate-limit answer: headers and a 429's body, in the one place the
 * core reads them, with absurd values tamed.
 */
class RateLimitResponseTests {

	@Test
	void everyHeaderIsReadWhateverItsCase() {
		RateLimitResponse response = answer(200,
				Map.of("x-ratelimit-limit", "5", "X-RATELIMIT-REMAINING", "4", "X-RateLimit-Reset", "1470173023.123",
						"X-RateLimit-Reset-After", "1.5", "X-RateLimit-Bucket", "abcd1234", "X-RateLimit-Scope",
						"user"),
				"{}");
		assertThat(response.limit()).isEqualTo(5);
		assertThat(response.remaining()).isEqualTo(4);
		assertThat(response.reset()).isEqualTo("1470173023.123");
		assertThat(response.resetAfter()).isEqualTo(Duration.ofMillis(1500));
		assertThat(response.bucket()).isEqualTo("abcd1234");
		assertThat(response.scope()).isEqualTo("user");
		assertThat(response.global()).isFalse();
		assertThat(response.retryAfter()).as("only a 429 has a retry-after").isNull();
		assertThat(response.hasWindow()).isTrue();
	}

	@Test
	void aTooManyRequestsBodyComesBeforeItsHeaders() {
		RateLimitResponse response = answer(429, Map.of("Retry-After", "3", "X-RateLimit-Reset-After", "4"),
				"{\"message\":\"You are being rate limited.\",\"retry_after\":0.25,\"global\":true,\"code\":0}");
		assertThat(response.retryAfter()).isEqualTo(Duration.ofMillis(250));
		assertThat(response.global()).isTrue();
	}

	@Test
	void withoutABodyRetryAfterThenResetAfterIsUsed() {
		assertThat(answer(429, Map.of("Retry-After", "3", "X-RateLimit-Reset-After", "4"), "slow down").retryAfter())
			.isEqualTo(Duration.ofSeconds(3));
		assertThat(answer(429, Map.of("X-RateLimit-Reset-After", "4"), "").retryAfter())
			.isEqualTo(Duration.ofSeconds(4));
	}

	@Test
	void aTooManyRequestsWithoutAnyHintWaitsOneSecond() {
		assertThat(answer(429, Map.of(), "").retryAfter()).isEqualTo(RateLimitResponse.DEFAULT_RETRY_AFTER)
			.isEqualTo(Duration.ofSeconds(1));
		assertThat(answer(429, Map.of("Retry-After", "Wed, 21 Oct 2015 07:28:00 GMT"), "<html></html>").retryAfter())
			.isEqualTo(RateLimitResponse.DEFAULT_RETRY_AFTER);
	}

	@Test
	void globalIsReadFromTheBodyTheGlobalHeaderOrTheScope() {
		assertThat(answer(429, Map.of("X-RateLimit-Global", "true"), "").global()).isTrue();
		assertThat(answer(429, Map.of("X-RateLimit-Scope", "global"), "").global()).isTrue();
		assertThat(answer(429, Map.of("X-RateLimit-Scope", "shared"), "").global()).isFalse();
		assertThat(answer(429, Map.of("X-RateLimit-Scope", "shared"), "").countsAsInvalid()).isFalse();
		assertThat(answer(429, Map.of("X-RateLimit-Scope", "user"), "").countsAsInvalid()).isTrue();
	}

	@Test
	void absurdDurationsAreCappedOrIgnored() {
		Duration cap = RateLimitResponse.MAX_WAIT;
		assertThat(answer(429, Map.of(), "{\"retry_after\":1e18}").retryAfter()).isEqualTo(cap);
		assertThat(answer(429, Map.of("Retry-After", "Infinity"), "").retryAfter()).isEqualTo(cap);
		assertThat(answer(200, Map.of("X-RateLimit-Reset-After", "1e18"), "").resetAfter()).isEqualTo(cap);
		assertThat(answer(200, Map.of("X-RateLimit-Reset-After", "NaN"), "").resetAfter()).isNull();
		assertThat(answer(200, Map.of("X-RateLimit-Reset-After", "-5"), "").resetAfter()).isNull();
		assertThat(answer(429, Map.of("Retry-After", "NaN"), "{\"retry_after\":-1}").retryAfter())
			.isEqualTo(RateLimitResponse.DEFAULT_RETRY_AFTER);
		assertThat(answer(200, Map.of("X-RateLimit-Limit", "1e18", "X-RateLimit-Remaining", "-1"), "").limit())
			.isNull();
		assertThat(cap).isEqualTo(Duration.ofHours(1));
	}

}
