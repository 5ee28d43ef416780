package io.github.discordoauth2.security.web.server;

import io.github.discordoauth2.ReactiveClient;
import io.github.discordoauth2.TokenTypeHint;
import io.github.discordoauth2.security.tokens.DiscordRevocation;
import io.github.discordoauth2.security.web.DiscordRevokeTokenLogoutHandler;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.web.server.ServerOAuth2AuthorizedClientRepository;
import org.springframework.security.web.server.WebFilterExchange;
import org.springframework.security.web.server.authentication.logout.ServerLogoutHandler;
import org.springframework.util.Assert;

/**
 * Revokes the user's Discord authorization on logout and forgets the authorized client,
 * for a WebFlux application that keeps Discord's tokens itself (its own
 * {@code ReactiveOAuth2AuthorizedClientService}, so the starter's token store and
 * {@link DiscordTokensServerLogoutHandler} are not there): the reactive counterpart of
 * {@link DiscordRevokeTokenLogoutHandler}. {@code discord.oauth2.login.revoke-on-logout}
 * (or {@code discordLogin(context).revokeTokenOnLogout(true)}) adds it to the starter's
 * chains; with the token store, {@code discord.oauth2.token-store.on-logout=revoke} does
 * the same through {@link DiscordTokensServerLogoutHandler} instead.
 *
 * <p>
 * Revoking either token revokes the whole authorization at Discord. A failed revocation
 * does not stop the logout; it is logged at WARN level without the token, and the
 * {@link DiscordRevocation} is left in the exchange attribute
 * {@link DiscordRevocation#ATTRIBUTE}.
 *
 * @since 0.1.0
 */
public final class DiscordRevokeTokenServerLogoutHandler implements ServerLogoutHandler {

	private static final Log logger = LogFactory.getLog(DiscordRevokeTokenServerLogoutHandler.class);

	private final ReactiveClient client;

	private final String registrationId;

	private final ServerOAuth2AuthorizedClientRepository authorizedClientRepository;

	/**
	 * Creates the handler.
	 * @param client the reactive core client that revokes the token
	 * @param registrationId the ID of the Discord registration, e.g. {@code discord}
	 * @param authorizedClientRepository where Spring Security keeps the user's tokens
	 */
	public DiscordRevokeTokenServerLogoutHandler(ReactiveClient client, String registrationId,
			ServerOAuth2AuthorizedClientRepository authorizedClientRepository) {
		Assert.notNull(client, "client must not be null");
		Assert.hasText(registrationId, "registrationId must not be empty");
		Assert.notNull(authorizedClientRepository, "authorizedClientRepository must not be null");
		this.client = client;
		this.registrationId = registrationId;
		this.authorizedClientRepository = authorizedClientRepository;
	}

	@Override
	public Mono<Void> logout(WebFilterExchange exchange, @Nullable Authentication authentication) {
		if (authentication == null) {
			return Mono.empty();
		}
		return this.authorizedClientRepository
			.<OAuth2AuthorizedClient>loadAuthorizedClient(this.registrationId, authentication, exchange.getExchange())
			.flatMap((authorized) -> revoke(authorized).doOnNext(
					(revocation) -> exchange.getExchange().getAttributes().put(DiscordRevocation.ATTRIBUTE, revocation))
				.then(this.authorizedClientRepository.removeAuthorizedClient(this.registrationId, authentication,
						exchange.getExchange())));
	}

	private Mono<DiscordRevocation> revoke(OAuth2AuthorizedClient authorized) {
		// The refresh token outlives the access token, so it revokes even after the
		// access token expired.
		Mono<Void> revocation = (authorized.getRefreshToken() != null)
				? this.client.revokeToken(authorized.getRefreshToken().getTokenValue(), TokenTypeHint.REFRESH_TOKEN)
				: this.client.revokeToken(authorized.getAccessToken().getTokenValue(), TokenTypeHint.ACCESS_TOKEN);
		return revocation.thenReturn(DiscordRevocation.REVOKED).onErrorResume(RuntimeException.class, (ex) -> {
			logger.warn("Could not revoke the Discord authorization of the user logging out ("
					+ ex.getClass().getSimpleName() + "); it may stay authorized at Discord");
			return Mono.just(DiscordRevocation.FAILED);
		});
	}

}
