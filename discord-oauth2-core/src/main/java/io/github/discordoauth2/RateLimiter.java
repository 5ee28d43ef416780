package io.github.discordoauth2;

import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

import io.github.discordoauth2.exceptions.DiscordIoException;
import io.github.discordoauth2.exceptions.RateLimitedException;
import org.jspecify.annotations.Nullable;

/**
 * Discord's rate limits, kept on the client side so that callers wait (briefly) instead
 * of collecting 429s.
 *
 * <p>
 * What a request counts against: its route (method, route template and major parameter)
 * and the identity of its credential (a hash, never the credential), because Discord
 * limits OAuth2 calls per token. Routes that share an {@code X-RateLimit-Bucket} share
 * one {@link Bucket}. Each bucket learns {@code Limit}, {@code Remaining} and
 * {@code Reset-After} from every answer and hands out that many sends per window:
 * <ul>
 * <li>the first request on a bucket nobody knows yet goes alone; concurrent callers wait
 * for its headers instead of fanning out into 429s;</li>
 * <li>a request whose bucket is empty waits for the reset, or fails at once with
 * {@link RateLimitedException} (nothing sent) when the wait is longer than the maximum
 * wait;</li>
 * <li>a 429 empties the bucket for {@code retry_after} (body, else {@code Retry-After});
 * a global one blocks every request of that credential; the road then sends again, within
 * the maximum wait;</li>
 * <li>buckets nobody used for {@link #IDLE_TIMEOUT} are dropped, so memory stays bounded
 * with many tokens.</li>
 * </ul>
 * One lock guards all state: every operation under it is a few map look-ups, and waiting
 * happens on a {@link Condition} that is signalled whenever an answer arrives.
 */
final class RateLimiter implements RateLimitHook {

	/** Buckets (and global blocks) unused for this long are forgotten. */
	static final Duration IDLE_TIMEOUT = Duration.ofMinutes(2);

	/**
	 * Added to every reset: the reset is measured from when the answer arrived here, but
	 * the server's clock may round its {@code Reset-After} down to the millisecond, and a
	 * request that arrives a hair early costs a 429.
	 */
	static final Duration RESET_MARGIN = Duration.ofMillis(20);

	/**
	 * How long callers wait for the first request on an unknown bucket before they send
	 * anyway.
	 */
	static final Duration FIRST_REQUEST_WAIT = Duration.ofSeconds(5);

	/**
	 * Without {@code X-RateLimit-Reset}, resets closer than this are taken as the same
	 * window.
	 */
	private static final Duration WINDOW_TOLERANCE = Duration.ofMillis(100);

	private static final int UNKNOWN = -1;

	private static final int UNLIMITED = 0;

	private final Duration maxWait;

	private final LongSupplier nanoClock;

	private final ReentrantLock lock = new ReentrantLock();

	private final Condition changed = this.lock.newCondition();

	/**
	 * Route (method, template, major parameter, credential) to its bucket; routes may
	 * share one.
	 */
	private final Map<RouteKey, Bucket> routes = new HashMap<>();

	/**
	 * {@code X-RateLimit-Bucket} + major parameter + credential to the bucket, to find
	 * routes that share one.
	 */
	private final Map<String, Bucket> sharedBuckets = new HashMap<>();

	/** Credential identity to the nano time until which a global 429 blocks it. */
	private final Map<String, Long> globalUntil = new HashMap<>();

	private long nextSweep;

	private long invalidResponses;

	/**
	 * Creates a limiter on the system's monotonic clock.
	 * @param maxWait the longest a request may wait ({@link Duration#ZERO} = never wait)
	 */
	RateLimiter(Duration maxWait) {
		this(maxWait, System::nanoTime);
	}

	/**
	 * Creates a limiter on the given clock (tests drive it by hand).
	 * @param maxWait the longest a request may wait ({@link Duration#ZERO} = never wait)
	 * @param nanoClock monotonic nanoseconds, like {@link System#nanoTime()}
	 */
	RateLimiter(Duration maxWait, LongSupplier nanoClock) {
		this.maxWait = maxWait;
		this.nanoClock = nanoClock;
		this.nextSweep = nanoClock.getAsLong() + IDLE_TIMEOUT.toNanos();
	}

