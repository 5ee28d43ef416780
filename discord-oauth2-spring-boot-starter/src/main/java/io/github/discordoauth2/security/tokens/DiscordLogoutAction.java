package io.github.discordoauth2.security.tokens;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * What logging out does to the user's stored Discord tokens
 * ({@code discord.oauth2.token-store.on-logout}), the same on both web stacks.
 *
 * @since 0.1.0
 */
public enum DiscordLogoutAction {

	/**
	 * Keep them: background work (a linked-roles sync) goes on after the user left.
	 */
	KEEP,

	/**
	 * Remove them; the authorization at Discord stays.
	 */
	REMOVE,

	/**
	 * Revoke the authorization at Discord and remove them.
	 */
	REVOKE;

	/**
	 * Name of the property that chooses the action.
	 */
	public static final String PROPERTY = "discord.oauth2.token-store.on-logout";

	/**
	 * Name of the older property that, when {@link #PROPERTY} is not set, chooses between
	 * {@link #REVOKE} and {@link #KEEP}.
	 */
	public static final String REVOKE_ON_LOGOUT_PROPERTY = "discord.oauth2.login.revoke-on-logout";

	/**
	 * The action in force, decided the same way on both web stacks: {@code on-logout}
	 * when it is set, else {@link #REVOKE} when revoking on logout was asked for, else
	 * {@link #KEEP}.
	 * @param onLogout the value of {@code discord.oauth2.token-store.on-logout}, or
	 * {@code null} when not set
	 * @param revokeOnLogout {@code discord.oauth2.login.revoke-on-logout}, or a filter
	 * chain's own {@code revokeTokenOnLogout(...)} in its place
	 * @return the action
	 */
	public static DiscordLogoutAction of(@Nullable DiscordLogoutAction onLogout, boolean revokeOnLogout) {
		if (onLogout != null) {
			return onLogout;
		}
		return revokeOnLogout ? REVOKE : KEEP;
	}

	/**
	 * The action the application's properties give a filter chain.
	 * @param environment the application's environment
	 * @param revokeTokenOnLogout the chain's own setting, which stands in for
	 * {@code discord.oauth2.login.revoke-on-logout}, or {@code null} to read that
	 * property
	 * @return the action, as {@link #of} decides it
	 */
	public static DiscordLogoutAction of(Environment environment, @Nullable Boolean revokeTokenOnLogout) {
		Binder binder = Binder.get(environment);
		DiscordLogoutAction onLogout = binder.bind(PROPERTY, DiscordLogoutAction.class).orElse(null);
		boolean revoke = (revokeTokenOnLogout != null) ? revokeTokenOnLogout
				: binder.bind(REVOKE_ON_LOGOUT_PROPERTY, Boolean.class).orElse(false);
		return of(onLogout, revoke);
	}

}
