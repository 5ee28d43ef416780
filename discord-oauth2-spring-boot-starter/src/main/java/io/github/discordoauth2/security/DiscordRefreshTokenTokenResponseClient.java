package io.github.discordoauth2.security;

import io.github.discordoauth2.AccessToken;
import io.github.discordoauth2.Client;
import io.github.discordoauth2.security.tokens.DiscordTokens;

import org.springframework.security.oauth2.client.endpoint.OAuth2RefreshTokenGrantRequest;
import org.springframework.security.oauth2.client.endpoint.RestClientRefreshTokenTokenResponseClient;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;

/**
 * Refreshes the access token of a Discord login through the core {@link Client}. Discord
 * rotates the refresh token on every refresh; the new one is in the response, so Spring
 * Security stores it with the authorized client. A refused refresh
 * ({@code invalid_grant}) surfaces as an {@link OAuth2AuthorizationException} with that
 * error code. The starter's own refreshes go through {@link DiscordTokens} (which stores
 * the rotated pair and settles races between instances); this client serves an
 * application's own {@code OAuth2AuthorizedClientManager}. Registrations of other
 * providers go to a delegate (by default
 * {@link RestClientRefreshTokenTokenResponseClient}).
 *
 * @since 0.1.0
 */
public final class DiscordRefreshTokenTokenResponseClient
		extends DiscordTokenResponseClient<OAuth2RefreshTokenGrantRequest> {

	/**
	 * Creates the client.
	 * @param client the core client that talks to Discord
	 * @param registrationId the ID of the Discord registration, e.g. {@code discord}
	 */
	public DiscordRefreshTokenTokenResponseClient(Client client, String registrationId) {
		super(client, registrationId, "token refresh", RestClientRefreshTokenTokenResponseClient::new, () -> {
			RestClientRefreshTokenTokenResponseClient asRegistered = new RestClientRefreshTokenTokenResponseClient();
			asRegistered.setRestClient(DiscordTokenResponses.restClient());
			return asRegistered;
		});
	}

	@Override
	AccessToken requestToken(Client client, OAuth2RefreshTokenGrantRequest grantRequest) {
		return client.refreshToken(grantRequest.getRefreshToken().getTokenValue());
	}

}
