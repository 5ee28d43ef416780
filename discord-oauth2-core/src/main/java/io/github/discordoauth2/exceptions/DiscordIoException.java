package io.github.discordoauth2.exceptions;

/**
 * Discord could not be reached or the connection broke before a complete answer arrived
 * (connect or read timeout, refused connection, TLS failure). The request may or may not
 * have been processed by Discord.
 *
 * @since 0.1.0
 */
public class DiscordIoException extends DiscordOAuth2Exception {

	private static final long serialVersionUID = 1L;

	/**
	 * Creates the exception.
	 * @param message names the route that failed; never contains a token or secret
	 * @param cause the I/O failure
	 */
	public DiscordIoException(String message, Throwable cause) {
		super(message, cause);
	}

}
