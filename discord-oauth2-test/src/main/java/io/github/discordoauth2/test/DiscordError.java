package io.github.discordoauth2.test;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * An answer that ends a request early: a Discord REST error ({@code {code, message,
 * errors?}}), an OAuth error ({@code {error, error_description}}) or any prepared
 * response.
 */
final class DiscordError extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final transient Response response;

	DiscordError(Response response) {
		super("HTTP " + response.status(), null, false, false);
		this.response = response;
	}

	Response response() {
		return this.response;
	}

	/** A Discord REST JSON error. */
	static DiscordError rest(int status, int code, String message) {
		return new DiscordError(Response.json(status, Json.obj().with("message", message).with("code", code)));
	}

	/** Discord's answer for a missing, invalid, expired or under-scoped token. */
	static DiscordError unauthorized() {
		return rest(401, 0, "401: Unauthorized");
	}

	static DiscordError notFound() {
		return rest(404, 0, "404: Not Found");
	}

	static DiscordError methodNotAllowed() {
		return rest(405, 0, "405: Method Not Allowed");
	}

	static DiscordError missingAccess() {
		return rest(403, 50001, "Missing Access");
	}

	static DiscordError invalidJson() {
		return rest(400, 50109, "The request body contains invalid JSON.");
	}

	/** An RFC 6749 error as the token and revoke endpoints give it. */
	static DiscordError oauth(int status, String error, @Nullable String description) {
		Json.Obj body = Json.obj().with("error", error);
		if (description != null) {
			body.with("error_description", description);
		}
		return new DiscordError(Response.json(status, body));
	}

	/** Collects field errors into Discord's nested {@code errors} tree (code 50035). */
	static final class FormErrors {

		private final Map<String, @Nullable Object> root = new LinkedHashMap<>();

		/**
		 * Adds an error at a dotted path such as {@code metadata.level} or {@code 0.key}.
		 */
		@SuppressWarnings("unchecked")
		FormErrors add(String path, String code, String message) {
			Map<String, @Nullable Object> node = this.root;
			for (String part : path.isEmpty() ? new String[0] : path.split("\\.")) {
				node = (Map<String, @Nullable Object>) node.computeIfAbsent(part,
						k -> new LinkedHashMap<String, Object>());
			}
			java.util.List<Object> errors = (java.util.List<Object>) node.computeIfAbsent("_errors",
					k -> new java.util.ArrayList<>());
			errors.add(Json.obj().with("code", code).with("message", message));
			return this;
		}

		boolean isEmpty() {
			return this.root.isEmpty();
		}

		void throwIfAny() {
			if (!this.root.isEmpty()) {
				throw new DiscordError(Response.json(400,
						Json.obj().with("message", "Invalid Form Body").with("code", 50035).with("errors", this.root)));
			}
		}

	}

}
