package io.github.discordoauth2.exceptions;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Discord answered 401 or 403: the token is invalid, expired or revoked, lacks the scope,
 * or the bot lacks access or permissions in the guild.
 *
 * @since 0.1.0
 */
public class ForbiddenException extends HttpException {

	private static final long serialVersionUID = 1L;

	/**
	 * Creates the exception; see
	 * {@link HttpException#HttpException(String, int, Integer, String, Map, String, String)}.
	 * @param message a readable summary; never contains a token or secret
	 * @param status 401 or 403
	 * @param code Discord's JSON error code, or {@code null}
	 * @param discordMessage Discord's JSON error message, or {@code null}
	 * @param errors Discord's nested {@code errors} object, or {@code null}
	 * @param error the OAuth2 {@code error}, or {@code null}
	 * @param errorDescription the OAuth2 {@code error_description}, or {@code null}
	 */
	public ForbiddenException(String message, int status, @Nullable Integer code, @Nullable String discordMessage,
			@Nullable Map<String, Object> errors, @Nullable String error, @Nullable String errorDescription) {
		super(message, status, code, discordMessage, errors, error, errorDescription);
	}

}
