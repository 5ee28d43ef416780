package io.github.discordoauth2;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import io.github.discordoauth2.exceptions.DiscordIoException;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.StreamingHttpOutputMessage;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * The blocking road every Discord call takes: request description (made ready by
 * {@link DiscordCall}), then the rate-limit hook, then the {@link RestClient} exchange,
 * then the answer decoded into a body or, by {@link DiscordErrors}, a typed exception.
 * Its non-blocking twin is {@link ReactiveDiscordHttp}; nothing else in the core opens a
 * connection.
 */
final class DiscordHttp {

	/**
	 * Answers larger than this are not read: Discord's are a few KiB, anything bigger is
	 * not Discord.
	 */
	static final int MAX_BODY_BYTES = DiscordCall.MAX_BODY_BYTES;

	private final RestClient restClient;

	private final ApiUris uris;

	private final String userAgent;

	private final Credentials credentials;

	private final RateLimitHook rateLimitHook;

	private final Duration rateLimitMaxWait;

	DiscordHttp(RestClient restClient, ClientSettings settings) {
		this.restClient = restClient;
		this.uris = new ApiUris(settings.apiBase());
		this.userAgent = Client.userAgent();
		this.credentials = settings.credentials();
		this.rateLimitHook = settings.rateLimitHook();
		this.rateLimitMaxWait = settings.rateLimitMaxWait();
	}

	/**
	 * Sends the request and returns the 2xx answer, or throws the typed exception for any
	 * other status.
	 */
	DiscordResponse send(DiscordRequest request) {
		return send(DiscordCall.prepare(request, this.uris, this.credentials));
	}

	/** Sends the request and reads the 2xx body as {@code type}. */
	<T> T send(DiscordRequest request, Class<T> type) {
		DiscordCall call = DiscordCall.prepare(request, this.uris, this.credentials);
		return call.read(send(call), type);
	}

	/**
	 * Sends the request and reads the 2xx body as a JSON array of {@code elementType}.
	 */
	<T> List<T> sendList(DiscordRequest request, Class<T> elementType) {
		DiscordCall call = DiscordCall.prepare(request, this.uris, this.credentials);
		return call.readList(send(call), elementType);
	}

	/** Sends the request and reads its 2xx answer with {@code reader}. */
	<T> T send(DiscordRequest request, DiscordCall.AnswerReader<T> reader) {
		DiscordCall call = DiscordCall.prepare(request, this.uris, this.credentials);
		return reader.read(call, send(call));
	}

	/**
	 * Carries out the {@link AttemptPolicy}: waits for the rate limit in the hook, and
	 * sleeps before sending again.
	 */
	private DiscordResponse send(DiscordCall call) {
		AttemptPolicy attempts = new AttemptPolicy(call.request, System.nanoTime());
		while (true) {
			this.rateLimitHook.beforeRequest(call.key, attempts.nextAttempt(this.rateLimitMaxWait, System.nanoTime()));
			DiscordResponse response;
			try {
				response = exchange(call);
			}
			catch (RestClientException ex) {
				DiscordIoException failure = call.ioFailure(ex);
				this.rateLimitHook.onFailure(call.key, failure);
				if (resend(attempts.afterFailure(ex))) {
					continue;
				}
				throw failure;
			}
			boolean sendAgain = this.rateLimitHook.afterResponse(call.key, response.limits(), call.request.retryable);
			if (!resend(attempts.afterAnswer(response.status(), sendAgain))) {
				return call.success(response);
			}
		}
	}

	/**
	 * @return whether to send again, after sleeping the decision's wait; an interrupted
	 * caller wants to stop, not to try again
	 */
	private static boolean resend(AttemptPolicy.Decision decision) {
		if (!decision.resend()) {
			return false;
		}
		if (decision.delay().isZero()) {
			return true;
		}
		try {
			Thread.sleep(decision.delay().toMillis());
			return true;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	private DiscordResponse exchange(DiscordCall call) {
		RestClient.RequestBodySpec spec = this.restClient.method(call.request.method).uri(call.uri);
		byte[] body = call.body;
		MediaType contentType = call.contentType();
		if (body != null) {
			// Written straight to the wire, so the builder's message converters play no
			// part.
			spec = spec.body((StreamingHttpOutputMessage.Body) (out) -> out.write(body));
		}
		// Set on the request itself: a header on the spec would be copied from one map
		// into another on every call.
		spec = spec.httpRequest((request) -> {
			HttpHeaders headers = request.getHeaders();
			call.headers(headers, this.userAgent);
			if (body != null && contentType != null) {
				headers.setContentType(contentType);
				headers.setContentLength(body.length);
			}
		});
		return spec.exchange((clientRequest, response) -> {
			HttpHeaders headers = response.getHeaders();
			byte[] bytes = read(response.getBody(), headers.getContentLength());
			return DiscordCall.response(response.getStatusCode().value(), headers, bytes, false);
		});
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

	static String formEncode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
