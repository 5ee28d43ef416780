package io.github.discordoauth2.security.web.server;

import java.net.URI;
import java.util.Optional;
import java.util.function.Supplier;

import io.github.discordoauth2.ReactiveAccessToken;
import io.github.discordoauth2.security.DiscordUnauthorized;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
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
 * Recovers when Discord refuses the {@link ReactiveAccessToken} a WebFlux controller
 * received (HTTP 401 on a call made with it), as
 * {@code DiscordUnauthorizedExceptionResolver} does for Spring MVC, by the same rule
 * ({@link DiscordUnauthorized#recover}): the stored token is read again; when another
 * request or instance replaced it meanwhile, a {@code GET} or {@code HEAD} request is
 * sent to the same URL again and runs with the newer token, and any other request fails
 * with a {@link ResponseStatusException} 409; when the store still holds the refused
 * token, it is marked expired (or forgotten when there is no refresh token), so that it
 * is never handed out again, a {@code GET} or {@code HEAD} is sent again (there the token
 * is refreshed, or the user logs in afresh), and any other request fails with a
 * {@link ResponseStatusException} 401 whose reason names the cause. A request is sent
 * again at most once per token. Only a refused user token counts (a 401 on a bot-token
 * call is left alone), and no call to Discord is made to find out.
 *
 * <p>
 * It runs before Spring Boot's error handler ({@link #getOrder()}); an application's own
 * {@code @ExceptionHandler} for {@code ForbiddenException} or any exception still comes
 * first, as WebFlux applies those inside the handler. With
 * {@code discord.oauth2.login.refresh-on-unauthorized=false}, a refused token that is
 * still stored is left to the application.
 *
 * @since 0.1.0
 */
public final class DiscordUnauthorizedWebExceptionHandler implements WebExceptionHandler, Ordered {

	private final DiscordUnauthorized.Retries retries = new DiscordUnauthorized.Retries();

	private final String registrationId;

	private final Supplier<ServerOAuth2AuthorizedClientRepository> authorizedClientRepository;

	private boolean refreshOnUnauthorized = true;

	/**
	 * Creates the handler.
	 * @param registrationId the ID of the Discord registration, e.g. {@code discord}
	 * @param authorizedClientRepository supplies where Spring Security keeps the user's
	 * tokens (looked up lazily)
	 */
	public DiscordUnauthorizedWebExceptionHandler(String registrationId,
			Supplier<ServerOAuth2AuthorizedClientRepository> authorizedClientRepository) {
		Assert.hasText(registrationId, "registrationId must not be empty");
		Assert.notNull(authorizedClientRepository, "authorizedClientRepository must not be null");
		this.registrationId = registrationId;
		this.authorizedClientRepository = authorizedClientRepository;
	}

	/**
	 * Sets whether a refused token that the store still holds is set aside and the
	 * request sent again ({@code discord.oauth2.login.refresh-on-unauthorized}); when
	 * {@code false} that case is left to the application. Default {@code true}.
	 * @param refreshOnUnauthorized whether to recover from a refused stored token
	 */
	public void setRefreshOnUnauthorized(boolean refreshOnUnauthorized) {
		this.refreshOnUnauthorized = refreshOnUnauthorized;
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
		if (!DiscordUnauthorized.isUserTokenRefused(ex) || !(used instanceof OAuth2AccessToken usedToken)
				|| !(authentication instanceof Authentication user) || repository == null
				|| exchange.getResponse().isCommitted()) {
			return Mono.error(ex);
		}
		String fingerprint = DiscordUnauthorized.fingerprint(usedToken.getTokenValue());
		return repository.<OAuth2AuthorizedClient>loadAuthorizedClient(this.registrationId, user, exchange)
			.map(Optional::of)
			.defaultIfEmpty(Optional.empty())
			.flatMap((loaded) -> {
				OAuth2AuthorizedClient stored = loaded.orElse(null);
				DiscordUnauthorized.Recovery recovery = DiscordUnauthorized.recover(stored, fingerprint,
						exchange.getRequest().getMethod().name(), this.retries.retried(fingerprint),
						this.refreshOnUnauthorized);
				if (recovery == null) {
					return Mono.<Void>error(ex);
				}
				Mono<Void> setAside = (recovery.setAside() && stored != null)
						? setAside(stored, user, repository, exchange) : Mono.empty();
				return setAside.then(answer(exchange, fingerprint, recovery, ex));
			});
	}

	private Mono<Void> setAside(OAuth2AuthorizedClient authorized, Authentication user,
			ServerOAuth2AuthorizedClientRepository repository, ServerWebExchange exchange) {
		if (authorized.getRefreshToken() != null) {
			return repository.saveAuthorizedClient(DiscordUnauthorized.setAside(authorized), user, exchange);
		}
		return repository.removeAuthorizedClient(this.registrationId, user, exchange);
	}

	private Mono<Void> answer(ServerWebExchange exchange, String fingerprint, DiscordUnauthorized.Recovery recovery,
			Throwable ex) {
		if (!recovery.sendAgain()) {
			return Mono
				.error(new ResponseStatusException(HttpStatusCode.valueOf(recovery.status()), recovery.message(), ex));
		}
		if (recovery.setAside()) {
			this.retries.remember(fingerprint);
		}
		ServerHttpResponse response = exchange.getResponse();
		response.setStatusCode(HttpStatus.FOUND);
		URI uri = exchange.getRequest().getURI();
		String query = uri.getRawQuery();
		response.getHeaders().setLocation(URI.create(uri.getRawPath() + ((query != null) ? "?" + query : "")));
		return response.setComplete();
	}

}
