package io.github.discordoauth2;

import java.io.EOFException;
import java.net.ConnectException;
import java.net.SocketException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import org.springframework.http.HttpMethod;

/**
 * When the request road sends a request again after a failure that was not a rate limit:
 * a 502, 503 or 504 from Discord's edge, or a connection that could not be opened or
 * broke before an answer. Only requests that may be repeated safely are sent again
 * ({@code GET}, {@code PUT}, {@code DELETE}); a {@code POST} (token exchange, refresh,
 * revoke) never is, because its first attempt may have been carried out already: an
 * authorization code or a rotated refresh token would then be spent. Timeouts are not
 * retried either: the caller already waited as long as it allowed. {@link AttemptPolicy}
 * asks these rules after each attempt.
 */
final class Retries {

	/** Extra attempts after the first, per call. */
	static final int MAX_RETRIES = 2;

	/**
	 * Wait before the first retry; doubles for each further one, with jitter so that
	 * callers spread out.
	 */
	static final Duration FIRST_BACKOFF = Duration.ofMillis(100);

	private static final Set<HttpMethod> IDEMPOTENT = Set.of(HttpMethod.GET, HttpMethod.PUT, HttpMethod.DELETE,
			HttpMethod.HEAD, HttpMethod.OPTIONS);

	private static final Set<Integer> GATEWAY_ERRORS = Set.of(502, 503, 504);

	/**
	 * How Reactor Netty (the reactive road's usual connector) reports a connection closed
	 * before the answer: an {@code IOException}, not a {@code SocketException}. Named,
	 * not referenced, so the blocking road never loads Reactor.
	 */
	private static final String PREMATURE_CLOSE = "reactor.netty.http.client.PrematureCloseException";

	private Retries() {
	}

	/**
	 * Decides on an answer; the transport waits the {@link #backoff} its own way.
	 * @param request the request that was answered
	 * @param status the answer's status
	 * @param retriesSoFar how many times this call was already retried
	 * @return whether to send the request again after the backoff
	 */
	static boolean shouldRetryStatus(DiscordRequest request, int status, int retriesSoFar) {
		return GATEWAY_ERRORS.contains(status) && mayRepeat(request, retriesSoFar);
	}

	/**
	 * Decides on a failure without an answer.
	 * @param request the request that failed
	 * @param failure what the HTTP client signalled
	 * @param retriesSoFar how many times this call was already retried
	 * @return whether to send the request again after the backoff
	 */
	static boolean shouldRetryFailure(DiscordRequest request, Throwable failure, int retriesSoFar) {
		return isConnectionFailure(failure) && mayRepeat(request, retriesSoFar);
	}

	private static boolean mayRepeat(DiscordRequest request, int retriesSoFar) {
		return request.retryable && IDEMPOTENT.contains(request.method) && retriesSoFar < MAX_RETRIES;
	}

	/**
	 * A refused, reset or cut connection; not a timeout (a SocketTimeoutException is no
	 * SocketException), not an unknown host and not a TLS failure, which would fail the
	 * same way again.
	 */
	static boolean isConnectionFailure(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof ConnectException || cause instanceof SocketException || cause instanceof EOFException
					|| PREMATURE_CLOSE.equals(cause.getClass().getName())) {
				return true;
			}
			if (cause.getCause() == cause) {
				break;
			}
		}
		return false;
	}

	/**
	 * @param retriesSoFar how many times the call was already retried
	 * @return the wait before the next retry: {@link #FIRST_BACKOFF} doubled per retry,
	 * between half and all of it at random
	 */
	static Duration backoff(int retriesSoFar) {
		long base = FIRST_BACKOFF.toMillis() << retriesSoFar;
		return Duration.ofMillis(base / 2 + ThreadLocalRandom.current().nextLong(base / 2 + 1));
	}

}
