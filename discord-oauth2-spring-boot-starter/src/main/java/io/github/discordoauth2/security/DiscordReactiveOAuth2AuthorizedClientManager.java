package io.github.discordoauth2.security;

import io.github.discordoauth2.security.tokens.DiscordTokens;
import io.github.discordoauth2.security.tokens.ReactiveDiscordTokens;
import reactor.core.publisher.Mono;

import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.ReactiveOAuth2AuthorizedClientManager;
import org.springframework.util.Assert;

/**
 * The {@link ReactiveOAuth2AuthorizedClientManager} of a WebFlux application with Discord
 * login, the reactive twin of {@link DiscordOAuth2AuthorizedClientManager}: for the
 * Discord registration it hands out the user's stored token through
 * {@link ReactiveDiscordTokens} (refreshed and saved when expired by the one refresh
 * logic of {@link DiscordTokens}, off the event loop), and only to an authentication that
 * came from the Discord registration or to a local account that has connected Discord;
 * everyone else gets an empty result. Other registrations go to the delegate (Spring
 * Security's {@code DefaultReactiveOAuth2AuthorizedClientManager}).
 *
 * @since 0.1.0
 */
public final class DiscordReactiveOAuth2AuthorizedClientManager implements ReactiveOAuth2AuthorizedClientManager {

	private final ReactiveDiscordTokens tokens;

	private final ReactiveOAuth2AuthorizedClientManager delegate;

	/**
	 * Creates the manager.
	 * @param tokens reads and refreshes the Discord tokens
	 * @param delegate authorizes other registrations
	 */
	public DiscordReactiveOAuth2AuthorizedClientManager(ReactiveDiscordTokens tokens,
			ReactiveOAuth2AuthorizedClientManager delegate) {
		Assert.notNull(tokens, "tokens must not be null");
		Assert.notNull(delegate, "delegate must not be null");
		this.tokens = tokens;
		this.delegate = delegate;
	}

	@Override
	public Mono<OAuth2AuthorizedClient> authorize(OAuth2AuthorizeRequest authorizeRequest) {
		Assert.notNull(authorizeRequest, "authorizeRequest must not be null");
		if (!this.tokens.registrationId().equals(authorizeRequest.getClientRegistrationId())) {
			return this.delegate.authorize(authorizeRequest);
		}
		return this.tokens.currentFor(authorizeRequest.getPrincipal());
	}

}
