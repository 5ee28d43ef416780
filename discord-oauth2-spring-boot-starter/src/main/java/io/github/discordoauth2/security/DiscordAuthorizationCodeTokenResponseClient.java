package io.github.discordoauth2.security;

import io.github.discordoauth2.AccessToken;
import io.github.discordoauth2.Client;

import org.springframework.security.oauth2.client.endpoint.OAuth2AuthorizationCodeGrantRequest;
import org.springframework.security.oauth2.client.endpoint.RestClientAuthorizationCodeTokenResponseClient;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.core.endpoint.PkceParameterNames;

/**
 * Exchanges the authorization code of a Discord login through the core {@link Client}, so
 * that the User-Agent, rate limits and Discord's {@code guild}/{@code webhook} extras are
 * handled in one place. Registrations of other providers go to a delegate (by default
 * Spring Security's own {@link RestClientAuthorizationCodeTokenResponseClient}), because
 * Spring Security uses one such client for all registrations.
 *
 * <p>
 * The redirect URI sent is the one of this very authorization request (Spring expands
 * {@code {baseUrl}} per request), and the PKCE verifier is the one Spring stored with it.
 *
 * @since 0.1.0
 */
public final class DiscordAuthorizationCodeTokenResponseClient
		extends DiscordTokenResponseClient<OAuth2AuthorizationCodeGrantRequest> {

	/**
	 * Creates the client.
	 * @param client the core client that talks to Discord
	 * @param registrationId the ID of the Discord registration, e.g. {@code discord}
	 */
	public DiscordAuthorizationCodeTokenResponseClient(Client client, String registrationId) {
		super(client, registrationId, "authorization code exchange",
				RestClientAuthorizationCodeTokenResponseClient::new, () -> {
					RestClientAuthorizationCodeTokenResponseClient asRegistered = new RestClientAuthorizationCodeTokenResponseClient();
					asRegistered.setRestClient(DiscordTokenResponses.restClient());
					return asRegistered;
				});
	}

	@Override
	AccessToken requestToken(Client client, OAuth2AuthorizationCodeGrantRequest grantRequest) {
		OAuth2AuthorizationRequest authorizationRequest = grantRequest.getAuthorizationExchange()
			.getAuthorizationRequest();
		String code = grantRequest.getAuthorizationExchange().getAuthorizationResponse().getCode();
		String codeVerifier = authorizationRequest.getAttribute(PkceParameterNames.CODE_VERIFIER);
		return client.exchangeCode(code, codeVerifier, authorizationRequest.getRedirectUri());
	}

}
