package io.github.discordoauth2.security.web;

import java.io.IOException;
import java.time.Instant;
import java.util.function.Supplier;

import io.github.discordoauth2.AccessToken;
import io.github.discordoauth2.Client;
import io.github.discordoauth2.exceptions.HttpException;
import io.github.discordoauth2.security.DiscordUnauthorized;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.jspecify.annotations.Nullable;

import org.springframework.core.Ordered;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.util.Assert;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;

/**
 * Recovers when Discord answers 401 to the {@link AccessToken} a controller received: the
 * token died before its recorded expiry (the user removed the application, or Discord
 * expired or revoked the token). It marks the stored token as expired (or forgets the
 * authorized client when there is no refresh token), so that it is never handed out
 * again, then sends a {@code GET} or {@code HEAD} request to the same URL again: there
 * the token is refreshed, or, if the refresh is refused too, the user goes through a
 * fresh login. Any other request is answered HTTP 401 with
 * {@link DiscordUnauthorized#MESSAGE}, which names the cause, as repeating it could
 * repeat its effects.
 *
 * <p>
 * It repeats a request at most once per token (remembered in the session by a
 * fingerprint, never the token), acts only when the request resolved an
 * {@code AccessToken} argument, only while the stored token is still the one handed to
 * the controller, and only after Discord confirmed that this very token is refused
 * ({@code GET /oauth2/@me} answers 401), so that a 401 of another call (e.g. one with the
 * bot token) is not blamed on the user. Everything else is left to the application's
 * exception handling. The starter registers it unless
 * {@code discord.oauth2.login.refresh-on-unauthorized} is {@code false}.
 *
 * @since 0.1.0
 */
public final class DiscordUnauthorizedExceptionResolver implements HandlerExceptionResolver, Ordered {

	private static final String RETRIED_TOKEN_ATTRIBUTE = DiscordUnauthorizedExceptionResolver.class.getName()
			+ ".RETRIED_TOKEN";

	private final Client client;

	private final String registrationId;

	private final Supplier<OAuth2AuthorizedClientRepository> authorizedClientRepository;

	private SecurityContextHolderStrategy securityContextHolderStrategy = SecurityContextHolder
		.getContextHolderStrategy();

	/**
	 * Creates the resolver.
	 * @param client the core client that the tokens belong to
	 * @param registrationId the ID of the Discord registration, e.g. {@code discord}
	 * @param authorizedClientRepository supplies where Spring Security keeps the user's
	 * tokens (looked up lazily)
	 */
	public DiscordUnauthorizedExceptionResolver(Client client, String registrationId,
			Supplier<OAuth2AuthorizedClientRepository> authorizedClientRepository) {
		Assert.notNull(client, "client must not be null");
		Assert.hasText(registrationId, "registrationId must not be empty");
		Assert.notNull(authorizedClientRepository, "authorizedClientRepository must not be null");
		this.client = client;
		this.registrationId = registrationId;
		this.authorizedClientRepository = authorizedClientRepository;
	}

	/**
	 * Sets where the current authentication is read from.
	 * @param securityContextHolderStrategy the strategy to use
	 */
	public void setSecurityContextHolderStrategy(SecurityContextHolderStrategy securityContextHolderStrategy) {
		Assert.notNull(securityContextHolderStrategy, "securityContextHolderStrategy must not be null");
		this.securityContextHolderStrategy = securityContextHolderStrategy;
	}

	@Override
	public int getOrder() {
		// Before Spring MVC's own resolvers, so that a catch-all @ExceptionHandler does
		// not hide the retry.
		return Ordered.HIGHEST_PRECEDENCE + 1;
	}

	@Override
	public @Nullable ModelAndView resolveException(HttpServletRequest request, HttpServletResponse response,
			@Nullable Object handler, Exception ex) {
		if (!DiscordUnauthorized.isUnauthorized(ex) || response.isCommitted()) {
			return null;
		}
		if (!(request
			.getAttribute(DiscordAccessTokenArgumentResolver.RESOLVED_TOKEN_ATTRIBUTE) instanceof String used)) {
			return null;
		}
		Authentication authentication = this.securityContextHolderStrategy.getContext().getAuthentication();
		OAuth2AuthorizedClientRepository repository = this.authorizedClientRepository.get();
		if (authentication == null || repository == null) {
			return null;
		}
		OAuth2AuthorizedClient authorized = repository.loadAuthorizedClient(this.registrationId, authentication,
				request);
		if (authorized == null || !used.equals(TokenFingerprint.of(authorized.getAccessToken().getTokenValue()))) {
			return null;
		}
		if (!isRefusedByDiscord(authorized.getAccessToken().getTokenValue())) {
			return null;
		}
		if (authorized.getRefreshToken() != null) {
			repository.saveAuthorizedClient(withExpiredAccessToken(authorized), authentication, request, response);
		}
		else {
			repository.removeAuthorizedClient(this.registrationId, authentication, request, response);
		}
		HttpSession existing = request.getSession(false);
		// A token given its chance already is not retried again: no loop.
		boolean retried = existing != null && used.equals(existing.getAttribute(RETRIED_TOKEN_ATTRIBUTE));
		try {
			if (DiscordUnauthorized.isRepeatable(request.getMethod()) && !retried) {
				request.getSession().setAttribute(RETRIED_TOKEN_ATTRIBUTE, used);
				response.sendRedirect(currentUrl(request));
			}
			else {
				response.sendError(HttpServletResponse.SC_UNAUTHORIZED, DiscordUnauthorized.MESSAGE);
			}
		}
		catch (IOException answerFailed) {
			return null;
		}
		return new ModelAndView();
	}

	private boolean isRefusedByDiscord(String accessToken) {
		try {
			this.client.fromAccessToken(accessToken).fetchAuthorization();
			return false;
		}
		catch (HttpException ex) {
			return ex.status() == 401;
		}
		catch (RuntimeException ex) {
			// Discord unreachable or rate-limited: no proof that the token is dead.
			return false;
		}
	}

	private static OAuth2AuthorizedClient withExpiredAccessToken(OAuth2AuthorizedClient authorized) {
		OAuth2AccessToken token = authorized.getAccessToken();
		// Any instant in the past will do: Spring Security refreshes a token whose expiry
		// has passed.
		OAuth2AccessToken expired = new OAuth2AccessToken(token.getTokenType(), token.getTokenValue(), Instant.EPOCH,
				Instant.EPOCH.plusSeconds(1), token.getScopes());
		return new OAuth2AuthorizedClient(authorized.getClientRegistration(), authorized.getPrincipalName(), expired,
				authorized.getRefreshToken());
	}

	private static String currentUrl(HttpServletRequest request) {
		String query = request.getQueryString();
		return request.getRequestURI() + ((query != null) ? "?" + query : "");
	}

}
