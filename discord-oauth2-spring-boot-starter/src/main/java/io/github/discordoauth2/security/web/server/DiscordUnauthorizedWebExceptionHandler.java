package io.github.discordoauth2.security.web.server;

import java.net.URI;
import java.time.Instant;
import java.util.function.Supplier;

import io.github.discordoauth2.ReactiveAccessToken;
import io.github.discordoauth2.ReactiveClient;
import io.github.discordoauth2.exceptions.HttpException;
import io.github.discordoauth2.security.DiscordUnauthorized;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.web.server.ServerOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.util.Assert;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;

/**
 * Recovers when Discord answers 401 to the {@link ReactiveAccessToken} a WebFlux
 * controller received, as {@code DiscordUnauthorizedExceptionResolver} does for Spring
 * MVC ({@link DiscordUnauthorized}): after Discord confirmed that this very token is
 * refused ({@code GET /oauth2/@me}), the stored token is marked expired (or forgotten
 * when there is no refresh token), so that it is never handed out again; a {@code GET} or
 * {@code HEAD} request is sent to the same URL again (there the token is refreshed, or
 * the user logs in afresh), at most once per token; any other request fails with a
 * {@link ResponseStatusException} 401 whose reason names the cause.
 *
 * <p>
 * It runs before Spring Boot's error handler ({@link #getOrder()}); an application's own
 * {@code @ExceptionHandler} for {@code ForbiddenException} or any exception still comes
 * first, as WebFlux applies those inside the handler. The starter registers it unless
 * {@code discord.oauth2.login.refresh-on-unauthorized} is {@code false}.
 *
 */
public final class DiscordUnauthorizedWebExceptionHandler implements WebExceptionHandler, Ordered {

	private static final String RETRIED_TOKEN_ATTRIBUTE = DiscordUnauthorizedWebExceptionHandler.class.getName()
			+ ".RETRIED_TOKEN";

	private final ReactiveClient client;

	private final String registrationId;

	private final Supplier<ServerOAuth2AuthorizedClientRepository> authorizedClientRepository;

	/**
	 * Creates the handler.
	 * @param client the reactive core client that the tokens belong to
	 * @param registrationId the ID of the Discord registration, e.g. {@code discord}
	 * @param authorizedClientRepository supplies where Spring Security keeps the user's
	 * tokens (looked up lazily)
	 */
	public DiscordUnauthorizedWebExceptionHandler(ReactiveClient client, String registrationId,
			Supplier<ServerOAuth2AuthorizedClientRepository> authorizedClientRepository) {
		Assert.notNull(client, "client must not be null");
		Assert.hasText(registrationId, "registrationId must not be empty");
		Assert.notNull(authorizedClientRepository, "authorizedClientRepository must not be null");
		this.client = client;
		this.registrationId = registrationId;
		this.authorizedClientRepository = authorizedClientRepository;
	}

	@Override
	public int getOrder() {
		// Before Spring Boot's ErrorWebExceptionHandler (-1), which would answer 500.
		return -2;
	}

	@Override
	public Mono<Void> handle(ServerWebExchange exchange, Throwable ex) {
		Object used = exchange.getAttribute(DiscordReactiveAccessTokenArgumentResolver.RESOLVED_TOKEN_ATTRIBUTE);
		Object authentication = exchange
			.getAttribute(DiscordReactiveAccessTokenArgumentResolver.RESOLVED_AUTHENTICATION_ATTRIBUTE);
		ServerOAuth2AuthorizedClientRepository repository = this.authorizedClientRepository.get();
		if (!DiscordUnauthorized.isUnauthorized(ex) || !(used instanceof String fingerprint)
				|| !(authentication instanceof Authentication user) || repository == null
				|| exchange.getResponse().isCommitted()) {
			return Mono.error(ex);
		}
		return repository.<OAuth2AuthorizedClient>loadAuthorizedClient(this.registrationId, user, exchange)
			.filter((authorized) -> fingerprint
				.equals(DiscordUnauthorized.fingerprint(authorized.getAccessToken().getTokenValue())))
			.filterWhen((authorized) -> isRefusedByDiscord(authorized.getAccessToken().getTokenValue()))
			.flatMap((authorized) -> setAside(authorized, user, repository, exchange)
				.then(answer(exchange, fingerprint, ex))
				.thenReturn(true))
			.defaultIfEmpty(false)
			.flatMap((handled) -> handled ? Mono.<Void>empty() : Mono.<Void>error(ex));
	}

	private Mono<Void> setAside(OAuth2AuthorizedClient authorized, Authentication user,
			ServerOAuth2AuthorizedClientRepository repository, ServerWebExchange exchange) {
		if (authorized.getRefreshToken() != null) {
			return repository.saveAuthorizedClient(withExpiredAccessToken(authorized), user, exchange);
		}
		return repository.removeAuthorizedClient(this.registrationId, user, exchange);
	}

	private Mono<Void> answer(ServerWebExchange exchange, String fingerprint, Throwable ex) {
		ServerHttpRequest request = exchange.getRequest();
		if (!DiscordUnauthorized.isRepeatable(request.getMethod().name())) {
			return Mono.error(new ResponseStatusException(HttpStatus.UNAUTHORIZED, DiscordUnauthorized.MESSAGE, ex));
		}
		return exchange.getSession().flatMap((session) -> {
			if (fingerprint.equals(session.getAttribute(RETRIED_TOKEN_ATTRIBUTE))) {
				// This token was given its chance already: do not loop.
				return Mono
					.error(new ResponseStatusException(HttpStatus.UNAUTHORIZED, DiscordUnauthorized.MESSAGE, ex));
			}
			session.getAttributes().put(RETRIED_TOKEN_ATTRIBUTE, fingerprint);
			ServerHttpResponse response = exchange.getResponse();
			response.setStatusCode(HttpStatus.FOUND);
			URI uri = request.getURI();
			String query = uri.getRawQuery();
			response.getHeaders().setLocation(URI.create(uri.getRawPath() + ((query != null) ? "?" + query : "")));
			return response.setComplete();
		});
	}

	private Mono<Boolean> isRefusedByDiscord(String accessToken) {
		return this.client.fromAccessToken(accessToken)
			.fetchAuthorization()
			.thenReturn(false)
			.onErrorResume(HttpException.class, (refused) -> Mono.just(refused.status() == 401))
			// Discord unreachable or rate-limited: no proof that the token is dead.
			.onErrorReturn(false);
	}

	private static OAuth2AuthorizedClient withExpiredAccessToken(OAuth2AuthorizedClient authorized) {
		OAuth2AccessToken token = authorized.getAccessToken();
		// Any instant in the past will do: the token is refreshed before its next use.
		OAuth2AccessToken expired = new OAuth2AccessToken(token.getTokenType(), token.getTokenValue(), Instant.EPOCH,
				Instant.EPOCH.plusSeconds(1), token.getScopes());
		return new OAuth2AuthorizedClient(authorized.getClientRegistration(), authorized.getPrincipalName(), expired,
				authorized.getRefreshToken());
	}

}
