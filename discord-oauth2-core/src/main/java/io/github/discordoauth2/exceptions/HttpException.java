package io.github.discordoauth2.exceptions;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Discord answered with a non-2xx status, or with a body that could not be read. Carries
 * the HTTP status and whatever Discord explained: the REST error ({@link #code()},
 * {@link #discordMessage()}, {@link #errors()}) or the OAuth2 error ({@link #error()},
 * {@link #errorDescription()}).
 *
 * @since 0.1.0
 */
public class HttpException extends DiscordOAuth2Exception {

	private static final long serialVersionUID = 1L;

	/** The HTTP status Discord answered with. */
	private final int status;

	/** Discord's JSON error code, or {@code null}. */
	private final @Nullable Integer code;

	/** Discord's JSON error message, or {@code null}. */
	private final @Nullable String discordMessage;

	private final transient Map<String, Object> errors;

	/** The OAuth2 {@code error}, or {@code null}. */
	private final @Nullable String error;

	/** The OAuth2 {@code error_description}, or {@code null}. */
	private final @Nullable String errorDescription;

	/**
	 * Creates the exception.
	 * @param message a readable summary; never contains a token or secret
	 * @param status the HTTP status Discord answered with
	 * @param code Discord's JSON error code, or {@code null}
	 * @param discordMessage Discord's JSON error message, or {@code null}
	 * @param errors Discord's nested {@code errors} object as maps and lists (empty when
	 * absent)
	 * @param error the OAuth2 {@code error}, or {@code null}
	 * @param errorDescription the OAuth2 {@code error_description}, or {@code null}
	 */
	public HttpException(String message, int status, @Nullable Integer code, @Nullable String discordMessage,
			@Nullable Map<String, Object> errors, @Nullable String error, @Nullable String errorDescription) {
		super(message, null);
		this.status = status;
		this.code = code;
		this.discordMessage = discordMessage;
		this.errors = (errors != null) ? Map.copyOf(errors) : Map.of();
		this.error = error;
		this.errorDescription = errorDescription;
	}

	/**
	 * Creates an exception for an answer whose body could not be understood.
	 * @param message says what arrived; never contains a token or secret
	 * @param status the HTTP status Discord answered with
	 */
	public HttpException(String message, int status) {
		this(message, status, null, null, null, null, null);
	}

	/**
	 * @return the HTTP status code, for example {@code 404}
	 */
	public int status() {
		return this.status;
	}

	/**
	 * @return Discord's JSON error code (for example {@code 50025}), or {@code null} if
	 * the body had none
	 */
	public @Nullable Integer code() {
		return this.code;
	}

	/**
	 * @return Discord's JSON error {@code message}, or {@code null} if the body had none
	 */
	public @Nullable String discordMessage() {
		return this.discordMessage;
	}

	/**
	 * @return Discord's nested {@code errors} object (field path to details) as maps and
	 * lists; empty if absent
	 */
	public Map<String, Object> errors() {
		return this.errors;
	}

	/**
	 * @return the OAuth2 {@code error} (for example {@code invalid_grant}), or
	 * {@code null}
	 */
	public @Nullable String error() {
		return this.error;
	}

	/**
	 * @return the OAuth2 {@code error_description}, or {@code null}
	 */
	public @Nullable String errorDescription() {
		return this.errorDescription;
	}

}
