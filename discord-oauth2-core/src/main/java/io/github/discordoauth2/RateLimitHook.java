package io.github.discordoauth2;

import java.time.Duration;

/**
 * The seam where the rate limiter plugs into the request road ({@link DiscordHttp}).
 * Every request calls {@link #beforeRequest} before it is sent and exactly one of
 * {@link #afterResponse} or {@link #onFailure} after. The default does nothing: a 429
 * then becomes a {@code RateLimitedException} at once. The non-blocking road calls the
 * {@code try...} forms instead, which share the same state.
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

	/**
	 * The non-blocking form of {@link #beforeRequest}, for the reactive road: takes a
	 * slot or says how long to wait, never blocking the calling thread.
	 * @param key what the request counts against
	 * @param maxWait the longest wait still allowed for this call
	 * @param waited how long this call has already waited for its rate limit
	 * @param wakeUp run (on whatever thread delivers an answer) when the wait may be over
	 * sooner: an answer or failure on the same bucket's part of the state arrived; the
	 * caller then asks again
	 * @return {@code 0} when the request may be sent now, else how many nanoseconds to
	 * wait before asking again
	 * @throws io.github.discordoauth2.exceptions.RateLimitedException to refuse without
	 * sending
	 */
	default long tryBeforeRequest(RateLimitKey key, Duration maxWait, Duration waited, Runnable wakeUp) {
		return 0;
	}

	/**
	 * {@link #afterResponse} for a thread that must not park (an event loop): records the
	 * answer only if that needs no waiting for a lock.
	 * @param key what the request counted against
	 * @param response the status and rate-limit headers
	 * @param retryable whether the request may be sent again
	 * @return whether to send the request again (after asking {@link #tryBeforeRequest}
	 * once more), or {@link Answer#BUSY}: nothing was recorded, call again shortly
	 */
	default Answer tryAfterResponse(RateLimitKey key, RateLimitResponse response, boolean retryable) {
		return afterResponse(key, response, retryable) ? Answer.SEND_AGAIN : Answer.DONE;
	}

	/**
	 * {@link #onFailure} for a thread that must not park (an event loop).
	 * @param key what the request counted against
	 * @param failure the failure about to be signalled
	 * @return {@code false} when nothing was recorded because that would have meant
	 * waiting for a lock: call again shortly
	 */
	default boolean tryOnFailure(RateLimitKey key, RuntimeException failure) {
		onFailure(key, failure);
		return true;
	}

	/**
	 * Told by the non-blocking road how long a call waited before it was sent (the
	 * blocking road's wait is the time spent in {@link #beforeRequest}).
	 * @param key what the request counts against
	 * @param waited how long it waited in all
	 */
	default void waited(RateLimitKey key, Duration waited) {
	}

	/**
	 * What {@link #tryAfterResponse} made of an answer.
	 */
	enum Answer {

		/** Send the request again (a 429 within the maximum wait). */
		SEND_AGAIN,

		/** Decode the answer as it is. */
		DONE,

		/** Nothing recorded yet: the state was busy; ask again shortly. */
		BUSY

	}

}
