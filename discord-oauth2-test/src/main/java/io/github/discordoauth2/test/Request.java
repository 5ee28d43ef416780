package io.github.discordoauth2.test;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/** One parsed HTTP request as the endpoints see it. */
final class Request {

	private final String method;

	private final String path;

	private final String routePath;

	private final @Nullable String rawQuery;

	private final Map<String, List<String>> headers;

	private final String body;

	private final String remote;

	private Map<String, String> pathParams = Map.of();

	private @Nullable Map<String, List<String>> query;

	private @Nullable Map<String, List<String>> form;

	Request(String method, String path, String routePath, @Nullable String rawQuery, Map<String, List<String>> headers,
			String body, String remote) {
		this.method = method;
		this.path = path;
		this.routePath = routePath;
		this.rawQuery = rawQuery;
		this.headers = headers;
		this.body = body;
		this.remote = remote;
	}

	String method() {
		return this.method;
	}

	/** The full request path, e.g. {@code /api/v10/users/@me}. */
	String path() {
		return this.path;
	}

	/** The path below the API version prefix, e.g. {@code /users/@me}. */
	String routePath() {
		return this.routePath;
	}

	@Nullable String rawQuery() {
		return this.rawQuery;
	}

	String body() {
		return this.body;
	}

	String remote() {
		return this.remote;
	}

	Map<String, List<String>> headers() {
		return this.headers;
	}

	void pathParams(Map<String, String> params) {
		this.pathParams = params;
	}

	String pathParam(String name) {
		String value = this.pathParams.get(name);
		if (value == null) {
			throw new IllegalStateException("no path parameter " + name);
		}
		return value;
	}

	@Nullable String header(String name) {
		for (Map.Entry<String, List<String>> e : this.headers.entrySet()) {
			if (e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty()) {
				return e.getValue().get(0);
			}
		}
		return null;
	}

	/** The media type of the body without parameters, lower case, or "" when absent. */
	String contentType() {
		String ct = header("Content-Type");
		if (ct == null) {
			return "";
		}
		int semi = ct.indexOf(';');
		return (semi >= 0 ? ct.substring(0, semi) : ct).trim().toLowerCase(Locale.ROOT);
	}

	@Nullable String queryParam(String name) {
		if (this.query == null) {
			this.query = parseUrlEncoded(this.rawQuery == null ? "" : this.rawQuery);
		}
		List<String> values = this.query.get(name);
		return values == null || values.isEmpty() ? null : values.get(0);
	}

	/** The first value of a form field; callers must have checked the content type. */
	@Nullable String formParam(String name) {
		if (this.form == null) {
			this.form = parseUrlEncoded(this.body);
		}
		List<String> values = this.form.get(name);
		return values == null || values.isEmpty() ? null : values.get(0);
	}

	/**
	 * The token of an {@code Authorization: <scheme> <token>} header, or null if the
	 * scheme differs.
	 */
	@Nullable String credentials(String scheme) {
		String auth = header("Authorization");
		if (auth == null) {
			return null;
		}
		String prefix = scheme + " ";
		if (auth.length() > prefix.length() && auth.regionMatches(true, 0, prefix, 0, prefix.length())) {
			return auth.substring(prefix.length()).trim();
		}
		return null;
	}

	/** HTTP Basic credentials as {user, password}, or null when absent or unreadable. */
	String @Nullable [] basicCredentials() {
		String encoded = credentials("Basic");
		if (encoded == null) {
			return null;
		}
		try {
			String decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
			int colon = decoded.indexOf(':');
			if (colon < 0) {
				return null;
			}
			// RFC 6749 2.3.1: both parts are form-urlencoded before Base64.
			return new String[] { decode(decoded.substring(0, colon)), decode(decoded.substring(colon + 1)) };
		}
		catch (IllegalArgumentException e) {
			return null;
		}
	}

	static Map<String, List<String>> parseUrlEncoded(String text) {
		Map<String, List<String>> result = new LinkedHashMap<>();
		if (text.isEmpty()) {
			return result;
		}
		for (String pair : text.split("&")) {
			if (pair.isEmpty()) {
				continue;
			}
			int eq = pair.indexOf('=');
			String key = decode(eq < 0 ? pair : pair.substring(0, eq));
			String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
			result.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
		}
		return Collections.unmodifiableMap(result);
	}

	private static String decode(String s) {
		try {
			return URLDecoder.decode(s, StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException e) {
			// A broken %-escape is kept literally; the value will then fail validation
			// like any other bad value.
			return s;
		}
	}

}