	@Override
	public void beforeRequest(RateLimitKey key, Duration maxWait) {
		RouteKey route = RouteKey.of(key);
		long now = this.nanoClock.getAsLong();
		long maxWaitNanos = nanos(maxWait);
		long deadline = saturatedAdd(now, maxWaitNanos);
		long firstRequestDeadline = saturatedAdd(now, Math.min(maxWaitNanos, FIRST_REQUEST_WAIT.toNanos()));
		this.lock.lock();
		try {
			while (true) {
				sweepIfDue(now);
				long waitUntil;
				boolean global = false;
				Bucket bucket = this.routes.computeIfAbsent(route, (r) -> new Bucket());
				bucket.lastUsed = now;
				Long blockedUntil = this.globalUntil.get(key.tokenIdentity());
				if (blockedUntil != null && blockedUntil > now) {
					waitUntil = blockedUntil;
					global = true;
				}
				else if (bucket.limit == UNKNOWN) {
					if (!bucket.probing || now >= firstRequestDeadline) {
						// The first request learns the bucket for everybody; past the
						// wait, liveness beats caution.
						bucket.probing = true;
						bucket.inFlight++;
						return;
					}
					waitUntil = firstRequestDeadline;
				}
				else if (bucket.limit == UNLIMITED) {
					bucket.inFlight++;
					return;
				}
				else {
					if (bucket.resetKnown && now >= bucket.resetAt) {
						// A new window; requests still in flight may count in it.
						bucket.remaining = Math.max(0, bucket.limit - bucket.inFlight);
						bucket.resetKnown = false;
					}
					else if (!bucket.resetKnown && bucket.inFlight == 0 && bucket.remaining == 0) {
						// Every request of this window failed before an answer told us
						// its reset.
						bucket.remaining = bucket.limit;
					}
					if (bucket.remaining > 0) {
						bucket.remaining--;
						bucket.inFlight++;
						return;
					}
					// Empty: wait for the known reset, or for an answer that tells it.
					waitUntil = bucket.resetKnown ? bucket.resetAt : saturatedAdd(now, bucket.lastWindow);
				}
				if (waitUntil - now > deadline - now) {
					throw refusal(key, maxWait, Duration.ofNanos(waitUntil - now), global, bucket);
				}
				try {
					this.changed.awaitNanos(waitUntil - now);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					throw new DiscordIoException(
							key.method() + " " + key.route() + " was interrupted while waiting for its rate limit", ex);
				}
				now = this.nanoClock.getAsLong();
			}
		}
		finally {
			this.lock.unlock();
		}
	}

	@Override
	public boolean afterResponse(RateLimitKey key, RateLimitResponse response, boolean retryable) {
		RouteKey route = RouteKey.of(key);
		long now = this.nanoClock.getAsLong();
		this.lock.lock();
		try {
			Bucket bucket = this.routes.computeIfAbsent(route, (r) -> new Bucket());
			bucket.inFlight = Math.max(0, bucket.inFlight - 1);
			bucket.probing = false;
			bucket.lastUsed = now;
			bucket = learnBucket(route, bucket, response.header("x-ratelimit-bucket"));
			if (response.status() == 429) {
				return onTooManyRequests(key, bucket, response, retryable, now);
			}
			if (response.status() == 401 || response.status() == 403) {
				this.invalidResponses++;
			}
			learnWindow(bucket, response, now);
			return false;
		}
		finally {
			this.changed.signalAll();
			this.lock.unlock();
		}
	}

	@Override
	public void onFailure(RateLimitKey key, RuntimeException failure) {
		RouteKey route = RouteKey.of(key);
		this.lock.lock();
		try {
			Bucket bucket = this.routes.get(route);
			if (bucket != null) {
				bucket.inFlight = Math.max(0, bucket.inFlight - 1);
				// The next caller becomes the first request; this one told us nothing.
				bucket.probing = false;
			}
		}
		finally {
			this.changed.signalAll();
			this.lock.unlock();
		}
	}

