package io.github.discordoauth2.security;

import io.github.discordoauth2.ReactiveAccessToken;
import io.github.discordoauth2.ReactiveClient;
import reactor.core.publisher.Mono;

import org.springframework.security.oauth2.client.endpoint.OAuth2AuthorizationCodeGrantRequest;
import org.springframework.security.oauth2.client.endpoint.WebClientReactiveAuthorizationCodeTokenResponseClient;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.core.endpoint.PkceParameterNames;

/**
 * Exchanges the authorization code of a Discord login in a WebFlux application through
 * the non-blocking {@link ReactiveClient}: the reactive twin of
 * {@link DiscordAuthorizationCodeTokenResponseClient}, with the same redirect URI and
 * PKCE rules and the same translation of Discord's answers. Registrations of other
 * providers go to a delegate (by default Spring Security's
 * {@link WebClientReactiveAuthorizationCodeTokenResponseClient}).
 *
 * @since 0.1.0
 */
public final class DiscordReactiveAuthorizationCodeTokenResponseClient
		extends DiscordReactiveTokenResponseClient<OAuth2AuthorizationCodeGrantRequest> {

	/**
	 * Creates the client.
	 * @param client the reactive core client that talks to Discord
	 * @param registrationId the ID of the Discord registration, e.g. {@code discord}
	 */
	public DiscordReactiveAuthorizationCodeTokenResponseClient(ReactiveClient client, String registrationId) {
		super(client, registrationId, "authorization code exchange",
				WebClientReactiveAuthorizationCodeTokenResponseClient::new, () -> {
					WebClientReactiveAuthorizationCodeTokenResponseClient asRegistered = new WebClientReactiveAuthorizationCodeTokenResponseClient();
					asRegistered.setWebClient(webClient());
					return asRegistered;
				});
	}

	@Override
	Mono<ReactiveAccessToken> requestToken(ReactiveClient client, OAuth2AuthorizationCodeGrantRequest grantRequest) {
		OAuth2AuthorizationRequest authorizationRequest = grantRequest.getAuthorizationExchange()
			.getAuthorizationRequest();
		String code = grantRequest.getAuthorizationExchange().getAuthorizationResponse().getCode();
		String codeVerifier = authorizationRequest.getAttribute(PkceParameterNames.CODE_VERIFIER);
		return client.exchangeCode(code, codeVerifier, authorizationRequest.getRedirectUri());
	}

}
