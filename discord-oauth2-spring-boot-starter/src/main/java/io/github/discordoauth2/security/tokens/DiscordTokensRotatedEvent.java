package io.github.discordoauth2.security.tokens;

import java.io.Serial;

import io.github.discordoauth2.AccessToken;

import org.springframework.context.ApplicationEvent;

/**
 * Published after the starter refreshed a user's tokens and stored the new pair (Discord
 * rotates the refresh token on every refresh, so an application keeping its own copy must
 * take the new one). Published on the instance that refreshed, from a web request or from
 * {@link DiscordTokens#find(long)}. {@link #toString()} shows no token.
 *
 * @since 0.1.0
 */
public final class DiscordTokensRotatedEvent extends ApplicationEvent {

	@Serial
	private static final long serialVersionUID = 1L;

	/** The Discord registration ID. */
	private final String registrationId;

	/** The Discord user whose tokens rotated. */
	private final long userId;

	private final transient AccessToken accessToken;

	/**
	 * Creates the event.
	 * @param source the component that refreshed
	 * @param registrationId the Discord registration ID
	 * @param userId the Discord user ID
	 * @param accessToken the new token, with the new refresh token
	 */
	public DiscordTokensRotatedEvent(Object source, String registrationId, long userId, AccessToken accessToken) {
		super(source);
		this.registrationId = registrationId;
		this.userId = userId;
		this.accessToken = accessToken;
	}

	/**
	 * The Discord registration ID.
	 * @return e.g. {@code discord}
	 */
	public String registrationId() {
		return this.registrationId;
	}

	/**
	 * The Discord user whose tokens rotated.
	 * @return the user ID
	 */
	public long userId() {
		return this.userId;
	}

	/**
	 * The new token, as stored.
	 * @return the token with its refresh token
	 */
	public AccessToken accessToken() {
		return this.accessToken;
	}

	@Override
	public String toString() {
		return "DiscordTokensRotatedEvent[registrationId=" + this.registrationId + ", userId=" + this.userId + "]";
	}

}
