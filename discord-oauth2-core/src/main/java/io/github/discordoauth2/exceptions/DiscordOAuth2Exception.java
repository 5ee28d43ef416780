package io.github.discordoauth2.exceptions;

import org.jspecify.annotations.Nullable;

/**
 * Base of every exception the core raises when talking to Discord fails.
 *
 * @since 0.1.0
 */
public class DiscordOAuth2Exception extends RuntimeException {

	private static final long serialVersionUID = 1L;

	/**
	 * Creates an exception with a message that must not contain a token or secret.
	 * @param message what went wrong and, where possible, how to fix it
	 * @param cause the underlying failure, or {@code null}
	 */
	public DiscordOAuth2Exception(String message, @Nullable Throwable cause) {
		super(message, cause);
	}

}
