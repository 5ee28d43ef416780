package io.github.discordoauth2.security;

import java.util.Objects;

import io.github.discordoauth2.Client;
import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;

/**
 * Spring Security {@link ClientRegistration}s for Discord, with the endpoints taken from
 * a core {@link Client} so that a changed base URL (e.g. a local stand-in) reaches every
 * one of them.
 *
 * @since 0.1.0
 */
public final class DiscordClientRegistrations {

	/**
	 * Name of the user attribute that identifies a Discord user: the snowflake
	 * {@code id}, which never changes (the {@code username} can).
	 */
	public static final String USER_NAME_ATTRIBUTE = "id";

	private DiscordClientRegistrations() {
	}

	/**
	 * A builder pre-filled with Discord's provider details: client ID, authorization-code
	 * grant, HTTP Basic client authentication, authorize, token and user-info endpoints,
	 * the {@code id} user-name attribute and the name "Discord". The caller adds client
	 * secret, redirect URI and scopes.
	 * @param registrationId the registration ID, e.g. {@code discord}
	 * @param client the core client whose endpoints to use
	 * @return a builder ready for {@code clientSecret}, {@code redirectUri} and
	 * {@code scope}
	 */
	public static ClientRegistration.Builder discord(String registrationId, Client client) {
		return ClientRegistration.withRegistrationId(registrationId)
			.clientId(Long.toString(client.clientId()))
			.clientName("Discord")
			.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
			.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
			.authorizationUri(client.authorizationEndpoint().toString())
			.tokenUri(client.tokenEndpoint().toString())
			// Client.baseUrl() never ends with a slash.
			.userInfoUri(client.baseUrl() + "/api/v10/users/@me")
			.userNameAttributeName(USER_NAME_ATTRIBUTE);
	}

	/**
	 * Whether the core client sends the token requests of this registration as the
	 * registration says: same token URI, client id and HTTP Basic client authentication,
	 * and (when known) the same secret as the registration the client was configured for.
	 */
	static boolean isServedBy(ClientRegistration registration, Client client,
			@Nullable ClientRegistration coreRegistration) {
		if (!client.tokenEndpoint().toString().equals(registration.getProviderDetails().getTokenUri())
				|| !Long.toString(client.clientId()).equals(registration.getClientId())
				|| !ClientAuthenticationMethod.CLIENT_SECRET_BASIC
					.equals(registration.getClientAuthenticationMethod())) {
			return false;
		}
		return coreRegistration == null
				|| Objects.equals(coreRegistration.getClientSecret(), registration.getClientSecret());
	}

}
