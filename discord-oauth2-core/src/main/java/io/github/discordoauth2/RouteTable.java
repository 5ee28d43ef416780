package io.github.discordoauth2;

import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Which {@link Bucket} each route counts against, in bounded memory: routes that share an
 * {@code X-RateLimit-Bucket} share one bucket, a bucket is forgotten once nothing is in
 * flight on it and its window is over, and never more than a fixed number of routes are
 * kept (past it, the least recently used route with nothing in flight goes, which at
 * worst costs one 429).
 *
 * <p>
 * Clean-up is amortised, without a thread: each request looks at the
 * {@value #CLEANUP_STEPS} least recently used routes and drops them when they may be
 * forgotten, so the table shrinks at least as fast as it grows. Not thread-safe:
 * {@link RateLimiter} guards each table with a lock of its own.
 */
final class RouteTable {

	/** How many least recently used routes each request looks at for clean-up. */
	static final int CLEANUP_STEPS = 2;

	private final int capacity;

	/**
	 * Route (method, template, major parameter, credential) to its bucket; routes may
	 * share one. In access order, so the least recently used route comes first.
	 */
	private final LinkedHashMap<RouteKey, Bucket> routes = new LinkedHashMap<>(16, 0.75f, true);

	/**
	 * {@code X-RateLimit-Bucket} + major parameter + credential to the bucket, to find
	 * routes that share one.
	 */
	private final Map<String, Bucket> sharedBuckets = new HashMap<>();

	/**
	 * @param capacity the most routes kept
	 */
	RouteTable(int capacity) {
		this.capacity = capacity;
	}

	/**
	 * @return the route's bucket, created when the route is new (forgetting the least
	 * recently used route beyond the capacity), marked as used now
	 */
	Bucket bucket(RateLimitKey key, long now) {
		RouteKey route = RouteKey.of(key);
		Bucket bucket = this.routes.get(route);
		if (bucket == null) {
			bucket = new Bucket();
			this.routes.put(route, bucket);
			if (this.routes.size() > this.capacity) {
				forgetLeastRecentlyUsed();
			}
		}
		bucket.lastUsed = now;
		return bucket;
	}

	/**
	 * @return the route's bucket, or {@code null} when it is not kept
	 */
	@Nullable Bucket find(RateLimitKey key) {
		return this.routes.get(RouteKey.of(key));
	}

	/**
	 * Moves the route onto the bucket Discord named, so routes sharing a bucket share one
	 * budget.
	 * @param key the route
	 * @param bucket the route's bucket
	 * @param hash the answer's {@code X-RateLimit-Bucket}, or {@code null}
	 * @return the bucket the route now counts against
	 */
	Bucket learnBucket(RateLimitKey key, Bucket bucket, @Nullable String hash) {
		if (hash == null || hash.equals(bucket.hash)) {
			return bucket;
		}
		String sharedKey = hash + "|" + key.majorParameter() + "|" + key.tokenIdentity();
		Bucket shared = this.sharedBuckets.get(sharedKey);
		if (shared == null) {
			if (bucket.sharedKey != null) {
				// Discord renamed the bucket; routes on it keep it, under the new name.
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
			this.routes.put(RouteKey.of(key), shared);
		}
		return shared;
	}

	/**
	 * Looks at the least recently used routes and forgets those that may be forgotten;
	 * one that may not is moved to the back, so that the next look finds another.
	 */
	void cleanUp(long now) {
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

	/**
	 * @return how many routes and shared buckets are kept
	 */
	int size() {
		return this.routes.size() + this.sharedBuckets.size();
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
	 * What a request counts against. Minor parameters (a user id in a member route) are
	 * left out: Discord keys its buckets by the major parameter only.
	 */
	private record RouteKey(String method, String route, String majorParameter, String tokenIdentity) {

		static RouteKey of(RateLimitKey key) {
			return new RouteKey(key.method(), key.route(), key.majorParameter(), key.tokenIdentity());
		}

	}

}
