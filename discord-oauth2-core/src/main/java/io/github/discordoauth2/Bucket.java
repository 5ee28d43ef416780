package io.github.discordoauth2;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

/**
 * One rate-limit budget and its arithmetic, on a clock of plain {@code long} nanoseconds
 * that the caller reads: it hands out the sends a window allows, learns {@code Limit},
 * {@code Remaining} and {@code Reset-After} from answers, and empties on a 429. It knows
 * nothing of locks, maps or waiting; {@link RateLimiter} guards it and {@link RouteTable}
 * keeps it.
 */
final class Bucket {

	/**
	 * Buckets whose answers named no reset may be forgotten once unused for this long.
	 */
	static final Duration IDLE_TIMEOUT = Duration.ofMinutes(2);

	/**
	 * Added to every reset: the reset is measured from when the answer arrived here, but
	 * the server's clock may round its {@code Reset-After} down to the millisecond, and a
	 * request that arrives a hair early costs a 429.
	 */
	static final Duration RESET_MARGIN = Duration.ofMillis(20);

	/**
	 * Without {@code X-RateLimit-Reset}, resets closer than this are taken as the same
	 * window.
	 */
	private static final long WINDOW_TOLERANCE = Duration.ofMillis(100).toNanos();

	static final int UNKNOWN = -1;

	static final int UNLIMITED = 0;

	/**
	 * {@link #UNKNOWN} until an answer arrived, {@link #UNLIMITED} when answers carry no
	 * limit.
	 */
	int limit = UNKNOWN;

	int remaining;

	long resetAt;

	boolean resetKnown;

	/** The {@code X-RateLimit-Reset} of the window {@link #remaining} belongs to. */
	@Nullable String window;

	/**
	 * The last window's length, to guess a wait when the current reset is not known yet.
	 */
	long lastWindow = TimeUnit.SECONDS.toNanos(1);

	int inFlight;

	/** Whether the first request on this bucket is out, learning it for everybody. */
	boolean probing;

	long lastUsed;

	/** The {@code X-RateLimit-Bucket} Discord named, once it did. */
	@Nullable String hash;

	/** The key of this bucket among the shared ones, once Discord named it. */
	@Nullable String sharedKey;

	/** How many routes use this bucket. */
	int routeCount = 1;

	/**
	 * Takes a slot for a request, or says how long until one may be free.
	 * @param now the time
	 * @param firstRequestDeadline until when a request waits for the first request on an
	 * unknown bucket before it goes anyway
	 * @return {@code 0} when the slot is taken (the request may be sent), else the
	 * nanoseconds to wait before asking again (an answer may end the wait sooner)
	 */
	long reserve(long now, long firstRequestDeadline) {
		if (this.limit == UNKNOWN) {
			if (!this.probing || now >= firstRequestDeadline) {
				// The first request learns the bucket for everybody; past the wait,
				// liveness beats caution.
				this.probing = true;
				this.inFlight++;
				return 0;
			}
			return Math.max(1, firstRequestDeadline - now);
		}
		if (this.limit == UNLIMITED) {
			this.inFlight++;
			return 0;
		}
		if (this.resetKnown && now >= this.resetAt) {
			// A new window; requests still in flight may count in it.
			this.remaining = Math.max(0, this.limit - this.inFlight);
			this.resetKnown = false;
		}
		else if (!this.resetKnown && this.inFlight == 0 && this.remaining == 0) {
			// Every request of this window failed before an answer told us its reset.
			this.remaining = this.limit;
		}
		if (this.remaining > 0) {
			this.remaining--;
			this.inFlight++;
			return 0;
		}
		// Empty: wait for the known reset, or for an answer that tells it.
		long waitUntil = this.resetKnown ? this.resetAt : saturatedAdd(now, this.lastWindow);
		return Math.max(1, waitUntil - now);
	}

	/**
	 * Gives back a request's place in flight: its answer or failure arrived. The next
	 * caller on an unknown bucket becomes the first request.
	 */
	void release() {
		this.inFlight = Math.max(0, this.inFlight - 1);
		this.probing = false;
	}

