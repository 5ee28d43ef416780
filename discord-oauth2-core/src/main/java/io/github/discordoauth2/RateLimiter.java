package io.github.discordoauth2;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.ToLongFunction;

import io.github.discordoauth2.exceptions.DiscordIoException;
import io.github.discordoauth2.exceptions.RateLimitedException;
import org.jspecify.annotations.Nullable;

/**
 * Discord's rate limits, kept on the client side so that callers wait (briefly) instead
 * of collecting 429s: the concurrency shell around the limiter's three parts. A
 * {@link Bucket} does the arithmetic of one budget (the first request on an unknown
 * bucket goes alone, an empty bucket waits for its reset, a 429 empties it for its retry
 * after); a {@link RouteTable} says which bucket a route counts against, in bounded
 * memory; {@link GlobalBlocks} holds back every request of a credential after a global
 * 429. A request counts against its route (method, route template, major parameter) and
 * the identity of its credential (a hash, never the credential), because Discord limits
 * OAuth2 calls per token. A request that would wait longer than the maximum wait fails at
 * once with {@link RateLimitedException}, without being sent.
 *
 * <p>
 * The state is split into {@value #STRIPES} stripes by credential and major parameter,
 * each under its own lock, so that requests of different users (or guilds) never wait for
 * each other's bookkeeping: at 8 threads one lock for everything was where the road's
 * threads parked most (JFR). Every operation under a stripe's lock is a few map look-ups,
 * and waiting happens on the stripe's {@link Condition}, signalled whenever an answer
 * arrives.
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
	 * The most routes remembered at once; past it the least recently used route that has
	 * nothing in flight is forgotten even before its reset (at worst, that costs one
	 * 429). Each route takes a few hundred bytes, so this bounds the limiter to a few
	 * MiB.
	 */
	static final int MAX_ROUTES = 10_000;

	/**
	 * How many independently locked parts the state is split into (a power of two);
	 * {@link #MAX_ROUTES} is shared out among them.
	 */
	static final int STRIPES = 16;

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

	/** Tries for a stripe's lock before a thread parks on it. */
	private static final int LOCK_SPINS = 64;

	private final Duration maxWait;

	private final LongSupplier nanoClock;

	private final GlobalBlocks globalBlocks = new GlobalBlocks(MAX_ROUTES);

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
			this.stripes[i] = new Stripe(new RouteTable(MAX_ROUTES / STRIPES));
		}
	}

	@Override
	public void beforeRequest(RateLimitKey key, Duration maxWait) {
		tidyAnotherStripe();
		Stripe stripe = stripe(key);
		long now = this.nanoClock.getAsLong();
		Deadlines deadlines = new Deadlines(now, maxWait, FIRST_REQUEST_WAIT.toNanos());
		stripe.lockBriefly();
		try {
			stripe.table.cleanUp(now);
			for (long wait = reserve(stripe, key, now, deadlines); wait > 0; wait = reserve(stripe, key, now,
					deadlines)) {
				try {
					stripe.changed.awaitNanos(wait);
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
			stripe.lock.unlock();
		}
	}

	@Override
	public long tryBeforeRequest(RateLimitKey key, Duration maxWait, Duration waited, Runnable wakeUp) {
		tidyAnotherStripe();
		Stripe stripe = stripe(key);
		long now = this.nanoClock.getAsLong();
		// The first-request wait counts from the call's first try, as a blocked thread's
		// would.
		Deadlines deadlines = new Deadlines(now, maxWait,
				Math.max(0, FIRST_REQUEST_WAIT.toNanos() - Bucket.nanos(waited)));
		if (!stripe.lock.tryLock()) {
			// Another thread is in the stripe for a few map look-ups: ask again in a
			// moment instead of parking an event loop.
			return BUSY_WAIT.toNanos();
		}
		try {
			stripe.table.cleanUp(now);
			long wait = reserve(stripe, key, now, deadlines);
			if (wait > 0) {
				stripe.wakeUps.add(wakeUp);
			}
			return wait;
		}
		finally {
			stripe.lock.unlock();
		}
	}

	@Override
	public boolean afterResponse(RateLimitKey key, RateLimitResponse response, boolean retryable) {
		return Boolean.TRUE.equals(update(stripe(key), true, (stripe) -> learn(stripe, key, response, retryable)));
	}

	@Override
	public Answer tryAfterResponse(RateLimitKey key, RateLimitResponse response, boolean retryable) {
		Boolean sendAgain = update(stripe(key), false, (stripe) -> learn(stripe, key, response, retryable));
		if (sendAgain == null) {
			return Answer.BUSY;
		}
		return sendAgain ? Answer.SEND_AGAIN : Answer.DONE;
	}

	@Override
	public void onFailure(RateLimitKey key, RuntimeException failure) {
		update(stripe(key), true, (stripe) -> failed(stripe, key));
	}

	@Override
	public boolean tryOnFailure(RateLimitKey key, RuntimeException failure) {
		return update(stripe(key), false, (stripe) -> failed(stripe, key)) != null;
	}

	/**
	 * @return how many routes, buckets and global blocks are remembered (for tests of
	 * bounded memory)
	 */
	int size() {
		return this.globalBlocks.size() + (int) sum((stripe) -> stripe.table.size());
	}

	/**
	 * @return answers that count towards Discord's invalid-request limit (401, 403, 429
	 * not of shared scope)
	 */
	long invalidResponses() {
		return sum((stripe) -> stripe.invalidResponses);
	}

	private long sum(ToLongFunction<Stripe> part) {
		long sum = 0;
		for (Stripe stripe : this.stripes) {
			stripe.lock.lock();
			try {
				sum += part.applyAsLong(stripe);
			}
			finally {
				stripe.lock.unlock();
			}
		}
		return sum;
	}

	/**
	 * Changes a stripe under its lock, then wakes whoever waits on it: blocked threads
	 * through its {@link Condition}, non-blocking callers (outside the lock, so that they
	 * can ask again at once) through their wake-ups.
	 * @param mayPark whether the calling thread may park for the lock; if not, nothing
	 * happens when the lock is busy
	 * @return what the change returned, or {@code null} when the lock was busy
	 */
	private <T> @Nullable T update(Stripe stripe, boolean mayPark, Function<Stripe, T> change) {
		if (mayPark) {
			stripe.lockBriefly();
		}
		else if (!stripe.lock.tryLock()) {
			return null;
		}
		List<Runnable> toWake = List.of();
		try {
			return change.apply(stripe);
		}
		finally {
			stripe.changed.signalAll();
			if (!stripe.wakeUps.isEmpty()) {
				toWake = stripe.wakeUps;
				stripe.wakeUps = new ArrayList<>();
			}
			stripe.lock.unlock();
			toWake.forEach(Runnable::run);
		}
	}

	/**
	 * Takes a slot for the request, or says how long to wait before asking again; called
	 * under the stripe's lock.
	 * @return {@code 0} when the request may be sent (its slot is taken), else the
	 * nanoseconds to wait (an answer on the stripe may end the wait sooner)
	 * @throws RateLimitedException when the wait would end after the deadline
	 */
	private long reserve(Stripe stripe, RateLimitKey key, long now, Deadlines deadlines) {
		Bucket bucket = stripe.table.bucket(key, now);
		long blocked = this.globalBlocks.remaining(key.tokenIdentity(), now);
		boolean global = blocked > 0;
		long wait = global ? blocked : bucket.reserve(now, deadlines.firstRequestEnd);
		if (wait > deadlines.end - now) {
			throw refusal(key, deadlines.maxWait, Duration.ofNanos(wait), global, bucket);
		}
		return wait;
	}

	/**
	 * Learns from an answer; called under the stripe's lock.
	 * @return whether to send the request again (a 429 that fits the maximum wait)
	 */
	private boolean learn(Stripe stripe, RateLimitKey key, RateLimitResponse response, boolean retryable) {
		long now = this.nanoClock.getAsLong();
		Bucket bucket = stripe.table.bucket(key, now);
		bucket.release();
		bucket = stripe.table.learnBucket(key, bucket, response.bucket());
		if (response.status() == 429) {
			// Discord does not count shared-resource 429s towards the invalid-request (IP
			// ban) limit.
			if (response.countsAsInvalid()) {
				stripe.invalidResponses++;
			}
			long until = bucket.tooManyRequests(response, now);
			if (response.global()) {
				this.globalBlocks.block(key.tokenIdentity(), until, now);
			}
			return retryable && !this.maxWait.isZero() && Bucket.retryAfter(response) <= Bucket.nanos(this.maxWait);
		}
		if (response.status() == 401 || response.status() == 403) {
			stripe.invalidResponses++;
		}
		bucket.learnWindow(response, now);
		return false;
	}

	/** Releases a failed request's slot; called under the stripe's lock. */
	private boolean failed(Stripe stripe, RateLimitKey key) {
		Bucket bucket = stripe.table.find(key);
		if (bucket != null) {
			// The next caller becomes the first request; this one told us nothing.
			bucket.release();
		}
		return true;
	}

	/**
	 * Each request also tidies one other stripe in turn, so that a stripe nobody calls
	 * any more is emptied too; if that stripe is busy it is skipped.
	 */
	private void tidyAnotherStripe() {
		Stripe stripe = this.stripes[(this.nextToTidy++) & (STRIPES - 1)];
		if (stripe.lock.tryLock()) {
			try {
				stripe.table.cleanUp(this.nanoClock.getAsLong());
			}
			finally {
				stripe.lock.unlock();
			}
		}
	}

	/**
	 * Everything a bucket is keyed by (route, major parameter, credential) includes the
	 * major parameter and the credential, so a route's buckets all live in its stripe.
	 */
	private Stripe stripe(RateLimitKey key) {
		int hash = key.tokenIdentity().hashCode() * 31 + key.majorParameter().hashCode();
		return this.stripes[(hash ^ (hash >>> 16)) & (STRIPES - 1)];
	}

	private static RateLimitedException refusal(RateLimitKey key, Duration maxWait, Duration wait, boolean global,
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

	/** Until when a request may wait: in all, and for the first request on its bucket. */
	private record Deadlines(Duration maxWait, long end, long firstRequestEnd) {

		Deadlines(long now, Duration maxWait, long firstRequestWait) {
			this(maxWait, Bucket.saturatedAdd(now, Bucket.nanos(maxWait)),
					Bucket.saturatedAdd(now, Math.min(Bucket.nanos(maxWait), firstRequestWait)));
		}

	}

	/**
	 * The routes whose credential and major parameter hash to one stripe, under the
	 * stripe's own lock: requests of different users or guilds do not wait for each
	 * other's bookkeeping.
	 */
	private static final class Stripe {

		final ReentrantLock lock = new ReentrantLock();

		final Condition changed = this.lock.newCondition();

		final RouteTable table;

		long invalidResponses;

		/**
		 * Non-blocking callers waiting on this stripe, woken (and forgotten) by the next
		 * answer or failure, as {@link #changed} wakes blocked threads. A waiter whose
		 * own timer fired first stays until then; each waiting call adds one per wait.
		 */
		List<Runnable> wakeUps = new ArrayList<>();

		Stripe(RouteTable table) {
			this.table = table;
		}

		/**
		 * Takes the lock, spinning a little before parking: what runs under it is a few
		 * map look-ups, far shorter than parking and waking a thread. With one bucket
		 * shared by 8 threads (a bot token, or one user's parallel calls) plain
		 * {@code lock()} parked about one call in fifteen on 2 cores (JFR).
		 */
		void lockBriefly() {
			for (int i = 0; i < LOCK_SPINS; i++) {
				if (this.lock.tryLock()) {
					return;
				}
				Thread.onSpinWait();
			}
			this.lock.lock();
		}

	}

}
