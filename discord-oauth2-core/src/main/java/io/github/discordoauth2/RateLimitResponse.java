package io.github.discordoauth2;

import java.time.Duration;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * What the rate limiter learns from one answer: the status and Discord's rate-limit
 * headers, plus the 429 body's {@code retry_after}/{@code global} when present.
 *
 * @param status the HTTP status
 * @param headers the rate-limit headers by lower-case name ({@code x-ratelimit-limit},
 * {@code x-ratelimit-remaining}, {@code x-ratelimit-reset},
 * {@code x-ratelimit-reset-after}, {@code x-ratelimit-bucket},
 * {@code x-ratelimit-global}, {@code x-ratelimit-scope}, {@code retry-after}); absent
 * headers are missing from the map
 * @param bodyRetryAfter the 429 body's {@code retry_after}, or {@code null}
 * @param bodyGlobal the 429 body's {@code global} flag
 */
record RateLimitResponse(int status, Map<String, String> headers, @Nullable Duration bodyRetryAfter,
		boolean bodyGlobal) {

	static final String[] HEADER_NAMES = { "x-ratelimit-limit", "x-ratelimit-remaining", "x-ratelimit-reset",
			"x-ratelimit-reset-after", "x-ratelimit-bucket", "x-ratelimit-global", "x-ratelimit-scope", "retry-after" };

	RateLimitResponse {
		headers = Map.copyOf(headers);
	}

	@Nullable String header(String lowerCaseName) {
		return this.headers.get(lowerCaseName);
	}

}
