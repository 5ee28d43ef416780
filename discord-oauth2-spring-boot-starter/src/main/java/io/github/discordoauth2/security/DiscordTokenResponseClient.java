package io.github.discordoauth2.security;

import java.util.function.Supplier;

import io.github.discordoauth2.AccessToken;
import io.github.discordoauth2.Client;

import org.springframework.security.oauth2.client.endpoint.AbstractOAuth2AuthorizationGrantRequest;
import org.springframework.security.oauth2.client.endpoint.OAuth2AccessTokenResponseClient;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.endpoint.OAuth2AccessTokenResponse;

/**
 * What the Discord token response clients share: Spring Security uses one such client per
 * grant for all registrations, so requests of the Discord registration go through the
 * core {@link Client} and the rest to a delegate; the core's answer and exceptions are
 * translated by {@link DiscordTokenResponses}. A Discord registration that the
 * application edited so that the core client no longer stands for it (another token URI,
 * client id, secret or client authentication method) is sent as the registration says, by
 * Spring Security's own client with Discord's User-Agent.
 *
 * @param <T> the grant request type
 */
abstract class DiscordTokenResponseClient<T extends AbstractOAuth2AuthorizationGrantRequest>
		implements OAuth2AccessTokenResponseClient<T> {

	private final Client client;

	private final String grant;

	private final DiscordGrantRouter<OAuth2AccessTokenResponseClient<T>> router;

	/**
	 * Creates the client.
	 * @param client the core client that talks to Discord
	 * @param registrationId the ID of the Discord registration
	 * @param grant the grant in Discord's error messages, e.g. {@code token refresh}
	 * @param defaultDelegate creates the client for other registrations, unless one is
	 * set
	 * @param asRegistered creates the client for an edited Discord registration
	 */
	DiscordTokenResponseClient(Client client, String registrationId, String grant,
			Supplier<OAuth2AccessTokenResponseClient<T>> defaultDelegate,
			Supplier<OAuth2AccessTokenResponseClient<T>> asRegistered) {
		this.router = new DiscordGrantRouter<>(client, registrationId, defaultDelegate, asRegistered);
		this.client = client;
		this.grant = grant;
	}

	/**
	 * Sets the registration the core client was configured for (the starter's, from
	 * {@code discord.oauth2.*}), so that an edited client secret is noticed too; without
	 * it only the token URI, client id and client authentication method are compared with
	 * the client.
	 * @param coreRegistration the registration built from the same settings as the client
	 */
	public void setCoreRegistration(ClientRegistration coreRegistration) {
		this.router.setCoreRegistration(coreRegistration);
	}

	/**
	 * Sets the client for registrations other than Discord's.
	 * @param delegate the token response client for other providers
	 */
	public void setDelegate(OAuth2AccessTokenResponseClient<T> delegate) {
		this.router.setDelegate(delegate);
	}

	@Override
	public final OAuth2AccessTokenResponse getTokenResponse(T grantRequest) {
		OAuth2AccessTokenResponseClient<T> other = this.router.clientFor(grantRequest.getClientRegistration());
		if (other != null) {
			return other.getTokenResponse(grantRequest);
		}
		AccessToken token;
		try {
			token = requestToken(this.client, grantRequest);
		}
		catch (RuntimeException ex) {
			throw DiscordTokenResponses.toAuthorizationException(ex, this.grant);
		}
		return DiscordTokenResponses.toTokenResponse(token);
	}

	/**
	 * Asks Discord for the token of a grant request of the Discord registration.
	 * @param client the core client
	 * @param grantRequest the grant request
	 * @return the token Discord issued
	 */
	abstract AccessToken requestToken(Client client, T grantRequest);

}
