package io.github.discordoauth2.support;

import java.time.Instant;
import java.util.Set;

import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AccessToken;

/**
 * Authorized clients as Spring Security hands them over, for tests of one class on its
 * own.
 */
public final class AuthorizedClients {

	private AuthorizedClients() {
	}

	/**
	 * A Discord user's authorized client of the {@code discord} registration, current for
	 * ten minutes, with scope {@code identify} and no refresh token.
	 * @param accessToken the access token's value
	 * @return the authorized client
	 */
	public static OAuth2AuthorizedClient discord(String accessToken) {
		ClientRegistration registration = ClientRegistration.withRegistrationId("discord")
			.clientId("1100000000000000001")
			.clientSecret("secret")
			.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
			.redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
			.authorizationUri("https://discord.com/oauth2/authorize")
			.tokenUri("https://discord.com/api/oauth2/token")
			.build();
		OAuth2AccessToken token = new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, accessToken, Instant.now(),
				Instant.now().plusSeconds(600), Set.of("identify"));
		return new OAuth2AuthorizedClient(registration, "1100000000000000100", token);
	}

}
