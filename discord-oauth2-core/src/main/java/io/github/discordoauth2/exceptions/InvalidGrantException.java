package io.github.discordoauth2.exceptions;

/**
 * Discord's token endpoint answered 400 {@code invalid_grant}: the authorization code is
 * invalid, expired or already used (or the redirect URI differs), or the refresh token
 * was revoked, expired or rotated. Discord does not say which; in every case the user
 * must authorize again.
 *
 * @since 0.1.0
 */
public class InvalidGrantException extends HttpException {

	private static final long serialVersionUID = 1L;

	/**
	 * Creates the exception from a builder; for subclasses.
	 * @param builder what Discord answered
	 */
	protected InvalidGrantException(Builder builder) {
		super(builder);
	}

	/**
	 * Starts an exception for a 400 {@code invalid_grant} answer; its {@link #error()} is
	 * always {@code invalid_grant}.
	 * @return a builder
	 * @since 0.1.0
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Builds an {@link InvalidGrantException}.
	 *
	 * @since 0.1.0
	 */
	public static final class Builder extends AbstractBuilder<Builder> {

		private Builder() {
			super(400);
		}

		/**
		 * @return the exception, its OAuth2 error {@code invalid_grant}
		 */
		public InvalidGrantException build() {
			error("invalid_grant");
			return new InvalidGrantException(this);
		}

	}

}
