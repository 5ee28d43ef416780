package io.github.discordoauth2;

import java.time.Duration;

/**
 * Tells a {@link RateLimitListener} about the waits and 429s the rate limiter meets,
 * around the rate limiter itself, so that neither the limiter nor the request road needs
 * to know about metrics.
 */
final class ListeningRateLimitHook implements RateLimitHook {

	/**
	 * Shorter pauses are lock hand-overs, garbage collection or scheduling on a busy
	 * machine, not a wait for a bucket.
	 */
	private static final long MIN_WAIT_NANOS = Duration.ofMillis(10).toNanos();

	private final RateLimitHook delegate;

	private final RateLimitListener listener;

	ListeningRateLimitHook(RateLimitHook delegate, RateLimitListener listener) {
		this.delegate = delegate;
		this.listener = listener;
	}

	@Override
	public void beforeRequest(RateLimitKey key, Duration maxWait) {
		long started = System.nanoTime();
		this.delegate.beforeRequest(key, maxWait);
		waited(key, System.nanoTime() - started);
	}

	@Override
	public boolean afterResponse(RateLimitKey key, RateLimitResponse response, boolean retryable) {
		if (response.status() == 429) {
			this.listener.onRateLimited(key.method(), key.route(), response.global());
		}
		long started = System.nanoTime();
		boolean retry = this.delegate.afterResponse(key, response, retryable);
		// Before sending a call again after a 429, the limiter waits here.
		waited(key, System.nanoTime() - started);
		return retry;
	}

	@Override
	public long tryBeforeRequest(RateLimitKey key, Duration maxWait, Duration waited, Runnable wakeUp) {
		return this.delegate.tryBeforeRequest(key, maxWait, waited, wakeUp);
	}

	@Override
	public Answer tryAfterResponse(RateLimitKey key, RateLimitResponse response, boolean retryable) {
		Answer answer = this.delegate.tryAfterResponse(key, response, retryable);
		if (answer != Answer.BUSY && response.status() == 429) {
			this.listener.onRateLimited(key.method(), key.route(), response.global());
		}
		return answer;
	}

	@Override
	public boolean tryOnFailure(RateLimitKey key, RuntimeException failure) {
		return this.delegate.tryOnFailure(key, failure);
	}

	@Override
	public void waited(RateLimitKey key, Duration waited) {
		this.delegate.waited(key, waited);
		waited(key, waited.toNanos());
	}

	private void waited(RateLimitKey key, long nanos) {
		if (nanos >= MIN_WAIT_NANOS) {
			this.listener.onWait(key.method(), key.route(), Duration.ofNanos(nanos));
		}
	}

	@Override
	public void onFailure(RateLimitKey key, RuntimeException failure) {
		this.delegate.onFailure(key, failure);
	}

}