	private boolean onTooManyRequests(RateLimitKey key, Bucket bucket, RateLimitResponse response, boolean retryable,
			long now) {
		long retryAfter = retryAfterNanos(response);
		String scope = response.header("x-ratelimit-scope");
		boolean global = response.bodyGlobal() || "true".equalsIgnoreCase(response.header("x-ratelimit-global"))
				|| "global".equalsIgnoreCase(scope);
		// Discord does not count shared-resource 429s towards the invalid-request (IP
		// ban) limit.
		if (!"shared".equalsIgnoreCase(scope)) {
			this.invalidResponses++;
		}
		long until = saturatedAdd(now, saturatedAdd(retryAfter, RESET_MARGIN.toNanos()));
		if (global) {
			this.globalUntil.merge(key.tokenIdentity(), until, Math::max);
		}
		else {
			Integer limit = intHeader(response, "x-ratelimit-limit");
			if (limit != null && limit > 0) {
				bucket.limit = limit;
			}
			else if (bucket.limit <= UNLIMITED) {
				// A limit we never saw in headers (they go missing on /users/@me): assume
				// one per window.
				bucket.limit = 1;
			}
			bucket.remaining = 0;
			bucket.resetAt = until;
			bucket.resetKnown = true;
			bucket.window = null;
			bucket.lastWindow = Math.max(bucket.lastWindow, retryAfter);
		}
		return retryable && !this.maxWait.isZero() && retryAfter <= nanos(this.maxWait);
	}

	/**
	 * Moves the route onto the bucket Discord named, so routes sharing a bucket share one
	 * budget.
	 */
	private Bucket learnBucket(RouteKey route, Bucket bucket, @Nullable String hash) {
		if (hash == null || hash.equals(bucket.hash)) {
			return bucket;
		}
		String sharedKey = hash + "|" + route.majorParameter() + "|" + route.tokenIdentity();
		Bucket shared = this.sharedBuckets.get(sharedKey);
		if (shared == null) {
			bucket.hash = hash;
			this.sharedBuckets.put(sharedKey, bucket);
			return bucket;
		}
		if (shared != bucket) {
			shared.inFlight += bucket.inFlight;
			shared.lastUsed = Math.max(shared.lastUsed, bucket.lastUsed);
			this.routes.put(route, shared);
		}
		return shared;
	}

	private void learnWindow(Bucket bucket, RateLimitResponse response, long now) {
		Integer limit = intHeader(response, "x-ratelimit-limit");
		Integer remaining = intHeader(response, "x-ratelimit-remaining");
		Double resetAfter = doubleHeader(response, "x-ratelimit-reset-after");
		if (limit == null || remaining == null || resetAfter == null || limit <= 0) {
			if (bucket.limit == UNKNOWN) {
				// No headers on this route (or they went missing): do not hold anyone
				// back; 429s still count.
				bucket.limit = UNLIMITED;
			}
			return;
		}
		long resetAfterNanos = (long) Math.ceil(resetAfter * 1_000_000_000d);
		long resetAt = saturatedAdd(now, saturatedAdd(resetAfterNanos, RESET_MARGIN.toNanos()));
		String window = response.header("x-ratelimit-reset");
		boolean newer;
		if (window != null) {
			// Discord's absolute reset names the window: every answer of one window
			// carries the same value.
			newer = !window.equals(bucket.window) && (!bucket.resetKnown || resetAt - bucket.resetAt > 0);
		}
		else {
			// Without it, answers whose resets lie close together belong to one window.
			newer = !bucket.resetKnown || resetAt - bucket.resetAt > WINDOW_TOLERANCE.toNanos();
		}
		bucket.limit = limit;
		int free = Math.max(0, remaining - bucket.inFlight);
		if (newer) {
			// A window newer than the one we knew: its numbers replace ours.
			bucket.window = window;
			bucket.resetAt = resetAt;
			bucket.resetKnown = true;
			bucket.remaining = free;
			bucket.lastWindow = resetAfterNanos;
		}
		else {
			// The same window (or a late answer from an older one): only ever lower our
			// budget.
			bucket.remaining = Math.min(bucket.remaining, free);
		}
	}

	private static long retryAfterNanos(RateLimitResponse response) {
		if (response.bodyRetryAfter() != null) {
			return nanos(response.bodyRetryAfter());
		}
		for (String header : new String[] { "retry-after", "x-ratelimit-reset-after" }) {
			Double seconds = doubleHeader(response, header);
			if (seconds != null) {
				return (long) Math.ceil(seconds * 1_000_000_000d);
			}
		}
		// A 429 that says nothing: back off a second rather than hammer.
		return TimeUnit.SECONDS.toNanos(1);
	}

