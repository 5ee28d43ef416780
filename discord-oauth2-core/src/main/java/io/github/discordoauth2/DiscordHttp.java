package io.github.discordoauth2;

import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

import io.github.discordoauth2.exceptions.DiscordIoException;
import io.github.discordoauth2.exceptions.ForbiddenException;
import io.github.discordoauth2.exceptions.HttpException;
import io.github.discordoauth2.exceptions.InvalidGrantException;
import io.github.discordoauth2.exceptions.RateLimitedException;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.StreamingHttpOutputMessage;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * The one road every Discord call takes: request description, then the rate-limit hook,
 * then the {@link RestClient} exchange, then the status decoded into a body or a typed
 * exception. Nothing else in the core opens a connection or reads an error.
 */
final class DiscordHttp {

	/**
	 * Answers larger than this are not read: Discord's are a few KiB, anything bigger is
	 * not Discord.
	 */
	static final int MAX_BODY_BYTES = 1024 * 1024;

	private static final int SNIPPET_CHARS = 160;

	private static final int MAX_ATTEMPTS = 5;

	private final RestClient restClient;

	private final String apiBase;

	private final String userAgent;

	private final long clientId;

	private final @Nullable String clientSecret;

	private final @Nullable String botToken;

	private final RateLimitHook rateLimitHook;

	private final Duration rateLimitMaxWait;

	DiscordHttp(RestClient restClient, String apiBase, String userAgent, long clientId, @Nullable String clientSecret,
			@Nullable String botToken, RateLimitHook rateLimitHook, Duration rateLimitMaxWait) {
		this.restClient = restClient;
		this.apiBase = apiBase;
		this.userAgent = userAgent;
		this.clientId = clientId;
		this.clientSecret = clientSecret;
		this.botToken = botToken;
		this.rateLimitHook = rateLimitHook;
		this.rateLimitMaxWait = rateLimitMaxWait;
	}

	/**
	 * A successful answer.
	 *
	 * @param status the 2xx status
	 * @param body the body, at most {@link #MAX_BODY_BYTES}
	 * @param contentType the {@code Content-Type}, or {@code null}
	 */
	record Answer(int status, byte[] body, @Nullable String contentType) {
	}

	/**
	 * Sends the request and returns the 2xx answer, or throws the typed exception for any
	 * other status.
	 */
	Answer send(DiscordRequest request) {
		URI uri = uri(request);
		String authorization = authorization(request);
		RateLimitKey key = new RateLimitKey(request.method.name(), request.route, request.params,
				request.params.getOrDefault("guild_id", ""), Secrets.identity(authorization));
		List<String> secrets = secrets(request);
		byte[] body = body(request);
		int retries = 0;
		long started = System.nanoTime();
		for (int attempt = 1;; attempt++) {
			// The maximum wait bounds the whole call, not each attempt.
			Duration waitLeft = (attempt == 1) ? this.rateLimitMaxWait
					: this.rateLimitMaxWait.minusNanos(System.nanoTime() - started);
			this.rateLimitHook.beforeRequest(key, waitLeft.isNegative() ? Duration.ZERO : waitLeft);
			Raw raw;
			try {
				raw = exchange(request, uri, authorization, body);
			}
			catch (RestClientException ex) {
				DiscordIoException failure = new DiscordIoException(Secrets.scrub(
						"Could not get an answer from Discord for " + request.describe() + ": " + rootMessage(ex),
						secrets), ex);
				this.rateLimitHook.onFailure(key, failure);
				if (attempt < MAX_ATTEMPTS && Retries.afterFailure(request, ex, retries)) {
					retries++;
					continue;
				}
				throw failure;
			}
			RateLimitResponse limits = rateLimitResponse(raw);
			boolean retry = this.rateLimitHook.afterResponse(key, limits, request.retryable);
			if (retry && request.retryable && attempt < MAX_ATTEMPTS) {
				continue;
			}
			if (attempt < MAX_ATTEMPTS && Retries.afterStatus(request, raw.status, retries)) {
				retries++;
				continue;
			}
			if (raw.tooLarge) {
				throw new HttpException(
						request.describe() + ": Discord answered " + raw.status + " with a body larger than "
								+ MAX_BODY_BYTES + " bytes (" + raw.contentTypeOr() + "); it was not read",
						raw.status);
			}
			if (raw.status >= 200 && raw.status < 300) {
				return new Answer(raw.status, raw.body, raw.contentType);
			}
			throw error(request, raw, limits, secrets);
		}
	}

