package io.github.discordoauth2.security.tokens;

import java.io.Serial;

import org.springframework.context.ApplicationEvent;

/**
 * Published after a user's stored tokens were removed, on the instance that removed them.
 *
 * @since 0.1.0
 */
public final class DiscordTokensRemovedEvent extends ApplicationEvent {

	@Serial
	private static final long serialVersionUID = 1L;

	/** The Discord registration ID. */
	private final String registrationId;

	/** The Discord user whose tokens were removed. */
	private final long userId;

	/** Why the tokens were removed. */
	private final Reason reason;

	/**
	 * Creates the event.
	 * @param source the component that removed the tokens
	 * @param registrationId the Discord registration ID
	 * @param userId the Discord user ID
	 * @param reason why they were removed
	 */
	public DiscordTokensRemovedEvent(Object source, String registrationId, long userId, Reason reason) {
		super(source);
		this.registrationId = registrationId;
		this.userId = userId;
		this.reason = reason;
	}

	/**
	 * The Discord registration ID.
	 * @return e.g. {@code discord}
	 */
	public String registrationId() {
		return this.registrationId;
	}

	/**
	 * The Discord user whose tokens were removed.
	 * @return the user ID
	 */
	public long userId() {
		return this.userId;
	}

	/**
	 * Why the tokens were removed.
	 * @return the reason
	 */
	public Reason reason() {
		return this.reason;
	}

	@Override
	public String toString() {
		return "DiscordTokensRemovedEvent[registrationId=" + this.registrationId + ", userId=" + this.userId
				+ ", reason=" + this.reason + "]";
	}

	/**
	 * Why tokens were removed.
	 *
	 * @since 0.1.0
	 */
	public enum Reason {

		/**
		 * The application removed them ({@link DiscordTokens#remove(long)}, or logout
		 * with {@code on-logout=remove}).
		 */
		REMOVED,

		/**
		 * The application revoked the authorization at Discord
		 * ({@link DiscordTokens#revoke(long)}, or logout with {@code on-logout=revoke}).
		 */
		REVOKED,

		/**
		 * Discord refused the user's tokens: the stored refresh token on a refresh, or,
		 * when a walk over the users ({@link DiscordTokens#forEachUser}) got HTTP 401,
		 * the access token with no refresh token to fall back on. The user removed the
		 * application or the tokens were revoked: the user must log in again.
		 */
		REFUSED,

		/**
		 * Discord said the user removed the application (its signed
		 * {@code APPLICATION_DEAUTHORIZED} webhook event): every token of it is dead, and
		 * local accounts' links to the user are gone too.
		 * @since 0.1.0
		 */
		DEAUTHORIZED

	}

}
