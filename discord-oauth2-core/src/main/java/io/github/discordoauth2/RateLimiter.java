package io.github.discordoauth2;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
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
 * <li>a 429 empties the bucket for its {@link RateLimitResponse#retryAfter() retry after}
 * (never longer than {@link RateLimitResponse#MAX_WAIT}); a global one blocks every
 * request of that credential; the road then sends again, within the maximum wait;</li>
 * <li>state stays bounded however many tokens and routes pass through: a bucket is
 * forgotten once nothing is in flight on it and its reset has passed (a bucket without a
 * reset: once unused for {@link #IDLE_TIMEOUT}), and never more than {@link #MAX_ROUTES}
 * routes are remembered.</li>
 * </ul>
 * Forgetting costs little: the next request on that route is a first request again, which
 * goes alone until its answer arrives.
 *
 * <p>
 * Clean-up is amortised, without a thread: every request looks at the
 * {@value #CLEANUP_STEPS} least recently used routes and drops them when they may be
 * forgotten, so the maps shrink at least as fast as they grow.
 *
 * <p>
 * The state is split into {@value #STRIPES} stripes by credential and major parameter,
 * each under its own lock, so that requests of different users (or guilds) never wait for
 * each other's bookkeeping: at 8 threads one lock for everything was where the road's
 * threads parked most (JFR). Every operation under a stripe's lock is a few map look-ups,
 * and waiting happens on the stripe's {@link Condition}, signalled whenever an answer
 * arrives. Global blocks, per credential, live in one concurrent map.
 *
 * <p>
 * Both request roads share this bookkeeping. The blocking road waits on the stripe's
 * {@link Condition}; the non-blocking road ({@link ReactiveDiscordHttp}) only asks
 * {@link #tryBeforeRequest how long it must wait}, waits on its own timer, and is woken
 * early, like a blocked thread, when an answer arrives on its stripe. That road only ever
 * tries a stripe's lock: when another thread holds it (for a few map look-ups), the
 * caller is told to come back in {@link #BUSY_WAIT}, so an event loop never parks.
 */
final class RateLimiter implements RateLimitHook {

	/**
	 * Buckets whose answers named no reset are forgotten once unused for this long.
	 */
	static final Duration IDLE_TIMEOUT = Duration.ofMinutes(2);

	/**
	 * The most routes remembered at once; past it the least recently used route that has
	 * nothing in flight is forgotten even before its reset (at worst, that costs one
	 * 429). Each route takes a few hundred bytes, so this bounds the limiter to a few
	 * MiB.
	 */
	static final int MAX_ROUTES = 10_000;

	/** How many least recently used routes each request looks at for clean-up. */
	static final int CLEANUP_STEPS = 2;

	/**
	 * How many independently locked parts the state is split into (a power of two);
	 * {@link #MAX_ROUTES} is shared out among them.
	 */
	static final int STRIPES = 16;

	/** Tries for a stripe's lock before a thread parks on it. */
	private static final int LOCK_SPINS = 64;

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
	 * How long a non-blocking caller waits before asking again when a stripe's lock is
	 * held by someone else (for a few map look-ups).
	 */
	static final Duration BUSY_WAIT = Duration.ofNanos(50_000);

	/**
	 * Without {@code X-RateLimit-Reset}, resets closer than this are taken as the same
	 * window.
	 */
	private static final Duration WINDOW_TOLERANCE = Duration.ofMillis(100);

	private static final int UNKNOWN = -1;

	private static final int UNLIMITED = 0;

	private final Duration maxWait;

	private final LongSupplier nanoClock;

	/** Credential identity to the nano time until which a global 429 blocks it. */
	private final ConcurrentMap<String, Long> globalUntil = new ConcurrentHashMap<>();

	private final Stripe[] stripes = new Stripe[STRIPES];

	/** Round-robin over the stripes; a lost update only tidies one stripe twice. */
	private int nextToTidy;

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
		for (int i = 0; i < STRIPES; i++) {
			this.stripes[i] = new Stripe();
		}
	}

	@Override
	public void beforeRequest(RateLimitKey key, Duration maxWait) {
		// Each request also tidies one other stripe in turn, so that a stripe nobody
		// calls any more is emptied too; if that stripe is busy it is skipped.
		this.stripes[(this.nextToTidy++) & (STRIPES - 1)].tryCleanUp();
		stripe(key).beforeRequest(key, maxWait);
	}

	@Override
	public long tryBeforeRequest(RateLimitKey key, Duration maxWait, Duration waited, Runnable wakeUp) {
		this.stripes[(this.nextToTidy++) & (STRIPES - 1)].tryCleanUp();
		return stripe(key).tryBeforeRequest(key, maxWait, waited, wakeUp);
	}

	@Override
	public boolean afterResponse(RateLimitKey key, RateLimitResponse response, boolean retryable) {
		return stripe(key).afterResponse(key, response, retryable);
	}

	@Override
	public Answer tryAfterResponse(RateLimitKey key, RateLimitResponse response, boolean retryable) {
		return stripe(key).tryAfterResponse(key, response, retryable);
	}

	@Override
	public void onFailure(RateLimitKey key, RuntimeException failure) {
		stripe(key).onFailure(key);
	}

	@Override
	public boolean tryOnFailure(RateLimitKey key, RuntimeException failure) {
		return stripe(key).tryOnFailure(key);
	}

	/**
	 * @return how many routes, buckets and global blocks are remembered (for tests of
	 * bounded memory)
	 */
	int size() {
		int size = this.globalUntil.size();
		for (Stripe stripe : this.stripes) {
			size += stripe.size();
		}
		return size;
	}

	/**
	 * @return answers that count towards Discord's invalid-request limit (401, 403, 429
	 * not of shared scope)
	 */
	long invalidResponses() {
		long count = 0;
		for (Stripe stripe : this.stripes) {
			count += stripe.invalidResponses();
		}
		return count;
	}

	/**
	 * Everything a bucket is keyed by (route, major parameter, credential) includes the
	 * major parameter and the credential, so a route's buckets all live in its stripe.
	 */
	private Stripe stripe(RateLimitKey key) {
		int hash = key.tokenIdentity().hashCode() * 31 + key.majorParameter().hashCode();
		return this.stripes[(hash ^ (hash >>> 16)) & (STRIPES - 1)];
	}

	private void blockGlobally(String tokenIdentity, long until, long now) {
		this.globalUntil.merge(tokenIdentity, until, Math::max);
		if (this.globalUntil.size() > MAX_ROUTES) {
			// Only a flood of global 429s gets here; blocks that are over go first.
			this.globalUntil.values().removeIf((blockedUntil) -> blockedUntil - now <= 0);
		}
	}

	/**
	 * The state of the routes whose credential and major parameter hash to one stripe,
	 * under the stripe's own lock: requests of different users or guilds do not wait for
	 * each other's bookkeeping.
	 */
	private final class Stripe {

		private final ReentrantLock lock = new ReentrantLock();

		private final Condition changed = this.lock.newCondition();

		/**
		 * Takes the lock, spinning a little before parking: what runs under it is a few
		 * map look-ups, far shorter than parking and waking a thread. With one bucket
		 * shared by 8 threads (a bot token, or one user's parallel calls) plain
		 * {@code lock()} parked about one call in fifteen on 2 cores (JFR).
		 */
		private void lockBriefly() {
			for (int i = 0; i < LOCK_SPINS; i++) {
				if (this.lock.tryLock()) {
					return;
				}
				Thread.onSpinWait();
			}
			this.lock.lock();
		}

		/**
		 * Route (method, template, major parameter, credential) to its bucket; routes may
		 * share one. In access order, so the least recently used route comes first.
		 */
		private final LinkedHashMap<RouteKey, Bucket> routes = new LinkedHashMap<>(16, 0.75f, true);

		/**
		 * {@code X-RateLimit-Bucket} + major parameter + credential to the bucket, to
		 * find routes that share one.
		 */
		private final Map<String, Bucket> sharedBuckets = new HashMap<>();

		private long invalidResponses;

		/**
		 * Non-blocking callers waiting on this stripe, woken (and forgotten) by the next
		 * answer or failure, as {@link #changed} wakes blocked threads. A waiter whose
		 * own timer fired first stays until then; each waiting call adds one per wait.
		 */
		private List<Runnable> wakeUps = new ArrayList<>();

		void beforeRequest(RateLimitKey key, Duration maxWait) {
			RouteKey route = RouteKey.of(key);
			long now = RateLimiter.this.nanoClock.getAsLong();
			long maxWaitNanos = nanos(maxWait);
			long deadline = saturatedAdd(now, maxWaitNanos);
			long firstRequestDeadline = saturatedAdd(now, Math.min(maxWaitNanos, FIRST_REQUEST_WAIT.toNanos()));
			lockBriefly();
			try {
				cleanUp(now);
				while (true) {
					long wait = reserve(key, route, now, deadline, firstRequestDeadline, maxWait);
					if (wait == 0) {
						return;
					}
					try {
						this.changed.awaitNanos(wait);
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
						throw new DiscordIoException(
								key.method() + " " + key.route() + " was interrupted while waiting for its rate limit",
								ex);
					}
					now = RateLimiter.this.nanoClock.getAsLong();
				}
			}
			finally {
				this.lock.unlock();
			}
		}

		long tryBeforeRequest(RateLimitKey key, Duration maxWait, Duration waited, Runnable wakeUp) {
			RouteKey route = RouteKey.of(key);
			long now = RateLimiter.this.nanoClock.getAsLong();
			long maxWaitNanos = nanos(maxWait);
			long deadline = saturatedAdd(now, maxWaitNanos);
			// The first-request wait counts from the call's first try, as a blocked
			// thread's would.
			long firstRequestWaitLeft = Math.max(0, FIRST_REQUEST_WAIT.toNanos() - nanos(waited));
			long firstRequestDeadline = saturatedAdd(now, Math.min(maxWaitNanos, firstRequestWaitLeft));
			if (!this.lock.tryLock()) {
				// Another thread is in the stripe for a few map look-ups: ask again in a
				// moment instead of parking an event loop.
				return BUSY_WAIT.toNanos();
			}
			try {
				cleanUp(now);
				long wait = reserve(key, route, now, deadline, firstRequestDeadline, maxWait);
				if (wait > 0) {
					this.wakeUps.add(wakeUp);
				}
				return wait;
			}
			finally {
				this.lock.unlock();
			}
		}

		/**
		 * Takes a slot for the request, or says how long to wait before asking again;
		 * called under the lock.
		 * @return {@code 0} when the request may be sent (its slot is taken), else the
		 * nanoseconds to wait (an answer on the stripe may end the wait sooner)
		 * @throws RateLimitedException when the wait would end after the deadline
		 */
		private long reserve(RateLimitKey key, RouteKey route, long now, long deadline, long firstRequestDeadline,
				Duration maxWait) {
			long waitUntil;
			boolean global = false;
			Bucket bucket = bucket(route, now);
			Long blockedUntil = RateLimiter.this.globalUntil.get(key.tokenIdentity());
			if (blockedUntil != null && blockedUntil - now <= 0) {
				RateLimiter.this.globalUntil.remove(key.tokenIdentity(), blockedUntil);
				blockedUntil = null;
			}
			if (blockedUntil != null) {
				waitUntil = blockedUntil;
				global = true;
			}
			else if (bucket.limit == UNKNOWN) {
				if (!bucket.probing || now >= firstRequestDeadline) {
					// The first request learns the bucket for everybody; past the
					// wait, liveness beats caution.
					bucket.probing = true;
					bucket.inFlight++;
					return 0;
				}
				waitUntil = firstRequestDeadline;
			}
			else if (bucket.limit == UNLIMITED) {
				bucket.inFlight++;
				return 0;
			}
			else {
				if (bucket.resetKnown && now >= bucket.resetAt) {
					// A new window; requests still in flight may count in it.
					bucket.remaining = Math.max(0, bucket.limit - bucket.inFlight);
					bucket.resetKnown = false;
				}
				else if (!bucket.resetKnown && bucket.inFlight == 0 && bucket.remaining == 0) {
					// Every request of this window failed before an answer told
					// us
					// its reset.
					bucket.remaining = bucket.limit;
				}
				if (bucket.remaining > 0) {
					bucket.remaining--;
					bucket.inFlight++;
					return 0;
				}
				// Empty: wait for the known reset, or for an answer that tells
				// it.
				waitUntil = bucket.resetKnown ? bucket.resetAt : saturatedAdd(now, bucket.lastWindow);
			}
			if (waitUntil - now > deadline - now) {
				throw refusal(key, maxWait, Duration.ofNanos(waitUntil - now), global, bucket);
			}
			return Math.max(1, waitUntil - now);
		}

		boolean afterResponse(RateLimitKey key, RateLimitResponse response, boolean retryable) {
			lockBriefly();
			return answered(key, response, retryable);
		}

		RateLimitHook.Answer tryAfterResponse(RateLimitKey key, RateLimitResponse response, boolean retryable) {
			if (!this.lock.tryLock()) {
				return RateLimitHook.Answer.BUSY;
			}
			return answered(key, response, retryable) ? RateLimitHook.Answer.SEND_AGAIN : RateLimitHook.Answer.DONE;
		}

		/** Learns from an answer; called with the lock held, and releases it. */
		private boolean answered(RateLimitKey key, RateLimitResponse response, boolean retryable) {
			RouteKey route = RouteKey.of(key);
			long now = RateLimiter.this.nanoClock.getAsLong();
			List<Runnable> toWake;
			try {
				Bucket bucket = bucket(route, now);
				bucket.inFlight = Math.max(0, bucket.inFlight - 1);
				bucket.probing = false;
				bucket = learnBucket(route, bucket, response.bucket());
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
				toWake = takeWakeUps();
				this.lock.unlock();
				wake(toWake);
			}
		}

		void onFailure(RateLimitKey key) {
			lockBriefly();
			failed(key);
		}

		boolean tryOnFailure(RateLimitKey key) {
			if (!this.lock.tryLock()) {
				return false;
			}
			failed(key);
			return true;
		}

		/**
		 * Releases a failed request's slot; called with the lock held, and releases it.
		 */
		private void failed(RateLimitKey key) {
			RouteKey route = RouteKey.of(key);
			List<Runnable> toWake;
			try {
				Bucket bucket = this.routes.get(route);
				if (bucket != null) {
					bucket.inFlight = Math.max(0, bucket.inFlight - 1);
					// The next caller becomes the first request; this one told us
					// nothing.
					bucket.probing = false;
				}
			}
			finally {
				this.changed.signalAll();
				toWake = takeWakeUps();
				this.lock.unlock();
				wake(toWake);
			}
		}

		/** Called under the lock. */
		private List<Runnable> takeWakeUps() {
			if (this.wakeUps.isEmpty()) {
				return List.of();
			}
			List<Runnable> taken = this.wakeUps;
			this.wakeUps = new ArrayList<>();
			return taken;
		}

		/** Called outside the lock, so a woken caller can ask again at once. */
		private void wake(List<Runnable> toWake) {
			for (Runnable wakeUp : toWake) {
				wakeUp.run();
			}
		}

		private boolean onTooManyRequests(RateLimitKey key, Bucket bucket, RateLimitResponse response,
				boolean retryable, long now) {
			Duration retryAfterDuration = response.retryAfter();
			long retryAfter = nanos(
					(retryAfterDuration != null) ? retryAfterDuration : RateLimitResponse.DEFAULT_RETRY_AFTER);
			// Discord does not count shared-resource 429s towards the invalid-request (IP
			// ban) limit.
			if (response.countsAsInvalid()) {
				this.invalidResponses++;
			}
			long until = saturatedAdd(now, saturatedAdd(retryAfter, RESET_MARGIN.toNanos()));
			if (response.global()) {
				blockGlobally(key.tokenIdentity(), until, now);
			}
			else {
				Integer limit = response.limit();
				if (limit != null && limit > 0) {
					bucket.limit = limit;
				}
				else if (bucket.limit <= UNLIMITED) {
					// A limit we never saw in headers (they go missing on /users/@me):
					// assume
					// one per window.
					bucket.limit = 1;
				}
				bucket.remaining = 0;
				bucket.resetAt = until;
				bucket.resetKnown = true;
				bucket.window = null;
				bucket.lastWindow = Math.max(bucket.lastWindow, retryAfter);
			}
			return retryable && !RateLimiter.this.maxWait.isZero() && retryAfter <= nanos(RateLimiter.this.maxWait);
		}

		/**
		 * Moves the route onto the bucket Discord named, so routes sharing a bucket share
		 * one budget.
		 */
		private Bucket learnBucket(RouteKey route, Bucket bucket, @Nullable String hash) {
			if (hash == null || hash.equals(bucket.hash)) {
				return bucket;
			}
			String sharedKey = hash + "|" + route.majorParameter() + "|" + route.tokenIdentity();
			Bucket shared = this.sharedBuckets.get(sharedKey);
			if (shared == null) {
				if (bucket.sharedKey != null) {
					// Discord renamed the bucket; routes on it keep it, under the new
					// name.
					this.sharedBuckets.remove(bucket.sharedKey, bucket);
				}
				bucket.hash = hash;
				bucket.sharedKey = sharedKey;
				this.sharedBuckets.put(sharedKey, bucket);
				return bucket;
			}
			if (shared != bucket) {
				shared.inFlight += bucket.inFlight;
				shared.lastUsed = Math.max(shared.lastUsed, bucket.lastUsed);
				shared.routeCount++;
				release(bucket);
				this.routes.put(route, shared);
			}
			return shared;
		}

		private void learnWindow(Bucket bucket, RateLimitResponse response, long now) {
			Integer limit = response.limit();
			Integer remaining = response.remaining();
			Duration resetAfter = response.resetAfter();
			if (limit == null || remaining == null || resetAfter == null || !response.hasWindow()) {
				if (bucket.limit == UNKNOWN) {
					// No headers on this route (or they went missing): do not hold anyone
					// back; 429s still count.
					bucket.limit = UNLIMITED;
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
				newer = !window.equals(bucket.window) && (!bucket.resetKnown || resetAt - bucket.resetAt > 0);
			}
			else {
				// Without it, answers whose resets lie close together belong to one
				// window.
				newer = !bucket.resetKnown || resetAt - bucket.resetAt > WINDOW_TOLERANCE.toNanos();
			}
			bucket.limit = limit;
			if (newer) {
				// A window newer than the one we knew: its numbers replace ours, less
				// what
				// is still in flight and may count in it.
				bucket.window = window;
				bucket.resetAt = resetAt;
				bucket.resetKnown = true;
				bucket.remaining = Math.max(0, remaining - bucket.inFlight);
				bucket.lastWindow = resetAfterNanos;
			}
			else {
				// The same window (or a late answer from an older one): our own count
				// holds
				// every request we sent, so the answer only lowers it when someone else
				// spent
				// from the bucket. Subtracting what is in flight again would count twice
				// the
				// requests Discord had already seen when it answered, and lose their
				// slots.
				bucket.remaining = Math.min(bucket.remaining, Math.max(0, remaining));
			}
		}

		private RateLimitedException refusal(RateLimitKey key, Duration maxWait, Duration wait, boolean global,
				Bucket bucket) {
			Duration retryAfter = Duration.ofMillis(Math.max(0, (wait.toNanos() + 999_999) / 1_000_000));
			String what = global ? "every request of this token is blocked by a global rate limit"
					: "its rate-limit bucket is empty";
			String message = key.method() + " " + key.route() + " was not sent: " + what + " for another "
					+ retryAfter.toMillis() + " ms, longer than the maximum wait of " + maxWait.toMillis()
					+ " ms (Client.builder().rateLimitMaxWait(..))";
			return RateLimitedException.builder(retryAfter)
				.message(message)
				.credential(key.credential())
				.global(global)
				.bucket(bucket.hash)
				.scope(global ? "global" : null)
				.build();
		}

		/**
		 * @return the route's bucket, created when the route is new (forgetting the least
		 * recently used route beyond {@link #MAX_ROUTES})
		 */
		private Bucket bucket(RouteKey route, long now) {
			Bucket bucket = this.routes.get(route);
			if (bucket == null) {
				bucket = new Bucket();
				this.routes.put(route, bucket);
				if (this.routes.size() > MAX_ROUTES / STRIPES) {
					forgetLeastRecentlyUsed();
				}
			}
			bucket.lastUsed = now;
			return bucket;
		}

		/** Cleans up if the stripe's lock is free at once; never waits for it. */
		void tryCleanUp() {
			if (this.lock.tryLock()) {
				try {
					cleanUp(RateLimiter.this.nanoClock.getAsLong());
				}
				finally {
					this.lock.unlock();
				}
			}
		}

		/**
		 * Looks at the least recently used routes and forgets those that may be
		 * forgotten; one that may not is moved to the back, so that the next look finds
		 * another.
		 */
		private void cleanUp(long now) {
			for (int i = 0; i < CLEANUP_STEPS && !this.routes.isEmpty(); i++) {
				Iterator<Map.Entry<RouteKey, Bucket>> eldest = this.routes.entrySet().iterator();
				Map.Entry<RouteKey, Bucket> entry = eldest.next();
				if (entry.getValue().mayBeForgotten(now)) {
					eldest.remove();
					release(entry.getValue());
				}
				else {
					// In access order, a look-up moves the route to the back.
					this.routes.get(entry.getKey());
				}
			}
		}

		private void forgetLeastRecentlyUsed() {
			for (Iterator<Map.Entry<RouteKey, Bucket>> it = this.routes.entrySet().iterator(); it.hasNext();) {
				Map.Entry<RouteKey, Bucket> entry = it.next();
				Bucket bucket = entry.getValue();
				if (bucket.inFlight == 0 && !bucket.probing) {
					it.remove();
					release(bucket);
					return;
				}
			}
		}

		/**
		 * One route less refers to the bucket; the last one takes its shared entry along.
		 */
		private void release(Bucket bucket) {
			bucket.routeCount--;
			if (bucket.routeCount <= 0 && bucket.sharedKey != null) {
				this.sharedBuckets.remove(bucket.sharedKey, bucket);
			}
		}

		/**
		 * @return how many routes and buckets this stripe remembers
		 */
		int size() {
			this.lock.lock();
			try {
				return this.routes.size() + this.sharedBuckets.size();
			}
			finally {
				this.lock.unlock();
			}
		}

		/**
		 * @return answers that count towards Discord's invalid-request limit (401, 403,
		 * 429 not of shared scope)
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

		/** The key of this bucket in the shared buckets, once Discord named it. */
		@Nullable String sharedKey;

		/** How many routes use this bucket. */
		int routeCount = 1;

		/**
		 * Whether the bucket holds nothing worth keeping: nothing in flight and its
		 * window over (without a known reset: unused for {@link #IDLE_TIMEOUT}).
		 */
		boolean mayBeForgotten(long now) {
			if (this.inFlight > 0 || this.probing) {
				return false;
			}
			return this.resetKnown ? now - this.resetAt > 0 : now - this.lastUsed > IDLE_TIMEOUT.toNanos();
		}

	}

}