	/** Sends the request and reads the 2xx body as {@code type}. */
	<T> T send(DiscordRequest request, Class<T> type) {
		Answer answer = send(request);
		try {
			return DiscordJson.read(answer.body(), type);
		}
		catch (JacksonException | IllegalArgumentException ex) {
			throw unreadable(request, answer, type.getSimpleName());
		}
	}

	/**
	 * Sends the request and reads the 2xx body as a JSON array of {@code elementType}.
	 */
	<T> List<T> sendList(DiscordRequest request, Class<T> elementType) {
		Answer answer = send(request);
		try {
			return List.copyOf(DiscordJson.readList(answer.body(), elementType));
		}
		catch (JacksonException | IllegalArgumentException | NullPointerException ex) {
			throw unreadable(request, answer, "list of " + elementType.getSimpleName());
		}
	}

	/**
	 * Reads a 2xx body as a JSON tree, for answers the caller picks apart itself (the
	 * token response).
	 */
	JsonNode tree(DiscordRequest request, Answer answer) {
		try {
			JsonNode node = DiscordJson.tree(answer.body());
			if (node == null || !node.isObject()) {
				throw unreadable(request, answer, "JSON object");
			}
			return node;
		}
		catch (JacksonException ex) {
			throw unreadable(request, answer, "JSON object");
		}
	}

	/** Converts part of a 2xx answer, with the same error as a whole unreadable body. */
	<T> T convert(DiscordRequest request, Answer answer, JsonNode node, Class<T> type) {
		try {
			return DiscordJson.convert(node, type);
		}
		catch (JacksonException | IllegalArgumentException ex) {
			throw unreadable(request, answer, type.getSimpleName());
		}
	}

	/**
	 * Reads a model out of a 2xx body that may be empty.
	 * @return the model, or {@code null} for an empty body
	 */
	<T> @Nullable T readOptional(DiscordRequest request, Answer answer, Class<T> type) {
		if (isBlank(answer.body())) {
			return null;
		}
		try {
			return DiscordJson.read(answer.body(), type);
		}
		catch (JacksonException | IllegalArgumentException ex) {
			throw unreadable(request, answer, type.getSimpleName());
		}
	}

	HttpException unreadable(DiscordRequest request, Answer answer, String expected) {
		// The body of a 2xx answer may hold tokens, so only non-JSON text is quoted.
		String what = describeBody(answer.body(), answer.contentType(), false, List.of());
		return new HttpException(request.describe() + ": Discord answered " + answer.status()
				+ " but the body is not the expected " + expected + " (" + what + ")", answer.status());
	}

	private URI uri(DiscordRequest request) {
		if (request.query.isEmpty()) {
			// The common case, cheaply: templates are plain ASCII and parameters are
			// decimal ids, nothing to encode.
			String path = request.route;
			for (Map.Entry<String, String> param : request.params.entrySet()) {
				path = path.replace("{" + param.getKey() + "}", param.getValue());
			}
			try {
				return URI.create(this.apiBase + path);
			}
			catch (IllegalArgumentException ex) {
				// A base URL that needs encoding: take the general road below.
			}
		}
		UriComponentsBuilder builder = UriComponentsBuilder.fromUriString(this.apiBase + request.route);
		request.query.forEach(builder::queryParam);
		return builder.encode().buildAndExpand(request.params).toUri();
	}

	private @Nullable String authorization(DiscordRequest request) {
		switch (request.auth) {
			case BASIC: {
				if (this.clientSecret == null) {
					throw new IllegalStateException("clientSecret is required for " + request.describe()
							+ "; set it with Client.builder().clientSecret(..)");
				}
				// RFC 6749 2.3.1: both parts are form-encoded before Base64.
				String credentials = formEncode(Long.toUnsignedString(this.clientId)) + ":"
						+ formEncode(this.clientSecret);
				return "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
			}
			case BOT: {
				if (this.botToken == null) {
					throw new IllegalStateException("botToken is required for " + request.describe()
							+ "; set it with Client.builder().botToken(..)");
				}
				return "Bot " + this.botToken;
			}
			case BEARER:
				return "Bearer " + request.bearerToken;
			default:
				return null;
		}
	}

