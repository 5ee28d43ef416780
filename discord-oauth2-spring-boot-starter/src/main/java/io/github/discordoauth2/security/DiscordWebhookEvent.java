package io.github.discordoauth2.security;

import java.io.Serial;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEvent;

/**
 * A signed webhook event from Discord, published after its signature was checked:
 * {@code APPLICATION_AUTHORIZED} when a user added the application,
 * {@code APPLICATION_DEAUTHORIZED} when a user removed it (the starter has already
 * removed that user's stored tokens), or another type Discord sends.
 *
 * @since 0.1.0
 */
public final class DiscordWebhookEvent extends ApplicationEvent {

	/**
	 * A user added the application (or a bot to a server).
	 */
	public static final String APPLICATION_AUTHORIZED = "APPLICATION_AUTHORIZED";

	/**
	 * A user removed the application.
	 */
	public static final String APPLICATION_DEAUTHORIZED = "APPLICATION_DEAUTHORIZED";

	@Serial
	private static final long serialVersionUID = 1L;

	/** Discord's event type. */
	private final String type;

	/** The Discord user ID the event is about, or {@code null}. */
	private final @Nullable Long userId;

	/** The scopes the user granted; empty for other events. */
	private final List<String> scopes;

	/** The server a bot was added to, or {@code null}. */
	private final @Nullable Long guildId;

	/**
	 * Creates the event.
	 * @param source the handler that received it
	 * @param type Discord's event type, e.g. {@link #APPLICATION_DEAUTHORIZED}
	 * @param userId the user it is about, or {@code null}
	 * @param scopes the scopes granted ({@code APPLICATION_AUTHORIZED}), else empty
	 * @param guildId the server a bot was added to, or {@code null}
	 */
	public DiscordWebhookEvent(Object source, String type, @Nullable Long userId, List<String> scopes,
			@Nullable Long guildId) {
		super(source);
		this.type = type;
		this.userId = userId;
		this.scopes = List.copyOf(scopes);
		this.guildId = guildId;
	}

	/**
	 * Discord's event type.
	 * @return e.g. {@code APPLICATION_AUTHORIZED}
	 */
	public String type() {
		return this.type;
	}

	/**
	 * The user the event is about.
	 * @return the Discord user ID, or empty
	 */
	public Optional<Long> userId() {
		return Optional.ofNullable(this.userId);
	}

	/**
	 * The scopes the user granted.
	 * @return the scopes; empty for other events
	 */
	public List<String> scopes() {
		return this.scopes;
	}

	/**
	 * The server a bot was added to.
	 * @return the guild ID, or empty
	 */
	public Optional<Long> guildId() {
		return Optional.ofNullable(this.guildId);
	}

	@Override
	public String toString() {
		return "DiscordWebhookEvent[type=" + this.type + ", userId=" + this.userId + ", scopes=" + this.scopes
				+ ", guildId=" + this.guildId + "]";
	}

}
