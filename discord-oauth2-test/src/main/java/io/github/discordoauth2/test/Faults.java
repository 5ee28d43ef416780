package io.github.discordoauth2.test;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Fault injection for resilience tests:
 * {@code fake.faults().next("GET /users/@me", 2, Fault.status(502))} makes the next two
 * matching requests fail, after which the route answers normally again.
 *
 * <p>
 * Routes are matched below the API version prefix ({@code /api/v10}, {@code /api/v9},
 * {@code /api}); the method is optional and {@code *} or {@code {name}} matches any one
 * segment, e.g. {@code "PUT /guilds/{guild.id}/members/{user.id}"}. The authorize page is
 * {@code "/oauth2/authorize"}.
 *
 * @since 0.1.0
 */
public final class Faults {

	private final List<Entry> entries = new ArrayList<>();

	Faults() {
	}

	/**
	 * Makes the next {@code times} requests matching {@code route} answer with
	 * {@code fault}.
	 * @param route e.g. {@code "GET /users/@me"} or {@code "POST /oauth2/token"}
	 * @param times how many requests, at least 1
	 * @param fault what they get
	 * @return this, to chain more faults (they apply in the order added)
	 */
	public synchronized Faults next(String route, int times, Fault fault) {
		if (times < 1) {
			throw new IllegalArgumentException("times must be at least 1, got " + times);
		}
		if (fault == null) {
			throw new IllegalArgumentException("fault must not be null: use Fault.status(503), Fault.delay(...), ...");
		}
		this.entries.add(new Entry(RoutePattern.parse("route", route), times, fault));
		return this;
	}

	/** Forgets every pending fault. */
	public synchronized void clear() {
		this.entries.clear();
	}

	/**
	 * @return how many faulty answers are still pending, over all routes
	 */
	public synchronized int pending() {
		return this.entries.stream().mapToInt(e -> e.remaining).sum();
	}

	synchronized @Nullable Fault take(String method, String routePath) {
		for (Iterator<Entry> it = this.entries.iterator(); it.hasNext();) {
			Entry e = it.next();
			if (e.pattern.matches(method, routePath)) {
				if (--e.remaining == 0) {
					it.remove();
				}
				return e.fault;
			}
		}
		return null;
	}

	private static final class Entry {

		final RoutePattern pattern;

		int remaining;

		final Fault fault;

		Entry(RoutePattern pattern, int remaining, Fault fault) {
			this.pattern = pattern;
			this.remaining = remaining;
			this.fault = fault;
		}

	}

}
