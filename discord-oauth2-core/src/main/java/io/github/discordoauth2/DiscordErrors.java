package io.github.discordoauth2;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import io.github.discordoauth2.exceptions.Credential;
import io.github.discordoauth2.exceptions.ForbiddenException;
import io.github.discordoauth2.exceptions.HttpException;
import io.github.discordoauth2.exceptions.InvalidGrantException;
import io.github.discordoauth2.exceptions.RateLimitedException;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Turns an answer the caller cannot use into the typed exception: a non-2xx status
 * (Discord's REST error JSON, OAuth2's {@code error}/{@code error_description}, or
 * whatever else arrived), a body too large to read, or a 2xx body that is not what the
 * call expects. Every message names the call, says what Discord meant, and carries no
 * secret of the request.
 */
final class DiscordErrors {

	private static final int SNIPPET_CHARS = 160;

	/**
	 * Discord's "Invalid OAuth2 access token", for a user's token in a bot call's body.
	 */
	private static final int INVALID_OAUTH2_ACCESS_TOKEN = 50025;

	private DiscordErrors() {
	}

	/**
	 * @param request the request that was answered
	 * @param response a non-2xx answer
	 * @param secrets values to keep out of the message
	 * @return the exception for the answer's status and body
	 */
	static HttpException decode(DiscordRequest request, DiscordResponse response, List<String> secrets) {
		int status = response.status();
		Credential credential = request.auth.credential;
		JsonNode node = jsonObject(response.body());
		Integer code = null;
		String message = null;
		JsonNode errorsNode = null;
		String error = null;
		String errorDescription = null;
		if (node != null) {
			JsonNode codeNode = node.get("code");
			if (codeNode != null && codeNode.isIntegralNumber()) {
				code = codeNode.asInt();
			}
			message = DiscordJson.text(node, "message");
			errorsNode = node.get("errors");
			if (errorsNode != null && !errorsNode.isObject()) {
				errorsNode = null;
			}
			error = DiscordJson.text(node, "error");
			errorDescription = DiscordJson.text(node, "error_description");
		}
		StringBuilder text = new StringBuilder(request.describe()).append(" failed: HTTP ")
			.append(status)
			.append(" with ")
			.append(credential.description());
		if (code != null || message != null) {
			text.append(", Discord error ").append((code != null) ? code : "?").append(": ").append(message);
		}
		if (errorsNode != null) {
			String fields = FieldErrors.render(errorsNode);
			if (!fields.isEmpty()) {
				text.append(" [").append(fields).append("]");
			}
		}
		if (error != null) {
			text.append(", OAuth2 error ").append(error);
			if (errorDescription != null) {
				text.append(": ").append(errorDescription);
			}
		}
		if (node == null) {
			text.append(" (").append(describeBody(response, true, secrets)).append(")");
		}
		Map<String, Object> errors = (errorsNode != null) ? DiscordJson.toMap(errorsNode) : null;
		RateLimitResponse limits = response.limits();
		if (status == 429 && limits.retryAfter() != null) {
			text.append("; rate limited")
				.append(limits.global() ? " (global)" : "")
				.append(", retry after ")
				.append(limits.retryAfter().toMillis())
				.append(" ms");
			return RateLimitedException.builder(limits.retryAfter())
				.message(Secrets.scrub(text.toString(), secrets))
				.credential(credential)
				.global(limits.global())
				.bucket(limits.bucket())
				.scope(limits.scope())
				.code(code)
				.discordMessage(message)
				.errors(errors)
				.build();
		}
		if (status == 400 && "invalid_grant".equals(error)) {
			text.append("; the user must authorize again (the code or refresh token is invalid, expired, revoked or "
					+ "already used, or the redirect URI differs from the one used to authorize)");
			return InvalidGrantException.builder()
				.message(Secrets.scrub(text.toString(), secrets))
				.credential(credential)
				.errorDescription(errorDescription)
				.build();
		}
		String forbidden = forbiddenMeaning(credential, status, code);
		if (forbidden != null) {
			text.append("; ").append(forbidden);
			return ((status == 401) ? ForbiddenException.unauthorized() : ForbiddenException.forbidden())
				.message(Secrets.scrub(text.toString(), secrets))
				.credential(credential)
				.code(code)
				.discordMessage(message)
				.errors(errors)
				.error(error)
				.errorDescription(errorDescription)
				.build();
		}
		return HttpException.builder(status)
			.message(Secrets.scrub(text.toString(), secrets))
			.credential(credential)
			.code(code)
			.discordMessage(message)
			.errors(errors)
			.error(error)
			.errorDescription(errorDescription)
			.build();
	}

