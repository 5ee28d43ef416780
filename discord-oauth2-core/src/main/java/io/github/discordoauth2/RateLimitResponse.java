package io.github.discordoauth2;

import java.time.Duration;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpHeaders;

/**
 * Discord's rate-limit answer, read in this one place for the whole core: the
 * {@code X-RateLimit-*} headers, {@code Retry-After} and a 429's JSON body
 * ({@code retry_after}, {@code global}). The limiter and the error decoder only see the
 * values parsed here (see Discord's "Rate Limits" documentation page).
 *
 * <p>
 * Durations are sanitised once, here: a negative or NaN value counts as absent, and
 * anything longer than {@link #MAX_WAIT} (an absurd {@code 1e18} or {@code Infinity})
 * counts as {@link #MAX_WAIT}, so that one strange answer cannot block a bucket for
 * centuries. A 429 without any hint waits {@link #DEFAULT_RETRY_AFTER}.
 *
 * @param status the HTTP status
 * @param limit {@code X-RateLimit-Limit}, or {@code null}
 * @param remaining {@code X-RateLimit-Remaining}, or {@code null}
 * @param reset {@code X-RateLimit-Reset} as sent (it names the window), or {@code null}
 * @param resetAfter {@code X-RateLimit-Reset-After}, capped at {@link #MAX_WAIT}, or
 * {@code null}
 * @param bucket {@code X-RateLimit-Bucket}, or {@code null}
 * @param global whether a 429 is global (body {@code global},
 * {@code X-RateLimit-Global: true} or {@code X-RateLimit-Scope: global})
 * @param scope {@code X-RateLimit-Scope} ({@code user}, {@code global}, {@code shared}),
 * or {@code null}
 * @param retryAfter for a 429, how long to wait: the body's {@code retry_after}, else
 * {@code Retry-After}, else {@code X-RateLimit-Reset-After}, else
 * {@link #DEFAULT_RETRY_AFTER}, capped at {@link #MAX_WAIT}; {@code null} for any other
 * status
 */
record RateLimitResponse(int status, @Nullable Integer limit, @Nullable Integer remaining, @Nullable String reset,
		@Nullable Duration resetAfter, @Nullable String bucket, boolean global, @Nullable String scope,
		@Nullable Duration retryAfter) {

	/**
	 * The longest wait any answer can impose. Discord's documented per-route windows are
	 * seconds to minutes; beyond an hour an answer is taken as broken, and after the hour
	 * one request finds out whether the limit still holds.
	 */
	static final Duration MAX_WAIT = Duration.ofHours(1);

	/**
	 * The wait after a 429 that carries no hint at all (no body {@code retry_after}, no
	 * {@code Retry-After}, no {@code X-RateLimit-Reset-After}): back off a second rather
	 * than hammer.
	 */
	static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(1);

	private static final String LIMIT = "X-RateLimit-Limit";

	private static final String REMAINING = "X-RateLimit-Remaining";

	private static final String RESET = "X-RateLimit-Reset";

	private static final String RESET_AFTER = "X-RateLimit-Reset-After";

	private static final String BUCKET = "X-RateLimit-Bucket";

	private static final String GLOBAL = "X-RateLimit-Global";

	private static final String SCOPE = "X-RateLimit-Scope";

	private static final String RETRY_AFTER = "Retry-After";

	/**
	 * Reads an answer's rate-limit information.
	 * @param status the HTTP status
	 * @param headers the answer's headers
	 * @param body the answer's body (only a 429's is looked at)
	 * @return what the answer says about rate limits
	 */
	static RateLimitResponse read(int status, HttpHeaders headers, byte[] body) {
		String scope = headers.getFirst(SCOPE);
		Duration resetAfter = seconds(headers.getFirst(RESET_AFTER));
		boolean global = "true".equalsIgnoreCase(headers.getFirst(GLOBAL)) || "global".equalsIgnoreCase(scope);
		Duration retryAfter = null;
		if (status == 429) {
			JsonNode node = jsonObject(body);
			if (node != null) {
				JsonNode retry = node.get("retry_after");
				if (retry != null && retry.isNumber()) {
					retryAfter = seconds(retry.asDouble());
				}
				JsonNode bodyGlobal = node.get("global");
				global = global || (bodyGlobal != null && bodyGlobal.isBoolean() && bodyGlobal.asBoolean());
			}
			if (retryAfter == null) {
				// Discord never sends an HTTP-date Retry-After; such a value counts as
				// absent.
				retryAfter = seconds(headers.getFirst(RETRY_AFTER));
			}
			if (retryAfter == null) {
				retryAfter = (resetAfter != null) ? resetAfter : DEFAULT_RETRY_AFTER;
			}
		}
		return new RateLimitResponse(status, count(headers.getFirst(LIMIT)), count(headers.getFirst(REMAINING)),
				headers.getFirst(RESET), resetAfter, headers.getFirst(BUCKET), global, scope, retryAfter);
	}

	/**
	 * @return whether the answer carries a complete window: limit, remaining and reset
	 */
	boolean hasWindow() {
		return this.limit != null && this.limit > 0 && this.remaining != null && this.resetAfter != null;
	}

	/**
	 * @return whether a 429 of this answer counts toward Discord's invalid-request limit
	 * (shared-resource 429s do not)
	 */
	boolean countsAsInvalid() {
		return !"shared".equalsIgnoreCase(this.scope);
	}

	private static @Nullable JsonNode jsonObject(byte[] body) {
		if (body.length == 0) {
			return null;
		}
		try {
			JsonNode node = DiscordJson.tree(body);
			return (node != null && node.isObject()) ? node : null;
		}
		catch (JacksonException ex) {
			return null;
		}
	}

	private static @Nullable Integer count(@Nullable String text) {
		Double value = number(text);
		return (value != null && value <= Integer.MAX_VALUE) ? (int) Math.floor(value) : null;
	}

	private static @Nullable Duration seconds(@Nullable String text) {
		Double value = number(text);
		return (value != null) ? seconds(value) : null;
	}

	/**
	 * @return the duration, at most {@link #MAX_WAIT}; {@code null} for a negative or NaN
	 * value
	 */
	static @Nullable Duration seconds(double seconds) {
		if (Double.isNaN(seconds) || seconds < 0) {
			return null;
		}
		if (seconds >= MAX_WAIT.toSeconds()) {
			return MAX_WAIT;
		}
		return Duration.ofMillis((long) Math.ceil(seconds * 1000));
	}

	private static @Nullable Double number(@Nullable String text) {
		if (text == null) {
			return null;
		}
		try {
			double value = Double.parseDouble(text.trim());
			return (Double.isNaN(value) || value < 0) ? null : value;
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

}
