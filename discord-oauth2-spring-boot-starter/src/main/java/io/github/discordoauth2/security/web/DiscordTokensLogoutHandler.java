package io.github.discordoauth2.security.web;

import io.github.discordoauth2.security.tokens.DiscordLogoutAction;
import io.github.discordoauth2.security.tokens.DiscordRevocation;
import io.github.discordoauth2.security.tokens.DiscordTokens;
import io.github.discordoauth2.security.tokens.JdbcDiscordTokenStore;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.logout.LogoutHandler;
import org.springframework.util.Assert;

/**
 * What logging out does to the user's stored Discord tokens
 * ({@code discord.oauth2.token-store.on-logout}): keep them for work without the user,
 * remove them, or revoke the authorization at Discord and remove them. The tokens are
 * found by the Discord user ID of the authentication, so with a shared store
 * ({@link JdbcDiscordTokenStore}) and shared sessions the logout works on whichever
 * instance it reaches. A failed revocation does not stop the logout; it is logged at WARN
 * level, and its {@link DiscordRevocation} is left in the request attribute
 * {@link DiscordRevocation#ATTRIBUTE} for the logout success handler, which can tell the
 * user.
 *
 * @since 0.1.0
 */
public final class DiscordTokensLogoutHandler implements LogoutHandler {

	private final DiscordTokens tokens;

	private final DiscordLogoutAction action;

	/**
	 * Creates the handler.
	 * @param tokens where the user's tokens are
	 * @param action what logout does to them
	 */
	public DiscordTokensLogoutHandler(DiscordTokens tokens, DiscordLogoutAction action) {
		Assert.notNull(tokens, "tokens must not be null");
		Assert.notNull(action, "action must not be null");
		this.tokens = tokens;
		this.action = action;
	}

	/**
	 * What this handler does on logout.
	 * @return the action
	 */
	public DiscordLogoutAction action() {
		return this.action;
	}

	/**
	 * The same handler, revoking on logout.
	 * @return a handler whose action is {@link DiscordLogoutAction#REVOKE}
	 */
	public DiscordTokensLogoutHandler revoking() {
		return withAction(DiscordLogoutAction.REVOKE);
	}

	/**
	 * The same handler with another action.
	 * @param action what logout does to the stored tokens
	 * @return a handler whose action is {@code action}
	 */
	public DiscordTokensLogoutHandler withAction(DiscordLogoutAction action) {
		return (this.action == action) ? this : new DiscordTokensLogoutHandler(this.tokens, action);
	}

	@Override
	public void logout(HttpServletRequest request, HttpServletResponse response,
			@Nullable Authentication authentication) {
		Long userId = this.tokens.userIdOf(authentication);
		if (userId == null) {
			return;
		}
		switch (this.action) {
			case REMOVE -> this.tokens.remove(userId);
			// For the page after the logout, to say so when Discord did not confirm.
			case REVOKE -> request.setAttribute(DiscordRevocation.ATTRIBUTE, this.tokens.revoke(userId));
			case KEEP -> {
				// Kept on purpose: background work goes on after the user left.
			}
		}
	}

}
