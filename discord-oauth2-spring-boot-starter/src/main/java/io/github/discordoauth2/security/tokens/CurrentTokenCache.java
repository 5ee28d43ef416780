package io.github.discordoauth2.security.tokens;

import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.LongSupplier;

import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;

/**
 * This instance's copy of the users' current entries, so that a request whose controller
 * takes a token does not read the store when the token is known to be current. Bounded in
 * time (an entry is served for at most the time to live after it was read, which bounds
 * how long another instance's rotation or removal goes unseen here) and in size (the
 * oldest-read entries go first once the bound is reached).
 *
 * <p>
 * Every write of this instance forgets the user's copy. A read that raced with a write
 * never leaves its older copy behind: each user's writes bump a counter (striped over a
 * few slots), and a copy is kept only when no write of its slot happened between the read
 * of the store and the copy.
 */
final class CurrentTokenCache {

	private static final int STRIPES = 64;

	private final Map<Long, Entry> entries = new ConcurrentHashMap<>();

	private final AtomicLongArray writes = new AtomicLongArray(STRIPES);

	private final long timeToLiveNanos;

	private final int maxUsers;

	private final LongSupplier nanoTime;

	/**
	 * Creates the cache.
	 * @param timeToLive how long an entry is served after it was read from the store
	 * @param maxUsers the most users kept at once
	 * @param nanoTime the clock ({@link System#nanoTime()} but in tests)
	 */
	CurrentTokenCache(Duration timeToLive, int maxUsers, LongSupplier nanoTime) {
		this.timeToLiveNanos = timeToLive.toNanos();
		this.maxUsers = maxUsers;
		this.nanoTime = nanoTime;
	}

	/**
	 * The user's copy, while it is younger than the time to live.
	 */
	@Nullable OAuth2AuthorizedClient get(long userId) {
		Entry entry = this.entries.get(userId);
		if (entry == null) {
			return null;
		}
		if (this.nanoTime.getAsLong() - entry.readAt >= this.timeToLiveNanos) {
			this.entries.remove(userId, entry);
			return null;
		}
		return entry.authorized;
	}

	/**
	 * The stamp to take before reading the store, for {@link #keep}.
	 */
	long stamp(long userId) {
		return this.writes.get(stripe(userId));
	}

	/**
	 * Keeps what was read from the store, unless this instance wrote the user's entry
	 * since the stamp was taken (the read may predate the write).
	 */
	void keep(long userId, OAuth2AuthorizedClient authorized, long stamp) {
		if (this.writes.get(stripe(userId)) != stamp) {
			return;
		}
		if (this.entries.size() >= this.maxUsers) {
			makeRoom();
		}
		Entry entry = new Entry(authorized, this.nanoTime.getAsLong());
		this.entries.put(userId, entry);
		// A write between the check above and the put: its forget may have run before
		// the put, so take the older copy out again.
		if (this.writes.get(stripe(userId)) != stamp) {
			this.entries.remove(userId, entry);
		}
	}

	/**
	 * Forgets the user's copy; called after every write of this instance to the user's
	 * entry.
	 */
	void forget(long userId) {
		this.writes.incrementAndGet(stripe(userId));
		this.entries.remove(userId);
	}

	/**
	 * How many users are kept, for tests and figures.
	 */
	int size() {
		return this.entries.size();
	}

	private void makeRoom() {
		long now = this.nanoTime.getAsLong();
		this.entries.values().removeIf((entry) -> now - entry.readAt >= this.timeToLiveNanos);
		if (this.entries.size() < this.maxUsers) {
			return;
		}
		// Still full of live entries: drop a tenth, oldest first would need an order the
		// map does not keep, so drop the ones read longest ago among those met first.
		long cutoff = oldestReadAt(now);
		int target = this.maxUsers - Math.max(1, this.maxUsers / 10);
		Iterator<Entry> it = this.entries.values().iterator();
		while (it.hasNext() && this.entries.size() > target) {
			if (it.next().readAt <= cutoff) {
				it.remove();
			}
		}
		it = this.entries.values().iterator();
		while (it.hasNext() && this.entries.size() > target) {
			it.next();
			it.remove();
		}
	}

	private long oldestReadAt(long now) {
		// The midpoint between now and the oldest entry: about the older half.
		long oldest = now;
		for (Entry entry : this.entries.values()) {
			if (entry.readAt - oldest < 0) {
				oldest = entry.readAt;
			}
		}
		return oldest + (now - oldest) / 2;
	}

	private static int stripe(long userId) {
		return (int) ((userId ^ (userId >>> 32)) & (STRIPES - 1));
	}

	private record Entry(OAuth2AuthorizedClient authorized, long readAt) {
	}

}
