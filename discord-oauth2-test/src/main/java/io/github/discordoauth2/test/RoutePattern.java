package io.github.discordoauth2.test;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * A route selector such as {@code "GET /users/@me/guilds/{guild.id}/member"} or
 * {@code "/oauth2/token"}: an optional method, then a path below the API version prefix
 * in which {@code *} or any {@code {name}} segment matches one path segment.
 */
final class RoutePattern {

	private final @Nullable String method;

	private final String[] segments;

	private final String text;

	private RoutePattern(@Nullable String method, String[] segments, String text) {
		this.method = method;
		this.segments = segments;
		this.text = text;
	}

	static RoutePattern parse(String argumentName, String text) {
		String trimmed = text.trim();
		String method = null;
		String path = trimmed;
		int space = trimmed.indexOf(' ');
		if (space > 0) {
			method = trimmed.substring(0, space).toUpperCase(Locale.ROOT);
			path = trimmed.substring(space + 1).trim();
			if (method.equals("*")) {
				method = null;
			}
		}
		if (!path.startsWith("/")) {
			throw new IllegalArgumentException(argumentName + " must look like \"GET /users/@me\" or \"/oauth2/token\""
					+ " (a path below /api/v10, '*' or '{name}' for any one segment), got \"" + text + "\"");
		}
		return new RoutePattern(method, split(path), trimmed);
	}

	boolean matches(String requestMethod, String routePath) {
		if (this.method != null && !this.method.equals(requestMethod)) {
			return false;
		}
		String[] actual = split(routePath);
		if (actual.length != this.segments.length) {
			return false;
		}
		for (int i = 0; i < this.segments.length; i++) {
			String s = this.segments[i];
			boolean wildcard = s.equals("*") || (s.startsWith("{") && s.endsWith("}"));
			if (wildcard ? actual[i].isEmpty() : !s.equals(actual[i])) {
				return false;
			}
		}
		return true;
	}

	String text() {
		return this.text;
	}

	private static String[] split(String path) {
		String p = path.startsWith("/") ? path.substring(1) : path;
		if (p.endsWith("/")) {
			p = p.substring(0, p.length() - 1);
		}
		return p.isEmpty() ? new String[0] : p.split("/", -1);
	}

	@Override
	public String toString() {
		return this.text;
	}

}
