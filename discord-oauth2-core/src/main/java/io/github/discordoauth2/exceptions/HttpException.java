package io.github.discordoauth2.exceptions;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Discord answered with a non-2xx status, or with a body that could not be read. Carries
 * the HTTP status, the {@link #credential() credential} the call used, and whatever
 * Discord explained: the REST error ({@link #code()}, {@link #discordMessage()},
 * {@link #errors()}) or the OAuth2 error ({@link #error()}, {@link #errorDescription()}).
 *
 * <p>
 * The core raises it; applications catch it. To make one (in a test, say) use
 * {@link #builder(int)}, or the builder of the subclass that fits.
 *
 * @since 0.1.0
 */
public class HttpException extends DiscordOAuth2Exception {

	private static final long serialVersionUID = 1L;

	/** The HTTP status. */
	private final int status;

	/** The credential the call sent. */
	private final Credential credential;

	/** Discord's JSON error code. */
	private final @Nullable Integer code;

	/** Discord's JSON error message. */
	private final @Nullable String discordMessage;

	private final transient Map<String, Object> errors;

	/** The OAuth2 error. */
	private final @Nullable String error;

	/** The OAuth2 error description. */
	private final @Nullable String errorDescription;

	/**
	 * Creates the exception from a builder; for subclasses.
	 * @param builder what Discord answered
	 */
	protected HttpException(AbstractBuilder<?> builder) {
		super(builder.messageOrSummary(), null);
		this.status = builder.status;
		this.credential = builder.credential;
		this.code = builder.code;
		this.discordMessage = builder.discordMessage;
		this.errors = builder.errors;
		this.error = builder.error;
		this.errorDescription = builder.errorDescription;
	}

	/**
	 * Starts an exception for an answer with this status.
	 * @param status the HTTP status Discord answered with
	 * @return a builder
	 * @since 0.1.0
	 */
	public static Builder builder(int status) {
		return new Builder(status);
	}

	/**
	 * @return the HTTP status code, for example {@code 404}
	 */
	public int status() {
		return this.status;
	}

	/**
	 * Which credential the call sent, and so which one Discord refused on a 401 or 403:
	 * {@link Credential#BOT_TOKEN} for a call with the application's bot token,
	 * {@link Credential#USER_TOKEN} for one with a user's access token,
	 * {@link Credential#CLIENT_SECRET} for the token and revoke endpoints. Adding a user
	 * to a guild sends the bot token in the header and the user's token in the body: it
	 * says {@code BOT_TOKEN}, and Discord's code {@code 50025} (Invalid OAuth2 access
	 * token) then means the user's token.
	 * @return the credential of the call's {@code Authorization} header
	 * @since 0.1.0
	 */
	public Credential credential() {
		return this.credential;
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
	 * lists; empty if absent. The exception's message shows it compactly: paths, codes
	 * and messages.
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

	/**
	 * What every {@link HttpException} builder sets: the message and what Discord
	 * answered. The status is given when the builder is created.
	 *
	 * @param <B> the builder's own type
	 * @since 0.1.0
	 */
	public abstract static class AbstractBuilder<B extends AbstractBuilder<B>> {

		private final int status;

		private @Nullable String message;

		private Credential credential = Credential.NONE;

		private @Nullable Integer code;

		private @Nullable String discordMessage;

		private Map<String, Object> errors = Map.of();

		private @Nullable String error;

		private @Nullable String errorDescription;

		/**
		 * Starts a builder.
		 * @param status the HTTP status Discord answered with
		 */
		protected AbstractBuilder(int status) {
			this.status = status;
		}

		/**
		 * Sets the message; without one, a summary of what is set is used.
		 * @param message what happened and, where possible, how to fix it; must never
		 * contain a token or secret
		 * @return this builder
		 */
		public B message(String message) {
			this.message = message;
			return self();
		}

		/**
		 * Sets which credential the call sent ({@link Credential#NONE} unless set).
		 * @param credential the credential of the call's {@code Authorization} header
		 * @return this builder
		 */
		public B credential(Credential credential) {
			this.credential = credential;
			return self();
		}

		/**
		 * Sets Discord's JSON error code.
		 * @param code the code (for example {@code 50001}), or {@code null}
		 * @return this builder
		 */
		public B code(@Nullable Integer code) {
			this.code = code;
			return self();
		}

		/**
		 * Sets Discord's JSON error message.
		 * @param discordMessage the message (for example {@code "Missing Access"}), or
		 * {@code null}
		 * @return this builder
		 */
		public B discordMessage(@Nullable String discordMessage) {
			this.discordMessage = discordMessage;
			return self();
		}

		/**
		 * Sets Discord's nested {@code errors} object.
		 * @param errors field paths to details, as maps and lists; {@code null} for none
		 * @return this builder
		 */
		public B errors(@Nullable Map<String, ?> errors) {
			// Not Map.copyOf: Discord's JSON may hold nulls.
			this.errors = (errors != null) ? Collections.unmodifiableMap(new LinkedHashMap<>(errors)) : Map.of();
			return self();
		}

		/**
		 * Sets the OAuth2 {@code error}.
		 * @param error the error (for example {@code invalid_client}), or {@code null}
		 * @return this builder
		 */
		public B error(@Nullable String error) {
			this.error = error;
			return self();
		}

		/**
		 * Sets the OAuth2 {@code error_description}.
		 * @param errorDescription the description, or {@code null}
		 * @return this builder
		 */
		public B errorDescription(@Nullable String errorDescription) {
			this.errorDescription = errorDescription;
			return self();
		}

		/**
		 * @return this builder, as its own type
		 */
		@SuppressWarnings("unchecked")
		protected final B self() {
			return (B) this;
		}

		/**
		 * @return the message set, or a summary of the status, credential and Discord's
		 * error
		 */
		final String messageOrSummary() {
			if (this.message != null) {
				return this.message;
			}
			StringBuilder text = new StringBuilder("HTTP ").append(this.status)
				.append(" with ")
				.append(this.credential.description());
			if (this.code != null || this.discordMessage != null) {
				text.append(", Discord error ")
					.append((this.code != null) ? this.code : "?")
					.append(": ")
					.append(this.discordMessage);
			}
			if (this.error != null) {
				text.append(", OAuth2 error ").append(this.error);
				if (this.errorDescription != null) {
					text.append(": ").append(this.errorDescription);
				}
			}
			return text.toString();
		}

	}

	/**
	 * Builds an {@link HttpException}.
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
		public HttpException build() {
			return new HttpException(this);
		}

	}

}
