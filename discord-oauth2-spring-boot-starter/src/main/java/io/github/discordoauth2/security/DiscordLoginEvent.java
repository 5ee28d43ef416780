package io.github.discordoauth2.security;

import java.io.Serial;
import java.util.Optional;

import io.github.discordoauth2.AccessToken;
import io.github.discordoauth2.model.Guild;
import io.github.discordoauth2.model.User;
import io.github.discordoauth2.model.Webhook;

import org.springframework.context.ApplicationEvent;

/**
 * Published once per successful "Login with Discord", after the code exchange and the
 * user lookup. Listen to it ({@code @EventListener}) to greet or record the user, or to
 * keep the {@code guild} of a bot authorization or the {@code webhook} of a
 * {@code webhook.incoming} authorization.
 *
 * <p>
 * Do not keep its refresh token for later work without the user (e.g. linked-roles
 * updates): the starter stores the pair itself and Discord rotates the refresh token on
 * every refresh, after which a copy is dead. Ask
 * {@link io.github.discordoauth2.security.tokens.DiscordTokens#find(long)} for the user's
 * current token instead.
 *
 * <p>
 * Listeners run synchronously before the login completes: an exception thrown by a
 * listener fails the login. {@link #toString()} shows no token; the webhook's token stays
 * inside {@link #webhook()} and is never logged by the starter.
 *
 * @since 0.1.0
 */
public final class DiscordLoginEvent extends ApplicationEvent {

	@Serial
	private static final long serialVersionUID = 1L;

	/** The Spring Security registration ID of the login. */
	private final String registrationId;

	private final transient User user;

	private final transient AccessToken accessToken;

	/**
	 * Creates the event.
	 * @param source the component that published it
	 * @param registrationId the Spring Security registration ID of the login
	 * @param user the user who logged in
	 * @param accessToken the user's fresh token, with refresh token and any
	 * {@code guild}/{@code webhook}
	 */
	public DiscordLoginEvent(Object source, String registrationId, User user, AccessToken accessToken) {
		super(source);
		this.registrationId = registrationId;
		this.user = user;
		this.accessToken = accessToken;
	}

	/**
	 * The Spring Security registration ID of the login.
	 * @return e.g. {@code discord}
	 */
	public String registrationId() {
		return this.registrationId;
	}

	/**
	 * The user who logged in.
	 * @return the Discord user
	 */
	public User user() {
		return this.user;
	}

	/**
	 * The access token of this login, usable at once. Its refresh token is already stored
	 * by the starter and dies at the next rotation: do not keep a copy.
	 * @return the user's token
	 */
	public AccessToken accessToken() {
		return this.accessToken;
	}

	/**
	 * The guild the bot was added to, for logins that asked for the {@code bot} scope.
	 * @return the guild from the token response, if any
	 */
	public Optional<Guild> guild() {
		return this.accessToken.guild();
	}

	/**
	 * The webhook created by a {@code webhook.incoming} authorization. Its token is a
	 * secret: anyone holding it can post to the channel.
	 * @return the webhook from the token response, if any
	 */
	public Optional<Webhook> webhook() {
		return this.accessToken.webhook();
	}

	@Override
	public String toString() {
		return "DiscordLoginEvent[registrationId=" + this.registrationId + ", userId=" + this.user.id() + ", guild="
				+ guild().isPresent() + ", webhook=" + webhook().isPresent() + "]";
	}

}
