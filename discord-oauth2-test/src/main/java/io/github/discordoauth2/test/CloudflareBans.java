package io.github.discordoauth2.test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Discord's invalid request limit: an address that receives too many 401, 403 and 429
 * answers in a window is shut out for a while, and Cloudflare, not Discord, answers it
 * with an HTML page (https://discord.com/developers/docs/topics/rate-limits, "Invalid
 * Request Limit aka Cloudflare bans"; discord-api-docs #1771, #5385). A 429 whose scope
 * is {@code shared} does not count, as Discord documents.
 */
final class CloudflareBans {

	private final int limit;

	private final Duration window;

	private final Clock clock;

	private final Map<String, Window> windows = new HashMap<>();

	CloudflareBans(int limit, Duration window, Clock clock) {
		this.limit = limit;
		this.window = window;
		this.clock = clock;
	}

	/** Cloudflare's answer while the address is banned, else null. */
	synchronized @Nullable Response banned(String address) {
		Window w = this.windows.get(address);
		Instant now = this.clock.instant();
		if (w == null || w.bannedUntil == null) {
			return null;
		}
		if (!now.isBefore(w.bannedUntil)) {
			this.windows.remove(address);
			return null;
		}
		return page();
	}

	/** Counts an answer the address received. */
	synchronized void answered(String address, Response response) {
		int status = response.status();
		boolean invalid = status == 401 || status == 403
				|| (status == 429 && !"shared".equals(response.headers().get("X-RateLimit-Scope")));
		if (!invalid || this.limit <= 0) {
			return;
		}
		Instant now = this.clock.instant();
		Window w = this.windows.get(address);
		if (w == null || !now.isBefore(w.start.plus(this.window))) {
			w = new Window(now);
			this.windows.put(address, w);
		}
		if (++w.count >= this.limit && w.bannedUntil == null) {
			w.bannedUntil = now.plus(this.window);
		}
	}

	synchronized void reset() {
		this.windows.clear();
	}

	/** Cloudflare's "error 1015" page: HTML, no Discord JSON, no rate-limit headers. */
	private static Response page() {
		return Response
			.raw(429, "text/html; charset=UTF-8", "<!DOCTYPE html><html><head><title>Error 1015</title>"
					+ "</head><body><h1>Error 1015</h1><p>Rate limited by Cloudflare: this address is banned from"
					+ " discord.com for a while.</p></body></html>")
			.header("Server", "cloudflare");
	}

	private static final class Window {

		final Instant start;

		int count;

		@Nullable Instant bannedUntil;

		Window(Instant start) {
			this.start = start;
		}

	}

}
