package io.github.discordoauth2.test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Rate-limit settings for the fake (off by default). Buckets count per route and per
 * token (the {@code Authorization} header, or the client address without one), as Discord
 * does for OAuth.
 *
 * <pre>{@code
 * RateLimits.builder()
 *     .route("GET /users/@me/guilds/{guild.id}/member", 1, Duration.ofSeconds(5))
 *     .everyRoute(50, Duration.ofSeconds(1))
 *     .global(50, Duration.ofSeconds(1))
 *     .build();
 * }</pre>
 *
 * @since 0.1.0
 */
public final class RateLimits {

	private static final RateLimits NONE = new RateLimits(List.of(), null, null);

	private final List<Bucket> routes;

	private final @Nullable Bucket everyRoute;

	private final @Nullable Bucket global;

	private RateLimits(List<Bucket> routes, @Nullable Bucket everyRoute, @Nullable Bucket global) {
		this.routes = List.copyOf(routes);
		this.everyRoute = everyRoute;
		this.global = global;
	}

	/**
	 * @return no rate limits: the default
	 */
	public static RateLimits none() {
		return NONE;
	}

	/**
	 * @return a new configuration
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * @return whether any limit is configured
	 */
	public boolean enabled() {
		return !this.routes.isEmpty() || this.everyRoute != null || this.global != null;
	}

	List<Bucket> routes() {
		return this.routes;
	}

	@Nullable Bucket everyRoute() {
		return this.everyRoute;
	}

	@Nullable Bucket global() {
		return this.global;
	}

	/**
	 * One limit: {@code limit} requests per {@code resetAfter} window; pattern null for
	 * everyRoute/global.
	 */
	record Bucket(@Nullable RoutePattern pattern, int limit, Duration resetAfter) {
	}

	/**
	 * Builds {@link RateLimits}.
	 *
	 * @since 0.1.0
	 */
	public static final class Builder {

		private final List<Bucket> routes = new ArrayList<>();

		private @Nullable Bucket everyRoute;

		private @Nullable Bucket global;

		private Builder() {
		}

		/**
		 * A bucket shared by all routes matching {@code route} (same selector syntax as
		 * {@link Faults}). The first matching bucket wins.
		 * @param route e.g. {@code "GET /users/@me"}
		 * @param limit requests per window, at least 1
		 * @param resetAfter the window's length
		 * @return this builder
		 */
		public Builder route(String route, int limit, Duration resetAfter) {
			this.routes
				.add(new Bucket(RoutePattern.parse("route", route), positive("limit", limit), window(resetAfter)));
			return this;
		}

		/**
		 * A separate bucket of this size for each route that no {@link #route} matches.
		 * @param limit requests per window, at least 1
		 * @param resetAfter the window's length
		 * @return this builder
		 */
		public Builder everyRoute(int limit, Duration resetAfter) {
			this.everyRoute = new Bucket(null, positive("limit", limit), window(resetAfter));
			return this;
		}

		/**
		 * A global limit per token over all routes (Discord: 50 per second).
		 * @param limit requests per window, at least 1
		 * @param per the window's length
		 * @return this builder
		 */
		public Builder global(int limit, Duration per) {
			this.global = new Bucket(null, positive("limit", limit), window(per));
			return this;
		}

		/**
		 * @return the configuration
		 */
		public RateLimits build() {
			return new RateLimits(this.routes, this.everyRoute, this.global);
		}

		private static int positive(String name, int value) {
			if (value < 1) {
				throw new IllegalArgumentException(name + " must be at least 1, got " + value);
			}
			return value;
		}

		private static Duration window(Duration d) {
			Objects.requireNonNull(d, "resetAfter");
			if (d.isNegative() || d.isZero()) {
				throw new IllegalArgumentException("the rate-limit window must be positive, got " + d);
			}
			return d;
		}

	}

}