	private List<String> secrets(DiscordRequest request) {
		List<String> secrets = new java.util.ArrayList<>(request.secrets);
		if (this.clientSecret != null) {
			secrets.add(this.clientSecret);
		}
		if (this.botToken != null) {
			secrets.add(this.botToken);
		}
		if (request.bearerToken != null) {
			secrets.add(request.bearerToken);
		}
		return secrets;
	}

	private static byte @Nullable [] body(DiscordRequest request) {
		if (request.form != null) {
			StringJoiner joiner = new StringJoiner("&");
			request.form.forEach((name, value) -> joiner.add(formEncode(name) + "=" + formEncode(value)));
			return joiner.toString().getBytes(StandardCharsets.UTF_8);
		}
		if (request.json != null) {
			return DiscordJson.write(request.json);
		}
		return null;
	}

	private Raw exchange(DiscordRequest request, URI uri, @Nullable String authorization, byte @Nullable [] body) {
		RestClient.RequestBodySpec spec = this.restClient.method(request.method).uri(uri).headers((headers) -> {
			headers.set(HttpHeaders.USER_AGENT, this.userAgent);
			headers.set(HttpHeaders.ACCEPT, MediaType.APPLICATION_JSON_VALUE);
			if (authorization != null) {
				headers.set(HttpHeaders.AUTHORIZATION, authorization);
			}
		});
		if (body != null) {
			// Written straight to the wire, so the builder's message converters play no
			// part.
			spec = spec
				.contentType(
						(request.form != null) ? MediaType.APPLICATION_FORM_URLENCODED : MediaType.APPLICATION_JSON)
				.headers((headers) -> headers.setContentLength(body.length))
				.body((StreamingHttpOutputMessage.Body) (out) -> out.write(body));
		}
		return spec.exchange((clientRequest, response) -> {
			HttpHeaders headers = response.getHeaders();
			Map<String, String> limitHeaders = new LinkedHashMap<>();
			for (String name : RateLimitResponse.HEADER_NAMES) {
				String value = headers.getFirst(name);
				if (value != null) {
					limitHeaders.put(name, value);
				}
			}
			int status = response.getStatusCode().value();
			String contentType = headers.getFirst(HttpHeaders.CONTENT_TYPE);
			try (InputStream in = response.getBody()) {
				byte[] bytes = in.readNBytes(MAX_BODY_BYTES + 1);
				boolean tooLarge = bytes.length > MAX_BODY_BYTES;
				return new Raw(status, tooLarge ? new byte[0] : bytes, tooLarge, contentType, limitHeaders);
			}
		});
	}

	private static RateLimitResponse rateLimitResponse(Raw raw) {
		Duration bodyRetryAfter = null;
		boolean bodyGlobal = false;
		if (raw.status == 429 && !raw.tooLarge) {
			JsonNode node = parseObject(raw.body);
			if (node != null) {
				JsonNode retry = node.get("retry_after");
				if (retry != null && retry.isNumber() && retry.asDouble() >= 0) {
					bodyRetryAfter = Duration.ofMillis((long) Math.ceil(retry.asDouble() * 1000));
				}
				JsonNode global = node.get("global");
				bodyGlobal = global != null && global.isBoolean() && global.asBoolean();
			}
		}
		return new RateLimitResponse(raw.status, raw.limitHeaders, bodyRetryAfter, bodyGlobal);
	}

