package io.github.discordoauth2.autoconfigure;

import java.time.Duration;

import io.github.discordoauth2.RateLimitListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Counts Discord's rate limits as meters: {@code discord.rate-limit.waits} (a timer of
 * the waits before a call was sent) and {@code discord.rate-limit.responses} (HTTP 429
 * answers), tagged with method, route template and, for 429s, whether the limit was the
 * global one. Route templates carry no ids.
 *
 * @since 0.1.0
 */
public final class DiscordRateLimitMetrics implements RateLimitListener {

	/** Name of the timer of rate-limit waits. */
	public static final String WAITS = "discord.rate-limit.waits";

	/** Name of the counter of HTTP 429 answers. */
	public static final String RESPONSES = "discord.rate-limit.responses";

	private final MeterRegistry registry;

	/**
	 * Creates the metrics.
	 * @param registry where the meters go
	 */
	public DiscordRateLimitMetrics(MeterRegistry registry) {
		this.registry = registry;
	}

	@Override
	public void onWait(String method, String route, Duration waited) {
		Timer.builder(WAITS)
			.description("Time calls to Discord waited for their rate-limit bucket before being sent")
			.tag("method", method)
			.tag("uri", route)
			.register(this.registry)
			.record(waited);
	}

	@Override
	public void onRateLimited(String method, String route, boolean global) {
		Counter.builder(RESPONSES)
			.description("HTTP 429 answers from Discord")
			.tag("method", method)
			.tag("uri", route)
			.tag("global", Boolean.toString(global))
			.register(this.registry)
			.increment();
	}

}
