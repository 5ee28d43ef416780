package io.github.discordoauth2.security;

import java.util.function.Supplier;

import io.github.discordoauth2.Client;
import io.github.discordoauth2.ReactiveAccessToken;
import io.github.discordoauth2.ReactiveClient;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.security.oauth2.client.endpoint.AbstractOAuth2AuthorizationGrantRequest;
import org.springframework.security.oauth2.client.endpoint.ReactiveOAuth2AccessTokenResponseClient;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.endpoint.OAuth2AccessTokenResponse;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * What the reactive Discord token response clients share, as
 * {@link DiscordTokenResponseClient} does for the servlet stack: requests of the Discord
 * registration go through the non-blocking {@link ReactiveClient} (User-Agent, rate
 * limits, Discord's {@code guild}/{@code webhook} extras, PKCE as the request carries
 * it), the answer and errors are translated by {@link DiscordTokenResponses}, the rest
 * goes to a delegate or, for an edited Discord registration, to Spring Security's own
 * client with Discord's User-Agent.
 *
 * @param <T> the grant request type
 */
abstract class DiscordReactiveTokenResponseClient<T extends AbstractOAuth2AuthorizationGrantRequest>
		implements ReactiveOAuth2AccessTokenResponseClient<T> {

	private final ReactiveClient client;

	private final String grant;

	private final DiscordGrantRouter<ReactiveOAuth2AccessTokenResponseClient<T>> router;

	DiscordReactiveTokenResponseClient(ReactiveClient client, String registrationId, String grant,
			Supplier<ReactiveOAuth2AccessTokenResponseClient<T>> defaultDelegate,
			Supplier<ReactiveOAuth2AccessTokenResponseClient<T>> asRegistered) {
		this.router = new DiscordGrantRouter<>(client.client(), registrationId, defaultDelegate, asRegistered);
		this.client = client;
		this.grant = grant;
	}

	/**
	 * Sets the registration the core client was configured for (the starter's, from
	 * {@code discord.oauth2.*}), so that an edited client secret is noticed too.
	 * @param coreRegistration the registration built from the same settings as the client
	 */
	public void setCoreRegistration(ClientRegistration coreRegistration) {
		this.router.setCoreRegistration(coreRegistration);
	}

	/**
	 * Sets the client for registrations other than Discord's.
	 * @param delegate the token response client for other providers
	 */
	public void setDelegate(ReactiveOAuth2AccessTokenResponseClient<T> delegate) {
		this.router.setDelegate(delegate);
	}

	@Override
	public final Mono<OAuth2AccessTokenResponse> getTokenResponse(T grantRequest) {
		return Mono.defer(() -> {
			ReactiveOAuth2AccessTokenResponseClient<T> other = this.router
				.clientFor(grantRequest.getClientRegistration());
			if (other != null) {
				return other.getTokenResponse(grantRequest);
			}
			return requestToken(this.client, grantRequest)
				.map((token) -> DiscordTokenResponses.toTokenResponse(token.toBlocking()))
				.onErrorMap(RuntimeException.class,
						(ex) -> DiscordTokenResponses.toAuthorizationException(ex, this.grant));
		});
	}

	/**
	 * Asks Discord for the token of a grant request of the Discord registration.
	 * @param client the core client
	 * @param grantRequest the grant request
	 * @return the token Discord issued
	 */
	abstract Mono<ReactiveAccessToken> requestToken(ReactiveClient client, T grantRequest);

	/**
	 * The HTTP client of Spring Security's reactive token response clients, with
	 * Discord's User-Agent, for a Discord registration the core client does not stand
	 * for.
	 */
	static WebClient webClient() {
		return WebClient.builder().defaultHeader(HttpHeaders.USER_AGENT, Client.userAgent()).build();
	}

}
