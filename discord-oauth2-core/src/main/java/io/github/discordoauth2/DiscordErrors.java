package io.github.discordoauth2;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

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
		JsonNode node = jsonObject(response.body());
		Integer code = null;
		String message = null;
		Map<String, Object> errors = null;
		String error = null;
		String errorDescription = null;
		if (node != null) {
			JsonNode codeNode = node.get("code");
			if (codeNode != null && codeNode.isIntegralNumber()) {
				code = codeNode.asInt();
			}
			message = DiscordJson.text(node, "message");
			JsonNode errorsNode = node.get("errors");
			if (errorsNode != null && errorsNode.isObject()) {
				errors = DiscordJson.toMap(errorsNode);
			}
			error = DiscordJson.text(node, "error");
			errorDescription = DiscordJson.text(node, "error_description");
		}
		StringBuilder text = new StringBuilder(request.describe()).append(" failed: HTTP ").append(status);
		if (code != null || message != null) {
			text.append(", Discord error ").append((code != null) ? code : "?").append(": ").append(message);
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
		RateLimitResponse limits = response.limits();
		if (status == 429 && limits.retryAfter() != null) {
			text.append("; rate limited")
				.append(limits.global() ? " (global)" : "")
				.append(", retry after ")
				.append(limits.retryAfter().toMillis())
				.append(" ms");
			return new RateLimitedException(Secrets.scrub(text.toString(), secrets), limits.retryAfter(),
					limits.global(), limits.bucket(), limits.scope(), code, message);
		}
		if (status == 400 && "invalid_grant".equals(error)) {
			text.append("; the user must authorize again (the code or refresh token is invalid, expired, revoked or "
					+ "already used, or the redirect URI differs from the one used to authorize)");
			return new InvalidGrantException(Secrets.scrub(text.toString(), secrets), errorDescription);
		}
		String forbidden = forbiddenMeaning(request, status);
		if (forbidden != null) {
			text.append("; ").append(forbidden);
			return new ForbiddenException(Secrets.scrub(text.toString(), secrets), status, code, message, errors, error,
					errorDescription);
		}
		return new HttpException(Secrets.scrub(text.toString(), secrets), status, code, message, errors, error,
				errorDescription);
	}

	/**
	 * @return the exception for an answer whose body was too large to read
	 */
	static HttpException tooLarge(DiscordRequest request, DiscordResponse response) {
		return new HttpException(request.describe() + ": Discord answered " + response.status()
				+ " with a body larger than " + DiscordCall.MAX_BODY_BYTES + " bytes (" + response.describeContentType()
				+ "); it was not read", response.status());
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
		return new HttpException(request.describe() + ": Discord answered " + response.status()
				+ " but the body is not the expected " + expected + " (" + what + ")", response.status());
	}

	/**
	 * @return what a 401 or 403 means for this request, or {@code null} for any other
	 * status
	 */
	private static @Nullable String forbiddenMeaning(DiscordRequest request, int status) {
		if (status == 401 && request.auth == DiscordRequest.Auth.BASIC) {
			// HttpURLConnection drops the body of a 401 to a POST, so say what Discord
			// means by it.
			return "the client id or client secret is wrong (invalid_client)";
		}
		if (status == 401) {
			return "the token is invalid, expired or revoked";
		}
		if (status == 403) {
			return "the token lacks a scope, or the bot lacks access or permissions";
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
