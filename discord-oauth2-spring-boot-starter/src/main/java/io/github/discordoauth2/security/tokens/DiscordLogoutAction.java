package io.github.discordoauth2.security.tokens;

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
	REVOKE

}
