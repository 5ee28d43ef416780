package io.github.discordoauth2;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

import io.github.discordoauth2.exceptions.DiscordIoException;
import io.github.discordoauth2.exceptions.HttpException;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.StreamingHttpOutputMessage;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.core.JacksonException;

/**
 * The one road every Discord call takes: request description, then the rate-limit hook,
 * then the {@link RestClient} exchange, then the answer decoded into a body or, by
 * {@link DiscordErrors}, a typed exception. Nothing else in the core opens a connection.
 */
final class DiscordHttp {

	/**
	 * Answers larger than this are not read: Discord's are a few KiB, anything bigger is
	 * not Discord.
	 */
	static final int MAX_BODY_BYTES = 1024 * 1024;

	private static final int MAX_ATTEMPTS = 5;

	private final RestClient restClient;

	private final String apiBase;

	private final String userAgent;

	private final Credentials credentials;

	private final RateLimitHook rateLimitHook;

	private final Duration rateLimitMaxWait;

	/**
	 * Whether closing the body stream alone releases the connection (the core's own
	 * {@code HttpURLConnection} client), so the response need not be closed too: Spring's
	 * close would drain it through a fresh 8 KiB buffer on every call.
	 */
	private final boolean bodyCloseReleases;

	DiscordHttp(RestClient restClient, boolean bodyCloseReleases, String apiBase, String userAgent,
			Credentials credentials, RateLimitHook rateLimitHook, Duration rateLimitMaxWait) {
		this.restClient = restClient;
		this.bodyCloseReleases = bodyCloseReleases;
		this.apiBase = apiBase;
		this.userAgent = userAgent;
		this.credentials = credentials;
		this.rateLimitHook = rateLimitHook;
		this.rateLimitMaxWait = rateLimitMaxWait;
	}

	/**
	 * Sends the request and returns the 2xx answer, or throws the typed exception for any
	 * other status.
	 */
	DiscordResponse send(DiscordRequest request) {
		URI uri = uri(request);
		String authorization = authorization(request);
		RateLimitKey key = new RateLimitKey(request.method.name(), request.route, request.params,
				request.params.getOrDefault("guild_id", ""), tokenIdentity(request, authorization));
		byte[] body = body(request);
		int retries = 0;
		long started = System.nanoTime();
		for (int attempt = 1;; attempt++) {
			// The maximum wait bounds the whole call, not each attempt.
			Duration waitLeft = (attempt == 1) ? this.rateLimitMaxWait
					: this.rateLimitMaxWait.minusNanos(System.nanoTime() - started);
			this.rateLimitHook.beforeRequest(key, waitLeft.isNegative() ? Duration.ZERO : waitLeft);
			DiscordResponse response;
			try {
				response = exchange(request, uri, authorization, body);
			}
			catch (RestClientException ex) {
				DiscordIoException failure = new DiscordIoException(Secrets.scrub(
						"Could not get an answer from Discord for " + request.describe() + ": " + rootMessage(ex),
						secrets(request)), ex);
				this.rateLimitHook.onFailure(key, failure);
				if (attempt < MAX_ATTEMPTS && Retries.afterFailure(request, ex, retries)) {
					retries++;
					continue;
				}
				throw failure;
			}
			boolean retry = this.rateLimitHook.afterResponse(key, response.limits(), request.retryable);
			if (retry && request.retryable && attempt < MAX_ATTEMPTS) {
				continue;
			}
			if (attempt < MAX_ATTEMPTS && Retries.afterStatus(request, response.status(), retries)) {
				retries++;
				continue;
			}
			if (response.tooLarge()) {
				throw DiscordErrors.tooLarge(request, response);
			}
			if (response.isSuccess()) {
				return response;
			}
			throw DiscordErrors.decode(request, response, secrets(request));
		}
	}

	/** Sends the request and reads the 2xx body as {@code type}. */
	<T> T send(DiscordRequest request, Class<T> type) {
		DiscordResponse response = send(request);
		try {
			return DiscordJson.read(response.body(), type);
		}
		catch (JacksonException | IllegalArgumentException ex) {
			throw unreadable(request, response, type.getSimpleName());
		}
	}

