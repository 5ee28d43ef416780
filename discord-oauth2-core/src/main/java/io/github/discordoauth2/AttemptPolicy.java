package io.github.discordoauth2;

import java.time.Duration;

/**
 * When one call to Discord is sent again, decided once for both transports: after a 429
 * that the rate limiter waits out, the request is sent again (if it may be repeated);
 * after a gateway error or a cut connection ({@link Retries}), after a backoff; never
 * more than {@link #MAX_ATTEMPTS} times in all. A transport asks after each attempt and
 * carries out the answer in its own way: {@link DiscordHttp} sleeps, and
 * {@link ReactiveDiscordHttp} waits on a timer.
 *
 * <p>
 * One instance follows one call, from its first attempt to its last; it is touched by one
 * thread (or one signal) at a time.
 */
final class AttemptPolicy {

	/** Attempts per call, rate-limit resends and retries together. */
	static final int MAX_ATTEMPTS = 5;

	private final DiscordRequest request;

	private final long started;

	private int attempts;

	private int retries;

	/**
	 * @param request the request of the call
	 * @param started when the call started, in {@link System#nanoTime()} nanoseconds
	 */
	AttemptPolicy(DiscordRequest request, long started) {
		this.request = request;
		this.started = started;
	}

	/**
	 * Starts the next attempt.
	 * @param maxWait the longest the whole call may wait for rate limits
	 * @param now the time, in {@link System#nanoTime()} nanoseconds
	 * @return how long this attempt may still wait for its rate limit: the maximum wait
	 * bounds the whole call, not each attempt
	 */
	Duration nextAttempt(Duration maxWait, long now) {
		this.attempts++;
		Duration left = (this.attempts == 1) ? maxWait : maxWait.minusNanos(now - this.started);
		return left.isNegative() ? Duration.ZERO : left;
	}

	/**
	 * Decides on an answer.
	 * @param status the answer's status
	 * @param limiterSendsAgain whether the rate limiter asked to send the request again
	 * (a 429 it will wait out within the maximum wait)
	 * @return send again (at once after a 429: the limiter holds the bucket until its
	 * retry-after; after a backoff for a gateway error), or return the answer to be
	 * decoded
	 */
	Decision afterAnswer(int status, boolean limiterSendsAgain) {
		if (this.attempts >= MAX_ATTEMPTS) {
			return Decision.RETURN;
		}
		if (limiterSendsAgain && this.request.retryable) {
			return Decision.RESEND_NOW;
		}
		if (Retries.shouldRetryStatus(this.request, status, this.retries)) {
			return Decision.resendAfter(Retries.backoff(this.retries++));
		}
		return Decision.RETURN;
	}

	/**
	 * Decides on a failure without an answer.
	 * @param failure what the HTTP client threw or signalled
	 * @return send again after a backoff, or throw the failure
	 */
	Decision afterFailure(Throwable failure) {
		if (this.attempts < MAX_ATTEMPTS && Retries.shouldRetryFailure(this.request, failure, this.retries)) {
			return Decision.resendAfter(Retries.backoff(this.retries++));
		}
		return Decision.THROW;
	}

	/**
	 * What a transport does after one attempt.
	 *
	 * @param next return the answer, throw the failure, or send again
	 * @param delay how long to wait before sending again ({@link Duration#ZERO}
	 * otherwise)
	 */
	record Decision(Next next, Duration delay) {

		static final Decision RETURN = new Decision(Next.RETURN, Duration.ZERO);

		static final Decision THROW = new Decision(Next.THROW, Duration.ZERO);

		static final Decision RESEND_NOW = new Decision(Next.RESEND, Duration.ZERO);

		static Decision resendAfter(Duration delay) {
			return new Decision(Next.RESEND, delay);
		}

		boolean resend() {
			return this.next == Next.RESEND;
		}

	}

	/** The three ways on after an attempt. */
	enum Next {

		/** The answer is the call's: decode it into a body or a typed exception. */
		RETURN,

		/** The failure is the call's: signal it. */
		THROW,

		/** Send the request again, after {@link Decision#delay()}. */
		RESEND

	}

}
