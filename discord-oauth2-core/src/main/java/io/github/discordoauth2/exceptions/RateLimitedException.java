package io.github.discordoauth2.exceptions;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * Discord answered 429, or the client refused to send because the wait would exceed the
 * configured maximum.
 *
 * @since 0.1.0
 */
public class RateLimitedException extends HttpException {

	private static final long serialVersionUID = 1L;

	/** How long to wait before trying again. */
	private final Duration retryAfter;

	/** Whether the global (per bot or per IP) limit was hit. */
	private final boolean global;

	/** The {@code X-RateLimit-Bucket} header, or {@code null}. */
	private final @Nullable String bucket;

	/** The {@code X-RateLimit-Scope} header, or {@code null}. */
	private final @Nullable String scope;

	/**
	 * Creates the exception.
	 * @param message a readable summary; never contains a token or secret
	 * @param retryAfter how long to wait before trying again
	 * @param global whether the global (per bot or per IP) limit was hit
	 * @param bucket the {@code X-RateLimit-Bucket} header, or {@code null}
	 * @param scope the {@code X-RateLimit-Scope} header ({@code user}, {@code global},
	 * {@code shared}), or {@code null}
	 * @param code Discord's JSON error code, or {@code null}
	 * @param discordMessage Discord's JSON error message, or {@code null}
	 */
	public RateLimitedException(String message, Duration retryAfter, boolean global, @Nullable String bucket,
			@Nullable String scope, @Nullable Integer code, @Nullable String discordMessage) {
		super(message, 429, code, discordMessage, null, null, null);
		this.retryAfter = retryAfter;
		this.global = global;
		this.bucket = bucket;
		this.scope = scope;
	}

	/**
	 * @return how long to wait before trying again (body {@code retry_after}, else the
	 * {@code Retry-After} header)
	 */
	public Duration retryAfter() {
		return this.retryAfter;
	}

	/**
	 * @return whether the global rate limit was hit rather than a route's bucket
	 */
	public boolean global() {
		return this.global;
	}

	/**
	 * @return the rate-limit bucket ({@code X-RateLimit-Bucket}), or {@code null} when
	 * Discord sent none
	 */
	public @Nullable String bucket() {
		return this.bucket;
	}

	/**
	 * @return the rate-limit scope ({@code X-RateLimit-Scope}: user, global or shared),
	 * or {@code null}
	 */
	public @Nullable String scope() {
		return this.scope;
	}

}