	/**
	 * Sends the request and reads the 2xx body as a JSON array of {@code elementType}.
	 */
	<T> List<T> sendList(DiscordRequest request, Class<T> elementType) {
		DiscordResponse response = send(request);
		try {
			return List.copyOf(DiscordJson.readList(response.body(), elementType));
		}
		catch (JacksonException | IllegalArgumentException | NullPointerException ex) {
			throw unreadable(request, response, "list of " + elementType.getSimpleName());
		}
	}

	/**
	 * Reads a model out of a 2xx body that may be empty.
	 * @return the model, or {@code null} for an empty body
	 */
	<T> @Nullable T readOptional(DiscordRequest request, DiscordResponse response, Class<T> type) {
		if (response.isBlank()) {
			return null;
		}
		try {
			return DiscordJson.read(response.body(), type);
		}
		catch (JacksonException | IllegalArgumentException ex) {
			throw unreadable(request, response, type.getSimpleName());
		}
	}

	private HttpException unreadable(DiscordRequest request, DiscordResponse response, String expected) {
		return DiscordErrors.unreadable(request, response, expected, secrets(request));
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
		return switch (request.auth) {
			case BASIC -> this.credentials.basic(request.describe());
			case BOT -> this.credentials.bot(request.describe());
			case BEARER -> request.bearerAuthorization;
			case NONE -> null;
		};
	}

	private String tokenIdentity(DiscordRequest request, @Nullable String authorization) {
		return switch (request.auth) {
			case BASIC -> this.credentials.basicIdentity();
			case BOT -> this.credentials.botIdentity();
			case BEARER -> (request.bearerIdentity != null) ? request.bearerIdentity : Secrets.identity(authorization);
			case NONE -> "";
		};
	}

	/**
	 * @return every value that must not appear in a message about this request; built
	 * only when a message is
	 */
	private List<String> secrets(DiscordRequest request) {
		List<String> secrets = new ArrayList<>(request.secrets);
		this.credentials.addSecretsTo(secrets);
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

	private DiscordResponse exchange(DiscordRequest request, URI uri, @Nullable String authorization,
			byte @Nullable [] body) {
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
			try {
				HttpHeaders headers = response.getHeaders();
				int status = response.getStatusCode().value();
				byte[] bytes;
				try (InputStream in = response.getBody()) {
					bytes = read(in, headers.getContentLength());
				}
				boolean tooLarge = bytes.length > MAX_BODY_BYTES;
				if (tooLarge) {
					bytes = new byte[0];
				}
				return new DiscordResponse(status, bytes, tooLarge, headers.getFirst(HttpHeaders.CONTENT_TYPE),
						RateLimitResponse.read(status, headers, bytes));
			}
			catch (IOException | RuntimeException ex) {
				if (this.bodyCloseReleases) {
					response.close();
				}
				throw ex;
			}
		}, !this.bodyCloseReleases);
	}

	/**
	 * Reads at most {@link #MAX_BODY_BYTES} + 1 bytes. With a {@code Content-Length}
	 * (Discord always sends one) into an array of that size: reading without one goes
	 * through 8 KiB buffers, which cost more than the whole of a typical answer.
	 */
	private static byte[] read(InputStream in, long contentLength) throws IOException {
		if (contentLength < 0 || contentLength > MAX_BODY_BYTES) {
			return in.readNBytes(MAX_BODY_BYTES + 1);
		}
		byte[] bytes = in.readNBytes((int) contentLength);
		int next = (bytes.length < contentLength) ? -1 : in.read();
		if (next == -1) {
			return bytes;
		}
		// More than announced: read on as if no length had been given.
		byte[] rest = in.readNBytes(MAX_BODY_BYTES - bytes.length);
		byte[] all = new byte[bytes.length + 1 + rest.length];
		System.arraycopy(bytes, 0, all, 0, bytes.length);
		all[bytes.length] = (byte) next;
		System.arraycopy(rest, 0, all, bytes.length + 1, rest.length);
		return all;
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

}
