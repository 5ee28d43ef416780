package io.github.discordoauth2.security;

import io.github.discordoauth2.security.tokens.DiscordAccountLinks;
import io.github.discordoauth2.security.tokens.DiscordTokens;
import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.util.Assert;

/**
 * The {@link OAuth2AuthorizedClientManager} of an application with Discord login: for the
 * Discord registration it hands out the user's stored token through {@link DiscordTokens}
 * (refreshed and saved when expired, races between instances settled in the store), and
 * only to an authentication that came from the Discord registration or to a local account
 * that has connected Discord ({@link DiscordAccountLinks}); everyone else gets
 * {@code null}, which sends them through the login (or, for a local account, to a 403).
 * Other registrations go to the delegate (Spring Security's
 * {@code DefaultOAuth2AuthorizedClientManager}).
 *
 * <p>
 * Because Discord refreshes never pass through Spring Security's refresh provider, its
 * default failure handler cannot delete a pair that another request has just rotated.
 *
 * @since 0.1.0
 */
public final class DiscordOAuth2AuthorizedClientManager implements OAuth2AuthorizedClientManager {

	private final DiscordTokens tokens;

	private final OAuth2AuthorizedClientManager delegate;

	private final DiscordAccountLinks links;

	/**
	 * Creates the manager, with account links on their defaults.
	 * @param tokens reads and refreshes the Discord tokens
	 * @param delegate authorizes other registrations
	 */
	public DiscordOAuth2AuthorizedClientManager(DiscordTokens tokens, OAuth2AuthorizedClientManager delegate) {
		this(tokens, delegate, new DiscordAccountLinks(tokens));
	}

	/**
	 * Creates the manager.
	 * @param tokens reads and refreshes the Discord tokens
	 * @param delegate authorizes other registrations
	 * @param links the account links (the {@link DiscordAccountLinks} bean)
	 */
	public DiscordOAuth2AuthorizedClientManager(DiscordTokens tokens, OAuth2AuthorizedClientManager delegate,
			DiscordAccountLinks links) {
		Assert.notNull(tokens, "tokens must not be null");
		Assert.notNull(delegate, "delegate must not be null");
		Assert.notNull(links, "links must not be null");
		this.tokens = tokens;
		this.delegate = delegate;
		this.links = links;
	}

	@Override
	public @Nullable OAuth2AuthorizedClient authorize(OAuth2AuthorizeRequest authorizeRequest) {
		Assert.notNull(authorizeRequest, "authorizeRequest must not be null");
		if (!this.tokens.registrationId().equals(authorizeRequest.getClientRegistrationId())) {
			return this.delegate.authorize(authorizeRequest);
		}
		Long userId = this.links.userIdOf(authorizeRequest.getPrincipal());
		if (userId == null) {
			return null;
		}
		return this.tokens.current(userId).orElse(null);
	}

}