	/**
	 * @return the exception for an answer whose body was too large to read
	 */
	static HttpException tooLarge(DiscordRequest request, DiscordResponse response) {
		return HttpException.builder(response.status())
			.message(request.describe() + ": Discord answered " + response.status() + " with a body larger than "
					+ DiscordCall.MAX_BODY_BYTES + " bytes (" + response.describeContentType() + "); it was not read")
			.credential(request.auth.credential)
			.build();
	}

	/**
	 * For a 2xx answer that is not the expected model. Text that is not JSON (an HTML
	 * page) is quoted, scrubbed of the request's secrets; JSON is not, as it may hold
	 * tokens.
	 * @return the exception
	 */
	static HttpException unreadable(DiscordRequest request, DiscordResponse response, String expected,
			List<String> secrets) {
		return unreadable(request, response, expected, describeBody(response, false, secrets));
	}

	/**
	 * For a 2xx answer of the token endpoint that is not the expected JSON: nothing of
	 * the body is quoted, because whatever arrived may carry the new tokens (a
	 * form-encoded {@code access_token=...} answer, say), which no scrubbing of known
	 * secrets would catch.
	 * @return the exception
	 */
	static HttpException unreadableTokenResponse(DiscordRequest request, DiscordResponse response, String expected) {
		String what = response.isBlank() ? response.describeContentType() + ", empty body"
				: response.describeContentType() + ", " + response.body().length + " bytes, not quoted as it may "
						+ "hold tokens";
		return unreadable(request, response, expected, what);
	}

	private static HttpException unreadable(DiscordRequest request, DiscordResponse response, String expected,
			String what) {
		return HttpException.builder(response.status())
			.message(request.describe() + ": Discord answered " + response.status()
					+ " but the body is not the expected " + expected + " (" + what + ")")
			.credential(request.auth.credential)
			.build();
	}

	/**
	 * @return what a 401 or 403 means for a call with this credential, or {@code null}
	 * for any other status
	 */
	private static @Nullable String forbiddenMeaning(Credential credential, int status, @Nullable Integer code) {
		if (status == 401) {
			return switch (credential) {
				// HttpURLConnection drops the body of a 401 to a POST, so say what
				// Discord
				// means by it.
				case CLIENT_SECRET -> "the client id or client secret is wrong (invalid_client)";
				case NONE -> "Discord refused the client (invalid_client): the client id is wrong, or the "
						+ "application needs its client secret";
				case BOT_TOKEN ->
					"Discord refused the bot token: it is wrong or was reset " + "(Client.builder().botToken(..))";
				case USER_TOKEN -> "the user's access token is invalid, expired or revoked, or lacks the scope";
			};
		}
		if (status == 403) {
			if (code != null && code == INVALID_OAUTH2_ACCESS_TOKEN) {
				return "the user's access token is invalid or lacks the scope this call needs";
			}
			return switch (credential) {
				case BOT_TOKEN -> "the bot is not in the guild or lacks a permission";
				case USER_TOKEN -> "the user's access token lacks a scope or access";
				case CLIENT_SECRET, NONE -> "Discord refused the application";
			};
		}
		return null;
	}

	private static @Nullable JsonNode jsonObject(byte[] body) {
		try {
			JsonNode node = (body.length > 0) ? DiscordJson.tree(body) : null;
			return (node != null && node.isObject()) ? node : null;
		}
		catch (JacksonException ex) {
			return null;
		}
	}

	private static String describeBody(DiscordResponse response, boolean quoteJson, List<String> secrets) {
		String type = response.describeContentType();
		if (response.isBlank()) {
			return type + ", empty body";
		}
		String trimmed = new String(response.body(), StandardCharsets.UTF_8).strip();
		boolean looksJson = trimmed.startsWith("{") || trimmed.startsWith("[");
		String prefix = type + ", " + response.body().length + " bytes";
		if (looksJson && !quoteJson) {
			return prefix + ", malformed or unexpected JSON";
		}
		String snippet = trimmed.replaceAll("\\s+", " ").replaceAll("[\\p{Cntrl}]", "?");
		if (snippet.length() > SNIPPET_CHARS) {
			snippet = snippet.substring(0, SNIPPET_CHARS) + "...";
		}
		return prefix + ", starting \"" + Secrets.scrub(snippet, secrets) + "\"";
	}

}
