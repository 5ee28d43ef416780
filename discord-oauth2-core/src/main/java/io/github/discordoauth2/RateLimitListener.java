package io.github.discordoauth2;

import java.time.Duration;

/**
 * Hears about Discord's rate limits as the client meets them, for metrics: a call that
 * waited for its bucket before being sent, and every HTTP 429 answer (whether the call is
 * then sent again or fails). Called on the calling thread; must return quickly and not
 * throw. Register it with {@link Client.Builder#rateLimitListener(RateLimitListener)}.
 *
 * @since 0.1.0
 */
public interface RateLimitListener {

	/**
	 * A call waited before being sent, because its bucket (or the global limit) was
	 * empty.
	 * @param method the HTTP method, e.g. {@code GET}
	 * @param route the route template, e.g. {@code /users/@me/guilds}; never an id
	 * @param waited how long it waited
	 */
	default void onWait(String method, String route, Duration waited) {
	}

	/**
	 * Discord answered HTTP 429.
	 * @param method the HTTP method
	 * @param route the route template; never an id
	 * @param global whether the limit is the global one
	 */
	default void onRateLimited(String method, String route, boolean global) {
	}

}
