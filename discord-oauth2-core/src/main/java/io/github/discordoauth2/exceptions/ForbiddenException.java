package io.github.discordoauth2.exceptions;

/**
 * Discord answered 401 or 403: the token is invalid, expired or revoked, lacks the scope,
 * or the bot lacks access or permissions in the guild. {@link #credential()} says which
 * credential was refused: a 401 with {@link Credential#USER_TOKEN} means the user must
 * log in again, one with {@link Credential#BOT_TOKEN} that the application's bot token is
 * wrong, and one with {@link Credential#CLIENT_SECRET} that the client id or secret is.
 *
 * @since 0.1.0
 */
public class ForbiddenException extends HttpException {

	private static final long serialVersionUID = 1L;

	/**
	 * Creates the exception from a builder; for subclasses.
	 * @param builder what Discord answered
	 */
	protected ForbiddenException(Builder builder) {
		super(builder);
	}

	/**
	 * Starts an exception for a 401 answer: the credential is invalid, expired or revoked
	 * (or, for a user's token, lacks the scope).
	 * @return a builder
	 * @since 0.1.0
	 */
	public static Builder unauthorized() {
		return new Builder(401);
	}

	/**
	 * Starts an exception for a 403 answer: the credential is valid but lacks access, a
	 * scope or a permission.
	 * @return a builder
	 * @since 0.1.0
	 */
	public static Builder forbidden() {
		return new Builder(403);
	}

	/**
	 * Builds a {@link ForbiddenException}.
	 *
	 * @since 0.1.0
	 */
	public static final class Builder extends AbstractBuilder<Builder> {

		private Builder(int status) {
			super(status);
		}

		/**
		 * @return the exception
		 */
		public ForbiddenException build() {
			return new ForbiddenException(this);
		}

	}

}
