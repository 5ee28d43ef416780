package io.github.discordoauth2.exceptions;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * Discord answered 429, or the client refused to send because the wait would exceed the
 * configured maximum. {@link #credential()} names the credential whose limit was hit (or
 * would have been used).
 *
 * @since 0.1.0
 */
public class RateLimitedException extends HttpException {

	private static final long serialVersionUID = 1L;

	/** How long to wait. */
	private final Duration retryAfter;

	/** Whether the global limit was hit. */
	private final boolean global;

	/** The rate-limit bucket. */
	private final @Nullable String bucket;

	/** The rate-limit scope. */
	private final @Nullable String scope;

	/**
	 * Creates the exception from a builder; for subclasses.
	 * @param builder what Discord answered, or why the client did not send
	 */
	protected RateLimitedException(Builder builder) {
		super(builder);
		this.retryAfter = builder.retryAfter;
		this.global = builder.global;
		this.bucket = builder.bucket;
		this.scope = builder.scope;
	}

	/**
	 * Starts an exception for a 429 answer, or for a request not sent because of one.
	 * @param retryAfter how long to wait before trying again
	 * @return a builder
	 * @since 0.1.0
	 */
	public static Builder builder(Duration retryAfter) {
		if (retryAfter == null || retryAfter.isNegative()) {
			throw new IllegalArgumentException("retryAfter must be zero or positive");
		}
		return new Builder(retryAfter);
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

	/**
	 * Builds a {@link RateLimitedException}; its status is always 429.
	 *
	 * @since 0.1.0
	 */
	public static final class Builder extends AbstractBuilder<Builder> {

		private final Duration retryAfter;

		private boolean global;

		private @Nullable String bucket;

		private @Nullable String scope;

		private Builder(Duration retryAfter) {
			super(429);
			this.retryAfter = retryAfter;
		}

		/**
		 * Sets whether the global (per bot or per IP) limit was hit.
		 * @param global whether the limit is the global one
		 * @return this builder
		 */
		public Builder global(boolean global) {
			this.global = global;
			return this;
		}

		/**
		 * Sets the rate-limit bucket.
		 * @param bucket the {@code X-RateLimit-Bucket} header, or {@code null}
		 * @return this builder
		 */
		public Builder bucket(@Nullable String bucket) {
			this.bucket = bucket;
			return this;
		}

		/**
		 * Sets the rate-limit scope.
		 * @param scope the {@code X-RateLimit-Scope} header ({@code user},
		 * {@code global}, {@code shared}), or {@code null}
		 * @return this builder
		 */
		public Builder scope(@Nullable String scope) {
			this.scope = scope;
			return this;
		}

		/**
		 * @return the exception
		 */
		public RateLimitedException build() {
			return new RateLimitedException(this);
		}

	}

}