	private RateLimitedException refusal(RateLimitKey key, Duration maxWait, Duration wait, boolean global,
			Bucket bucket) {
		Duration retryAfter = Duration.ofMillis(Math.max(0, (wait.toNanos() + 999_999) / 1_000_000));
		String what = global ? "every request of this token is blocked by a global rate limit"
				: "its rate-limit bucket is empty";
		String message = key.method() + " " + key.route() + " was not sent: " + what + " for another "
				+ retryAfter.toMillis() + " ms, longer than the maximum wait of " + maxWait.toMillis()
				+ " ms (Client.builder().rateLimitMaxWait(..))";
		return new RateLimitedException(message, retryAfter, global, bucket.hash, global ? "global" : null, null, null);
	}

	private void sweepIfDue(long now) {
		if (now - this.nextSweep < 0) {
			return;
		}
		this.nextSweep = now + IDLE_TIMEOUT.toNanos() / 2;
		long idle = IDLE_TIMEOUT.toNanos();
		for (Iterator<Bucket> it = this.routes.values().iterator(); it.hasNext();) {
			Bucket bucket = it.next();
			if (bucket.isIdle(now, idle)) {
				it.remove();
			}
		}
		this.sharedBuckets.values().removeIf((bucket) -> bucket.isIdle(now, idle));
		this.globalUntil.values().removeIf((until) -> until - now < 0);
	}

	/**
	 * @return how many routes and buckets are remembered (for tests of bounded memory)
	 */
	int size() {
		this.lock.lock();
		try {
			return this.routes.size() + this.sharedBuckets.size() + this.globalUntil.size();
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * @return answers that count towards Discord's invalid-request limit (401, 403, 429
	 * not of shared scope)
	 */
	long invalidResponses() {
		this.lock.lock();
		try {
			return this.invalidResponses;
		}
		finally {
			this.lock.unlock();
		}
	}

	private static @Nullable Integer intHeader(RateLimitResponse response, String name) {
		Double value = doubleHeader(response, name);
		return (value != null && value <= Integer.MAX_VALUE) ? (int) Math.floor(value) : null;
	}

	private static @Nullable Double doubleHeader(RateLimitResponse response, String name) {
		String text = response.header(name);
		if (text == null) {
			return null;
		}
		try {
			double value = Double.parseDouble(text.trim());
			return (value >= 0 && !Double.isInfinite(value) && !Double.isNaN(value)) ? value : null;
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	/**
	 * @return the duration in nanoseconds; durations beyond about 292 years count as
	 * forever
	 */
	private static long nanos(Duration duration) {
		return (duration.getSeconds() >= Long.MAX_VALUE / 1_000_000_000L) ? Long.MAX_VALUE : duration.toNanos();
	}

	private static long saturatedAdd(long a, long b) {
		long sum = a + b;
		return (((a ^ sum) & (b ^ sum)) < 0) ? Long.MAX_VALUE : sum;
	}

	/**
	 * What a request counts against. Minor parameters (a user id in a member route) are
	 * left out: Discord keys its buckets by the major parameter only.
	 */
	private record RouteKey(String method, String route, String majorParameter, String tokenIdentity) {

		static RouteKey of(RateLimitKey key) {
			return new RouteKey(key.method(), key.route(), key.majorParameter(), key.tokenIdentity());
		}

	}

	/** One rate-limit budget; guarded by the limiter's lock. */
	private static final class Bucket {

		/**
		 * {@link #UNKNOWN} until an answer arrived, {@link #UNLIMITED} when answers carry
		 * no limit.
		 */
		int limit = UNKNOWN;

		int remaining;

		long resetAt;

		boolean resetKnown;

		/** The {@code X-RateLimit-Reset} of the window {@link #remaining} belongs to. */
		@Nullable String window;

		/**
		 * The last window's length, to guess a wait when the current reset is not known
		 * yet.
		 */
		long lastWindow = TimeUnit.SECONDS.toNanos(1);

		int inFlight;

		boolean probing;

		long lastUsed;

		@Nullable String hash;

		boolean isIdle(long now, long idle) {
			return this.inFlight == 0 && !this.probing && now - this.lastUsed > idle
					&& (!this.resetKnown || now - this.resetAt > 0);
		}

	}

}
