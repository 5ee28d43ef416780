package io.github.discordoauth2.security;

import java.util.Map;

import org.springframework.security.oauth2.client.endpoint.OAuth2AuthorizationCodeGrantRequest;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationExchange;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationResponse;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;

/**
 * Grant requests as Spring Security builds them on the login callback, for tests that
 * drive the token response clients directly.
 */
public final class GrantRequests {

	private GrantRequests() {
	}

	/**
	 * The code grant of a callback with {@code code}, state {@code s}.
	 * @param registration the registration logged in with
	 * @param code the authorization code
	 * @param redirectUri the redirect URI of the authorization request
	 * @return the grant request
	 */
	public static OAuth2AuthorizationCodeGrantRequest codeGrant(ClientRegistration registration, String code,
			String redirectUri) {
		OAuth2AuthorizationRequest request = OAuth2AuthorizationRequest.authorizationCode()
			.authorizationUri(registration.getProviderDetails().getAuthorizationUri())
			.clientId(registration.getClientId())
			.redirectUri(redirectUri)
			.scopes(registration.getScopes())
			.state("s")
			.attributes(Map.of(OAuth2ParameterNames.REGISTRATION_ID, registration.getRegistrationId()))
			.build();
		OAuth2AuthorizationResponse response = OAuth2AuthorizationResponse.success(code)
			.redirectUri(redirectUri)
			.state("s")
			.build();
		return new OAuth2AuthorizationCodeGrantRequest(registration,
				new OAuth2AuthorizationExchange(request, response));
	}

}
