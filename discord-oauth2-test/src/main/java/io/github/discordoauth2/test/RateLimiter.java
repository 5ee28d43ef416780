package io.github.discordoauth2.test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Fixed-window counters behind {@link RateLimits}, with Discord's headers and 429 bodies.
 */
final class RateLimiter {

	private final RateLimits limits;

	private final Clock clock;

	private final Map<String, Window> windows = new HashMap<>();

	RateLimiter(RateLimits limits, Clock clock) {
		this.limits = limits;
		this.clock = clock;
	}

	/** The outcome: either a ready 429, or headers to add to the real answer. */
	record Decision(@Nullable Response rejection, Map<String, String> headers) {
	}

	synchronized Decision check(String method, String routePath, String routeTemplate, String tokenKey) {
		Map<String, String> headers = new LinkedHashMap<>();
		if (!this.limits.enabled()) {
			return new Decision(null, headers);
		}
		Instant now = this.clock.instant();
		RateLimits.Bucket global = this.limits.global();
		if (global != null) {
			Window w = window("global|" + tokenKey, global, now);
			if (w.count >= global.limit()) {
				Duration retry = Duration.between(now, w.resetAt);
				Response r = tooMany(retry, true);
				r.header("X-RateLimit-Global", "true").header("X-RateLimit-Scope", "global");
				return new Decision(r, headers);
			}
			w.count++;
		}
		RateLimits.Bucket bucket = null;
		String bucketName = null;
		for (RateLimits.Bucket b : this.limits.routes()) {
			RoutePattern p = b.pattern();
			if (p != null && p.matches(method, routePath)) {
				bucket = b;
				bucketName = p.text();
				break;
			}
		}
		if (bucket == null && this.limits.everyRoute() != null) {
			bucket = this.limits.everyRoute();
			bucketName = method + " " + routeTemplate;
		}
		if (bucket == null || bucketName == null) {
			return new Decision(null, headers);
		}
		Window w = window("route|" + bucketName + "|" + tokenKey, bucket, now);
		String bucketId = bucketId(bucketName);
		if (w.count >= bucket.limit()) {
			Duration retry = Duration.between(now, w.resetAt);
			Response r = tooMany(retry, false);
			putHeaders(r.headers(), bucket.limit(), 0, w.resetAt, retry, bucketId);
			r.header("X-RateLimit-Scope", "user");
			return new Decision(r, headers);
		}
		w.count++;
		putHeaders(headers, bucket.limit(), bucket.limit() - w.count, w.resetAt, Duration.between(now, w.resetAt),
				bucketId);
		return new Decision(null, headers);
	}

	synchronized void reset() {
		this.windows.clear();
	}

	private Window window(String key, RateLimits.Bucket bucket, Instant now) {
		Window w = this.windows.get(key);
		if (w == null || !now.isBefore(w.resetAt)) {
			w = new Window(now.plus(bucket.resetAfter()));
			this.windows.put(key, w);
		}
		return w;
	}

	private static void putHeaders(Map<String, String> h, int limit, int remaining, Instant resetAt,
			Duration resetAfter, String bucketId) {
		h.put("X-RateLimit-Limit", Integer.toString(limit));
		h.put("X-RateLimit-Remaining", Integer.toString(remaining));
		h.put("X-RateLimit-Reset", seconds(resetAt.toEpochMilli()));
		h.put("X-RateLimit-Reset-After", seconds(resetAfter.toMillis()));
		h.put("X-RateLimit-Bucket", bucketId);
	}

	/**
	 * A 429 as Discord sends it: float {@code retry_after}, {@code global}, integer
	 * {@code Retry-After}.
	 */
	static Response tooMany(Duration retryAfter, boolean global) {
		double retrySeconds = Math.max(0, retryAfter.toMillis()) / 1000.0;
		Response r = Response.json(429,
				Json.obj()
					.with("message", "You are being rate limited.")
					.with("retry_after", retrySeconds)
					.with("global", global));
		r.header("Retry-After", Long.toString((long) Math.ceil(retrySeconds)));
		return r;
	}

	private static String seconds(long millis) {
		return String.format(Locale.ROOT, "%.3f", millis / 1000.0);
	}

	private static String bucketId(String name) {
		// Discord's bucket ids are opaque hashes; a stable hash of the bucket name does
		// the same job.
		return String.format(Locale.ROOT, "%08x%08x", name.hashCode(), (name + "#").hashCode());
	}

	private static final class Window {

		final Instant resetAt;

		int count;

		Window(Instant resetAt) {
			this.resetAt = resetAt;
		}

	}

}
