package io.github.discordoauth2.exceptions;

import org.jspecify.annotations.Nullable;

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
	 * Creates the exception.
	 * @param message a readable summary that tells the user must authorize again
	 * @param errorDescription the OAuth2 {@code error_description}, or {@code null}
	 */
	public InvalidGrantException(String message, @Nullable String errorDescription) {
		super(message, 400, null, null, null, "invalid_grant", errorDescription);
	}

}
