package io.github.discordoauth2.security;

import io.github.discordoauth2.AccessToken;
import io.github.discordoauth2.Client;

import org.springframework.security.oauth2.client.endpoint.OAuth2AccessTokenResponseClient;
import org.springframework.security.oauth2.client.endpoint.OAuth2RefreshTokenGrantRequest;
import org.springframework.security.oauth2.client.endpoint.RestClientRefreshTokenTokenResponseClient;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.security.oauth2.core.endpoint.OAuth2AccessTokenResponse;
import org.springframework.util.Assert;

/**
 * Refreshes the access token of a Discord login through the core {@link Client}. Discord rotates
 * the refresh token on every refresh; the new one is in the response, so Spring Security stores it
 * with the authorized client. A refused refresh ({@code invalid_grant}) surfaces as an
 * {@link OAuth2AuthorizationException} with that error code, on which Spring Security's default
 * failure handler removes the authorized client, so the next request starts a fresh login.
 * Registrations of other providers go to a delegate (by default
 * {@link RestClientRefreshTokenTokenResponseClient}).
 *
 * @author discord-oauth2
 */
public final class DiscordRefreshTokenTokenResponseClient
		implements OAuth2AccessTokenResponseClient<OAuth2RefreshTokenGrantRequest> {

	private final Client client;

	private final String registrationId;

	private OAuth2AccessTokenResponseClient<OAuth2RefreshTokenGrantRequest> delegate = new RestClientRefreshTokenTokenResponseClient();

	/**
	 * Creates the client.
	 * @param client the core client that talks to Discord
	 * @param registrationId the ID of the Discord registration, e.g. {@code discord}
	 */
	public DiscordRefreshTokenTokenResponseClient(Client client, String registrationId) {
		Assert.notNull(client, "client must not be null");
		Assert.hasText(registrationId, "registrationId must not be empty");
		this.client = client;
		this.registrationId = registrationId;
	}

	/**
	 * Sets the client for registrations other than Discord's.
	 * @param delegate the token response client for other providers
	 */
	public void setDelegate(OAuth2AccessTokenResponseClient<OAuth2RefreshTokenGrantRequest> delegate) {
		Assert.notNull(delegate, "delegate must not be null");
		this.delegate = delegate;
	}

	@Override
	public OAuth2AccessTokenResponse getTokenResponse(OAuth2RefreshTokenGrantRequest grantRequest) {
		if (!this.registrationId.equals(grantRequest.getClientRegistration().getRegistrationId())) {
			return this.delegate.getTokenResponse(grantRequest);
		}
		AccessToken token;
		try {
			token = this.client.refreshToken(grantRequest.getRefreshToken().getTokenValue());
		}
		catch (OAuth2AuthorizationException ex) {
			throw ex;
		}
		catch (RuntimeException ex) {
			throw DiscordTokenResponses.toAuthorizationException(ex, "token refresh");
		}
		return DiscordTokenResponses.toTokenResponse(token);
	}

}
