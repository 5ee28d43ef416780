package io.github.discordoauth2.benchmarks.requestcost.byhand;

import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;

/**
 * Discord as a user describes it to Spring Security without the starter (Spring Security
 * knows no Discord provider), here pointed at FakeDiscord.
 */
public final class DiscordByHand {

	private DiscordByHand() {
	}

	/**
	 * The registration {@code discord}: authorization code grant, scope {@code identify},
	 * the user's name from the {@code id} attribute of {@code GET /users/@me}.
	 * @param baseUrl Discord's base URL
	 * @param clientId the application's client ID
	 * @param clientSecret its client secret
	 * @return the registration
	 */
	public static ClientRegistration registration(String baseUrl, String clientId, String clientSecret) {
		return ClientRegistration.withRegistrationId("discord")
			.clientId(clientId)
			.clientSecret(clientSecret)
			.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
			.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
			.redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
			.scope("identify")
			.authorizationUri(baseUrl + "/oauth2/authorize")
			.tokenUri(baseUrl + "/api/oauth2/token")
			.userInfoUri(baseUrl + "/api/users/@me")
			.userNameAttributeName("id")
			.clientName("Discord")
			.build();
	}

}
