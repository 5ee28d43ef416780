package io.github.discordoauth2.security;

import io.github.discordoauth2.ReactiveAccessToken;
import io.github.discordoauth2.ReactiveClient;
import io.github.discordoauth2.security.tokens.ReactiveDiscordTokens;
import reactor.core.publisher.Mono;

import org.springframework.security.oauth2.client.endpoint.OAuth2RefreshTokenGrantRequest;
import org.springframework.security.oauth2.client.endpoint.WebClientReactiveRefreshTokenTokenResponseClient;

/**
 * Refreshes the access token of a Discord login in a WebFlux application through the
 * non-blocking {@link ReactiveClient}: the reactive twin of
 * {@link DiscordRefreshTokenTokenResponseClient}. The starter's own refreshes go through
 * {@link ReactiveDiscordTokens} (which stores the rotated pair and settles races between
 * instances); this client serves an application's own reactive authorized client manager.
 * Registrations of other providers go to a delegate (by default
 * {@link WebClientReactiveRefreshTokenTokenResponseClient}).
 *
 * @since 0.1.0
 */
public final class DiscordReactiveRefreshTokenTokenResponseClient
		extends DiscordReactiveTokenResponseClient<OAuth2RefreshTokenGrantRequest> {

	/**
	 * Creates the client.
	 * @param client the reactive core client that talks to Discord
	 * @param registrationId the ID of the Discord registration, e.g. {@code discord}
	 */
	public DiscordReactiveRefreshTokenTokenResponseClient(ReactiveClient client, String registrationId) {
		super(client, registrationId, "token refresh", WebClientReactiveRefreshTokenTokenResponseClient::new, () -> {
			WebClientReactiveRefreshTokenTokenResponseClient asRegistered = new WebClientReactiveRefreshTokenTokenResponseClient();
			asRegistered.setWebClient(webClient());
			return asRegistered;
		});
	}

	@Override
	Mono<ReactiveAccessToken> requestToken(ReactiveClient client, OAuth2RefreshTokenGrantRequest grantRequest) {
		return client.refreshToken(grantRequest.getRefreshToken().getTokenValue());
	}

}
