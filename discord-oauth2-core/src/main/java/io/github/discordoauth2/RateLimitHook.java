package io.github.discordoauth2;

import java.time.Duration;

/**
 * The seam where the rate limiter plugs into the request road ({@link DiscordHttp}).
 * Every request calls {@link #beforeRequest} before it is sent and exactly one of
 * {@link #afterResponse} or {@link #onFailure} after. The default does nothing: a 429
 * then becomes a {@code RateLimitedException} at once.
 */
interface RateLimitHook {

	/** Does nothing; the road sends at once and never retries. */
	RateLimitHook NONE = new RateLimitHook() {
	};

	/**
	 * Called before sending; may block while the bucket is empty, at most
	 * {@code maxWait}.
	 * @param key what the request counts against
	 * @param maxWait the longest wait allowed ({@link Duration#ZERO} = never wait)
	 * @throws io.github.discordoauth2.exceptions.RateLimitedException to refuse without
	 * sending
	 */
	default void beforeRequest(RateLimitKey key, Duration maxWait) {
	}

	/**
	 * Called with every answer (any status) before it is decoded.
	 * @param key what the request counted against
	 * @param response the status and rate-limit headers
	 * @param retryable whether the request may be sent again (false for an
	 * authorization-code exchange)
	 * @return {@code true} to send the request again (only honoured when
	 * {@code retryable}; the hook does the waiting itself, within the max wait),
	 * {@code false} to decode the answer as it is
	 */
	default boolean afterResponse(RateLimitKey key, RateLimitResponse response, boolean retryable) {
		return false;
	}

	/**
	 * Called when no answer arrived (I/O error), so a reserved slot can be released.
	 * @param key what the request counted against
	 * @param failure the failure about to be thrown
	 */
	default void onFailure(RateLimitKey key, RuntimeException failure) {
	}

}
