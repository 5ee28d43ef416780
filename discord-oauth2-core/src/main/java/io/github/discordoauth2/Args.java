package io.github.discordoauth2;

import java.net.URI;
import java.util.Collection;

import org.jspecify.annotations.Nullable;

/**
 * Argument checks that fail before any request, with a message naming the argument and
 * the fix.
 */
final class Args {

	private Args() {
	}

	static String notBlank(@Nullable String value, String name) {
		if (value == null) {
			throw new IllegalArgumentException(name + " must not be null");
		}
		if (value.isBlank()) {
			throw new IllegalArgumentException(name + " must not be blank");
		}
		return value;
	}

	static long positive(long value, String name) {
		if (value <= 0) {
			throw new IllegalArgumentException(name + " must be a positive snowflake id, got " + value);
		}
		return value;
	}

	static <T> T notNull(@Nullable T value, String name) {
		if (value == null) {
			throw new IllegalArgumentException(name + " must not be null");
		}
		return value;
	}

	static URI absoluteUri(@Nullable String value, String name) {
		notBlank(value, name);
		URI uri;
		try {
			uri = URI.create(value);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException(name + " must be a valid absolute URI, got '" + value + "'", ex);
		}
		if (!uri.isAbsolute() || uri.getHost() == null) {
			throw new IllegalArgumentException(name + " must be an absolute URI such as "
					+ "'https://example.com/callback' (registered in the Discord developer portal), got '" + value
					+ "'");
		}
		return uri;
	}

	static void scopes(@Nullable Collection<String> scopes, String name) {
		if (scopes == null || scopes.isEmpty()) {
			throw new IllegalArgumentException(name + " must name at least one scope, for example Scopes.IDENTIFY");
		}
		for (String scope : scopes) {
			if (scope == null || scope.isBlank() || scope.chars().anyMatch(Character::isWhitespace)) {
				throw new IllegalArgumentException(
						name + " must contain single scope names without spaces, got '" + scope + "'");
			}
		}
	}

}