	private static HttpException error(DiscordRequest request, Raw raw, RateLimitResponse limits,
			List<String> secrets) {
		JsonNode node = parseObject(raw.body);
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
		StringBuilder text = new StringBuilder(request.describe()).append(" failed: HTTP ").append(raw.status);
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
			text.append(" (").append(describeBody(raw.body, raw.contentType, true, secrets)).append(")");
		}
		if (raw.status == 429) {
			Duration retryAfter = retryAfter(limits);
			boolean global = limits.bodyGlobal() || "true".equalsIgnoreCase(limits.header("x-ratelimit-global"))
					|| "global".equalsIgnoreCase(limits.header("x-ratelimit-scope"));
			text.append("; rate limited")
				.append(global ? " (global)" : "")
				.append(", retry after ")
				.append(retryAfter.toMillis())
				.append(" ms");
			return new RateLimitedException(Secrets.scrub(text.toString(), secrets), retryAfter, global,
					limits.header("x-ratelimit-bucket"), limits.header("x-ratelimit-scope"), code, message);
		}
		if (raw.status == 400 && "invalid_grant".equals(error)) {
			text.append("; the user must authorize again (the code or refresh token is invalid, expired, revoked or "
					+ "already used, or the redirect URI differs from the one used to authorize)");
			return new InvalidGrantException(Secrets.scrub(text.toString(), secrets), errorDescription);
		}
		if (raw.status == 401 && request.auth == DiscordRequest.Auth.BASIC) {
			// HttpURLConnection drops the body of a 401 to a POST, so say what Discord
			// means by it.
			text.append("; the client id or client secret is wrong (invalid_client)");
			return new ForbiddenException(Secrets.scrub(text.toString(), secrets), raw.status, code, message, errors,
					error, errorDescription);
		}
		if (raw.status == 401) {
			text.append("; the token is invalid, expired or revoked");
			return new ForbiddenException(Secrets.scrub(text.toString(), secrets), raw.status, code, message, errors,
					error, errorDescription);
		}
		if (raw.status == 403) {
			text.append("; the token lacks a scope, or the bot lacks access or permissions");
			return new ForbiddenException(Secrets.scrub(text.toString(), secrets), raw.status, code, message, errors,
					error, errorDescription);
		}
		return new HttpException(Secrets.scrub(text.toString(), secrets), raw.status, code, message, errors, error,
				errorDescription);
	}

	private static Duration retryAfter(RateLimitResponse limits) {
		if (limits.bodyRetryAfter() != null) {
			return limits.bodyRetryAfter();
		}
		for (String header : new String[] { "retry-after", "x-ratelimit-reset-after" }) {
			String value = limits.header(header);
			if (value != null) {
				try {
					double seconds = Double.parseDouble(value.trim());
					if (seconds >= 0 && !Double.isInfinite(seconds)) {
						return Duration.ofMillis((long) Math.ceil(seconds * 1000));
					}
				}
				catch (NumberFormatException ex) {
					// An HTTP-date Retry-After is not used by Discord; fall through.
				}
			}
		}
		return Duration.ZERO;
	}

	private static @Nullable JsonNode parseObject(byte[] body) {
		if (isBlank(body)) {
			return null;
		}
		try {
			JsonNode node = DiscordJson.tree(body);
			return (node != null && node.isObject()) ? node : null;
		}
		catch (JacksonException ex) {
			return null;
		}
	}

	private static String describeBody(byte[] body, @Nullable String contentType, boolean quoteJson,
			List<String> secrets) {
		String type = (contentType != null) ? contentType : "no content type";
		if (isBlank(body)) {
			return type + ", empty body";
		}
		String text = new String(body, StandardCharsets.UTF_8);
		String trimmed = text.strip();
		boolean looksJson = trimmed.startsWith("{") || trimmed.startsWith("[");
		String prefix = type + ", " + body.length + " bytes";
		if (looksJson && !quoteJson) {
			return prefix + ", malformed or unexpected JSON";
		}
		String snippet = trimmed.replaceAll("\\s+", " ").replaceAll("[\\p{Cntrl}]", "?");
		if (snippet.length() > SNIPPET_CHARS) {
			snippet = snippet.substring(0, SNIPPET_CHARS) + "...";
		}
		return prefix + ", starting \"" + Secrets.scrub(snippet, secrets) + "\"";
	}

	private static boolean isBlank(byte[] body) {
		for (byte b : body) {
			if (!Character.isWhitespace(b)) {
				return false;
			}
		}
		return true;
	}

	private static String rootMessage(Throwable ex) {
		Throwable root = ex;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		return root.getClass().getSimpleName() + ((root.getMessage() != null) ? ": " + root.getMessage() : "");
	}

	static String formEncode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	/** The answer as read off the wire, before decoding. */
	private static final class Raw {

		final int status;

		final byte[] body;

		final boolean tooLarge;

		final @Nullable String contentType;

		final Map<String, String> limitHeaders;

		Raw(int status, byte[] body, boolean tooLarge, @Nullable String contentType, Map<String, String> limitHeaders) {
			this.status = status;
			this.body = body;
			this.tooLarge = tooLarge;
			this.contentType = contentType;
			this.limitHeaders = limitHeaders;
		}

		String contentTypeOr() {
			return (this.contentType != null) ? this.contentType : "no content type";
		}

	}

}