	/**
	 * Learns the window an answer that was not a 429 describes.
	 * @param response the answer's rate-limit information
	 * @param now when it arrived
	 */
	void learnWindow(RateLimitResponse response, long now) {
		Integer limit = response.limit();
		Integer remaining = response.remaining();
		Duration resetAfter = response.resetAfter();
		if (limit == null || remaining == null || resetAfter == null || !response.hasWindow()) {
			if (this.limit == UNKNOWN) {
				// No headers on this route (or they went missing): do not hold anyone
				// back; 429s still count.
				this.limit = UNLIMITED;
			}
			return;
		}
		long resetAfterNanos = nanos(resetAfter);
		long resetAt = saturatedAdd(now, saturatedAdd(resetAfterNanos, RESET_MARGIN.toNanos()));
		String window = response.reset();
		boolean newer;
		if (window != null) {
			// Discord's absolute reset names the window: every answer of one window
			// carries the same value.
			newer = !window.equals(this.window) && (!this.resetKnown || resetAt - this.resetAt > 0);
		}
		else {
			// Without it, answers whose resets lie close together belong to one window.
			newer = !this.resetKnown || resetAt - this.resetAt > WINDOW_TOLERANCE;
		}
		this.limit = limit;
		if (newer) {
			// A window newer than the one we knew: its numbers replace ours, less what is
			// still in flight and may count in it.
			this.window = window;
			this.resetAt = resetAt;
			this.resetKnown = true;
			this.remaining = Math.max(0, remaining - this.inFlight);
			this.lastWindow = resetAfterNanos;
		}
		else {
			// The same window (or a late answer from an older one): our own count holds
			// every request we sent, so the answer only lowers it when someone else spent
			// from the bucket. Subtracting what is in flight again would count twice the
			// requests Discord had already seen when it answered, and lose their slots.
			this.remaining = Math.min(this.remaining, Math.max(0, remaining));
		}
	}

	/**
	 * Learns from a 429. Unless it is global (which holds back a credential, not a
	 * bucket), the bucket stays empty until the 429's retry-after is over.
	 * @param response the 429's rate-limit information
	 * @param now when it arrived
	 * @return until when the 429 holds: its retry-after and {@link #RESET_MARGIN} from
	 * now
	 */
	long tooManyRequests(RateLimitResponse response, long now) {
		long retryAfter = retryAfter(response);
		long until = saturatedAdd(now, saturatedAdd(retryAfter, RESET_MARGIN.toNanos()));
		if (response.global()) {
			return until;
		}
		Integer limit = response.limit();
		if (limit != null && limit > 0) {
			this.limit = limit;
		}
		else if (this.limit <= UNLIMITED) {
			// A limit we never saw in headers (they go missing on /users/@me): assume one
			// per window.
			this.limit = 1;
		}
		this.remaining = 0;
		this.resetAt = until;
		this.resetKnown = true;
		this.window = null;
		this.lastWindow = Math.max(this.lastWindow, retryAfter);
		return until;
	}

	/**
	 * @return a 429's retry-after in nanoseconds
	 * ({@link RateLimitResponse#DEFAULT_RETRY_AFTER} when it gave none)
	 */
	static long retryAfter(RateLimitResponse response) {
		Duration retryAfter = response.retryAfter();
		return nanos((retryAfter != null) ? retryAfter : RateLimitResponse.DEFAULT_RETRY_AFTER);
	}

	/**
	 * @return whether the bucket holds nothing worth keeping: nothing in flight and its
	 * window over (without a known reset: unused for {@link #IDLE_TIMEOUT})
	 */
	boolean mayBeForgotten(long now) {
		if (this.inFlight > 0 || this.probing) {
			return false;
		}
		return this.resetKnown ? now - this.resetAt > 0 : now - this.lastUsed > IDLE_TIMEOUT.toNanos();
	}

	/**
	 * @return the duration in nanoseconds; durations beyond about 292 years count as
	 * forever
	 */
	static long nanos(Duration duration) {
		return (duration.getSeconds() >= Long.MAX_VALUE / 1_000_000_000L) ? Long.MAX_VALUE : duration.toNanos();
	}

	/**
	 * @return {@code a + b}, or {@link Long#MAX_VALUE} where that overflows
	 */
	static long saturatedAdd(long a, long b) {
		long sum = a + b;
		return (((a ^ sum) & (b ^ sum)) < 0) ? Long.MAX_VALUE : sum;
	}

}
