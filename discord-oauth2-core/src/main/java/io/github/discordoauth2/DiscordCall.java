package io.github.discordoauth2;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

import io.github.discordoauth2.exceptions.DiscordIoException;
import io.github.discordoauth2.exceptions.HttpException;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

/**
 * One {@link DiscordRequest} made ready to send, and the reading of its answer: what both
 * transports ({@link DiscordHttp}, blocking, and {@link ReactiveDiscordHttp},
 * non-blocking) share, so that URIs, auth headers, rate-limit keys, bodies, error
 * decoding and model reading are written once. A transport only moves the bytes and
 * decides when to wait.
 */
final class DiscordCall {

	/**
	 * Answers larger than this are not read: Discord's are a few KiB, anything bigger is
	 * not Discord.
	 */
	static final int MAX_BODY_BYTES = 1024 * 1024;

	final DiscordRequest request;

	final URI uri;

	final @Nullable String authorization;

	final RateLimitKey key;

	final byte @Nullable [] body;

	private final Credentials credentials;

	private DiscordCall(DiscordRequest request, ApiUris uris, Credentials credentials) {
		this.request = request;
		this.credentials = credentials;
		this.uri = uris.of(request);
		this.authorization = authorization(request, credentials);
		this.key = new RateLimitKey(request.method.name(), request.route, request.params,
				request.params.getOrDefault("guild_id", ""), tokenIdentity(request, credentials, this.authorization),
				request.auth.credential);
		this.body = body(request);
	}

	static DiscordCall prepare(DiscordRequest request, ApiUris uris, Credentials credentials) {
		return new DiscordCall(request, uris, credentials);
	}

	/**
	 * @return the body's content type, or {@code null} without a body
	 */
	@Nullable MediaType contentType() {
		if (this.body == null) {
			return null;
		}
		return (this.request.form != null) ? MediaType.APPLICATION_FORM_URLENCODED : MediaType.APPLICATION_JSON;
	}

	/**
	 * Sets the headers every request carries: {@code User-Agent}, {@code Accept} and,
	 * when the route has one, {@code Authorization}.
	 */
	void headers(HttpHeaders headers, String userAgent) {
		headers.set(HttpHeaders.USER_AGENT, userAgent);
		headers.set(HttpHeaders.ACCEPT, MediaType.APPLICATION_JSON_VALUE);
		if (this.authorization != null) {
			headers.set(HttpHeaders.AUTHORIZATION, this.authorization);
		}
	}

	/**
	 * @return the exception for a call that got no answer, its message scrubbed of the
	 * request's secrets
	 */
	DiscordIoException ioFailure(Throwable failure) {
		return new DiscordIoException(Secrets.scrub(
				"Could not get an answer from Discord for " + this.request.describe() + ": " + rootMessage(failure),
				secrets()), failure);
	}

	/**
	 * @return the answer when it is a readable 2xx
	 * @throws HttpException for any other answer, decoded by {@link DiscordErrors}
	 */
	DiscordResponse success(DiscordResponse response) {
		if (response.tooLarge()) {
			throw DiscordErrors.tooLarge(this.request, response);
		}
		if (response.isSuccess()) {
			return response;
		}
		throw DiscordErrors.decode(this.request, response, secrets());
	}

	/** Reads a 2xx body as {@code type}. */
	<T> T read(DiscordResponse response, Class<T> type) {
		try {
			return DiscordJson.read(response.body(), type);
		}
		catch (JacksonException | IllegalArgumentException ex) {
			throw unreadable(response, type.getSimpleName());
		}
	}

	/** Reads a 2xx body as a JSON array of {@code elementType}. */
	<T> List<T> readList(DiscordResponse response, Class<T> elementType) {
		try {
			return List.copyOf(DiscordJson.readList(response.body(), elementType));
		}
		catch (JacksonException | IllegalArgumentException | NullPointerException ex) {
			throw unreadable(response, "list of " + elementType.getSimpleName());
		}
	}

	/**
	 * Reads a model out of a 2xx body that may be empty.
	 * @return the model, or {@code null} for an empty body
	 */
	<T> @Nullable T readOptional(DiscordResponse response, Class<T> type) {
		return response.isBlank() ? null : read(response, type);
	}

	/**
	 * Turns what a transport read off the wire into an answer, with its rate-limit
	 * information read by {@link RateLimitResponse}.
	 * @param status the HTTP status
	 * @param headers the answer's headers
	 * @param body the body read, at most {@link #MAX_BODY_BYTES} + 1 bytes
	 * @param tooLarge whether the transport already knows the body was too large
	 * @return the answer
	 */
	static DiscordResponse response(int status, HttpHeaders headers, byte[] body, boolean tooLarge) {
		boolean over = tooLarge || body.length > MAX_BODY_BYTES;
		byte[] kept = over ? new byte[0] : body;
		return new DiscordResponse(status, kept, over, headers.getFirst(HttpHeaders.CONTENT_TYPE),
				RateLimitResponse.read(status, headers, kept));
	}

	private HttpException unreadable(DiscordResponse response, String expected) {
		return DiscordErrors.unreadable(this.request, response, expected, secrets());
	}

	/**
	 * @return every value that must not appear in a message about this request; built
	 * only when a message is
	 */
	List<String> secrets() {
		List<String> secrets = new ArrayList<>(this.request.secrets);
		this.credentials.addSecretsTo(secrets);
		if (this.request.bearerToken != null) {
			secrets.add(this.request.bearerToken);
		}
		return secrets;
	}

	private static @Nullable String authorization(DiscordRequest request, Credentials credentials) {
		return switch (request.auth) {
			case BASIC -> credentials.basic(request.describe());
			case BOT -> credentials.bot(request.describe());
			case BEARER -> request.bearerAuthorization;
			case NONE -> null;
		};
	}

	private static String tokenIdentity(DiscordRequest request, Credentials credentials,
			@Nullable String authorization) {
		return switch (request.auth) {
			case BASIC -> credentials.basicIdentity();
			case BOT -> credentials.botIdentity();
			case BEARER -> (request.bearerIdentity != null) ? request.bearerIdentity : Secrets.identity(authorization);
			case NONE -> "";
		};
	}

	private static byte @Nullable [] body(DiscordRequest request) {
		if (request.form != null) {
			StringJoiner joiner = new StringJoiner("&");
			request.form.forEach(
					(name, value) -> joiner.add(DiscordHttp.formEncode(name) + "=" + DiscordHttp.formEncode(value)));
			return joiner.toString().getBytes(StandardCharsets.UTF_8);
		}
		if (request.json != null) {
			return DiscordJson.write(request.json);
		}
		return null;
	}

	private static String rootMessage(Throwable ex) {
		Throwable root = ex;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		return root.getClass().getSimpleName() + ((root.getMessage() != null) ? ": " + root.getMessage() : "");
	}

	/**
	 * Reads a call's 2xx answer into what the operation returns; shared by both roads.
	 *
	 * @param <T> what the operation returns
	 */
	@FunctionalInterface
	interface AnswerReader<T> {

		T read(DiscordCall call, DiscordResponse response);

	}

}
