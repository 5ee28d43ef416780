package io.github.discordoauth2.security;

import io.github.discordoauth2.AccessToken;
import io.github.discordoauth2.Client;

import org.springframework.security.oauth2.client.endpoint.OAuth2AccessTokenResponseClient;
import org.springframework.security.oauth2.client.endpoint.OAuth2AuthorizationCodeGrantRequest;
import org.springframework.security.oauth2.client.endpoint.RestClientAuthorizationCodeTokenResponseClient;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.security.oauth2.core.endpoint.OAuth2AccessTokenResponse;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.core.endpoint.PkceParameterNames;
import org.springframework.util.Assert;

/**
 * Exchanges the authorization code of a Discord login through the core {@link Client}, so that
 * the User-Agent, rate limits and Discord's {@code guild}/{@code webhook} extras are handled in one
 * place. Registrations of other providers go to a delegate (by default Spring Security's own
 * {@link RestClientAuthorizationCodeTokenResponseClient}), because Spring Security uses one such
 * client for all registrations.
 *
 * <p>
 * The redirect URI sent is the one of this very authorization request (Spring expands
 * {@code {baseUrl}} per request), and the PKCE verifier is the one Spring stored with it.
 *
 * @author discord-oauth2
 */
public final class DiscordAuthorizationCodeTokenResponseClient
		implements OAuth2AccessTokenResponseClient<OAuth2AuthorizationCodeGrantRequest> {

	private final Client client;

	private final String registrationId;

	private OAuth2AccessTokenResponseClient<OAuth2AuthorizationCodeGrantRequest> delegate = new RestClientAuthorizationCodeTokenResponseClient();

	/**
	 * Creates the client.
	 * @param client the core client that talks to Discord
	 * @param registrationId the ID of the Discord registration, e.g. {@code discord}
	 */
	public DiscordAuthorizationCodeTokenResponseClient(Client client, String registrationId) {
		Assert.notNull(client, "client must not be null");
		Assert.hasText(registrationId, "registrationId must not be empty");
		this.client = client;
		this.registrationId = registrationId;
	}

	/**
	 * Sets the client for registrations other than Discord's.
	 * @param delegate the token response client for other providers
	 */
	public void setDelegate(OAuth2AccessTokenResponseClient<OAuth2AuthorizationCodeGrantRequest> delegate) {
		Assert.notNull(delegate, "delegate must not be null");
		this.delegate = delegate;
	}

	@Override
	public OAuth2AccessTokenResponse getTokenResponse(OAuth2AuthorizationCodeGrantRequest grantRequest) {
		if (!this.registrationId.equals(grantRequest.getClientRegistration().getRegistrationId())) {
			return this.delegate.getTokenResponse(grantRequest);
		}
		OAuth2AuthorizationRequest authorizationRequest = grantRequest.getAuthorizationExchange()
			.getAuthorizationRequest();
		String code = grantRequest.getAuthorizationExchange().getAuthorizationResponse().getCode();
		String codeVerifier = authorizationRequest.getAttribute(PkceParameterNames.CODE_VERIFIER);
		AccessToken token;
		try {
			token = this.client.exchangeCode(code, codeVerifier, authorizationRequest.getRedirectUri());
		}
		catch (OAuth2AuthorizationException ex) {
			throw ex;
		}
		catch (RuntimeException ex) {
			throw DiscordTokenResponses.toAuthorizationException(ex, "authorization code exchange");
		}
		return DiscordTokenResponses.toTokenResponse(token);
	}

}
