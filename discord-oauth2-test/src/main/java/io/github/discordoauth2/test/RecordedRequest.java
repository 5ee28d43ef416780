package io.github.discordoauth2.test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * One request the fake received, with secrets masked: the {@code Authorization} header
 * keeps only its scheme, and {@code client_secret}, {@code code_verifier},
 * {@code access_token}, {@code refresh_token} and {@code token} values in forms and JSON
 * bodies read {@value #MASK}.
 *
 * @param method HTTP method
 * @param path request path as sent, e.g. {@code /api/v10/users/@me}
 * @param query raw query string, or null
 * @param headers request headers (names as received)
 * @param body request body with secrets masked ("" when empty)
 * @param status the status the fake answered (0 when a {@link Fault#disconnect()} dropped
 * the connection)
 * @param at when the request arrived (the fake's clock)
 * @since 0.1.0
 */
public record RecordedRequest(String method, String path, @Nullable String query, Map<String, List<String>> headers,
		String body, int status, Instant at) {

	/** What a masked secret reads as. */
	public static final String MASK = "***";

	/**
	 * Copies headers so the journal is immutable.
	 * @param method HTTP method
	 * @param path request path as sent, e.g. {@code /api/v10/users/@me}
	 * @param query raw query string, or null
	 * @param headers request headers (names as received)
	 * @param body request body with secrets masked ("" when empty)
	 * @param status the status the fake answered (0 when a {@link Fault#disconnect()}
	 * dropped the connection)
	 * @param at when the request arrived (the fake's clock)
	 */
	public RecordedRequest {
		headers = Map.copyOf(headers);
	}

	/**
	 * The first value of a header (case-insensitive).
	 * @param name the header's name
	 * @return its first value, or null
	 */
	public @Nullable String header(String name) {
		for (Map.Entry<String, List<String>> e : this.headers.entrySet()) {
			if (e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty()) {
				return e.getValue().get(0);
			}
		}
		return null;
	}

	/** Shows method, path and status only; the journal's job is assertions, not logs. */
	@Override
	public String toString() {
		return this.method + " " + this.path + (this.query == null ? "" : "?" + this.query) + " -> " + this.status;
	}
}
