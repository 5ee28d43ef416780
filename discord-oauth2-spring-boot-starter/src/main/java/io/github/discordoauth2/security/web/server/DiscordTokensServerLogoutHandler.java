package io.github.discordoauth2.security.web.server;

import io.github.discordoauth2.security.tokens.DiscordLogoutAction;
import io.github.discordoauth2.security.tokens.DiscordRevocation;
import io.github.discordoauth2.security.tokens.ReactiveDiscordTokens;
import io.github.discordoauth2.security.web.DiscordTokensLogoutHandler;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.security.core.Authentication;
import org.springframework.security.web.server.WebFilterExchange;
import org.springframework.security.web.server.authentication.logout.ServerLogoutHandler;
import org.springframework.util.Assert;

/**
 * What logging out of a WebFlux application does to the user's stored Discord tokens
 * ({@code discord.oauth2.token-store.on-logout}), as {@link DiscordTokensLogoutHandler}
 * does on the servlet stack: keep them, remove them, or revoke the authorization at
 * Discord and remove them, off the event loop. A failed revocation does not stop the
 * logout; it is logged at WARN level, and its {@link DiscordRevocation} is left in the
 * exchange attribute {@link DiscordRevocation#ATTRIBUTE} for the logout success handler.
 *
 * @since 0.1.0
 */
public final class DiscordTokensServerLogoutHandler implements ServerLogoutHandler {

	private final ReactiveDiscordTokens tokens;

	private final DiscordLogoutAction action;

	/**
	 * Creates the handler.
	 * @param tokens where the user's tokens are
	 * @param action what logout does to them
	 */
	public DiscordTokensServerLogoutHandler(ReactiveDiscordTokens tokens, DiscordLogoutAction action) {
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
	 * The same handler with another action.
	 * @param action what logout does to the stored tokens
	 * @return a handler whose action is {@code action}
	 */
	public DiscordTokensServerLogoutHandler withAction(DiscordLogoutAction action) {
		return (this.action == action) ? this : new DiscordTokensServerLogoutHandler(this.tokens, action);
	}

	@Override
	public Mono<Void> logout(WebFilterExchange exchange, @Nullable Authentication authentication) {
		Long userId = this.tokens.userIdOf(authentication);
		if (userId == null) {
			return Mono.empty();
		}
		return switch (this.action) {
			case REMOVE -> this.tokens.remove(userId).then();
			// For the page after the logout, to say so when Discord did not confirm.
			case REVOKE -> this.tokens.revoke(userId)
				.doOnNext((revocation) -> exchange.getExchange()
					.getAttributes()
					.put(DiscordRevocation.ATTRIBUTE, revocation))
				.then();
			// Kept on purpose: background work goes on after the user left.
			case KEEP -> Mono.empty();
		};
	}

}
