package io.github.discordoauth2.security.web;

import java.io.IOException;
import java.util.function.Supplier;

import io.github.discordoauth2.AccessToken;
import io.github.discordoauth2.security.DiscordUnauthorized;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
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
 * Recovers when Discord refuses the {@link AccessToken} a controller received (HTTP 401
 * on a call made with it), as {@link DiscordUnauthorized#recover} decides for both web
 * stacks. It reads the stored token again through the authorized client repository (which
 * also drops this instance's copy of it): when another request or instance refreshed it
 * while this one ran, a {@code GET} or {@code HEAD} request is sent to the same URL again
 * and runs with the newer token, and any other request is answered HTTP 409 with
 * {@link DiscordUnauthorized#REPLACED_MESSAGE}. When the store still holds the refused
 * token, it is marked as expired (or forgotten when there is no refresh token), so that
 * it is never handed out again, and a {@code GET} or {@code HEAD} is sent again: there
 * the token is refreshed, or, if the refresh is refused too, the user goes through a
 * fresh login; any other request is answered HTTP 401 with
 * {@link DiscordUnauthorized#MESSAGE}. When the store holds nothing any more, a
 * {@code GET} leads to the login.
 *
 * <p>
 * It repeats a request at most once per token it set aside (remembered in memory by a
 * fingerprint, never the token), and acts only when the request resolved an
 * {@code AccessToken} argument and the refused credential was a user's access token
 * ({@link io.github.discordoauth2.exceptions.HttpException#credential()}), so that a 401
 * of a call with the bot token is not blamed on the user; no call to Discord is made to
 * find out. Everything else is left to the application's exception handling. With
 * {@code discord.oauth2.login.refresh-on-unauthorized=false}, a refused token that is
 * still stored is left to the application too, but a token replaced meanwhile is still
 * recovered from.
 *
 * @since 0.1.0
 */
public final class DiscordUnauthorizedExceptionResolver implements HandlerExceptionResolver, Ordered {

	private final DiscordUnauthorized.Retries retries = new DiscordUnauthorized.Retries();

	private final String registrationId;

	private final Supplier<OAuth2AuthorizedClientRepository> authorizedClientRepository;

	private boolean refreshOnUnauthorized = true;

	private SecurityContextHolderStrategy securityContextHolderStrategy = SecurityContextHolder
		.getContextHolderStrategy();

	/**
	 * Creates the resolver.
	 * @param registrationId the ID of the Discord registration, e.g. {@code discord}
	 * @param authorizedClientRepository supplies where Spring Security keeps the user's
	 * tokens (looked up lazily)
	 */
	public DiscordUnauthorizedExceptionResolver(String registrationId,
			Supplier<OAuth2AuthorizedClientRepository> authorizedClientRepository) {
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
		if (!DiscordUnauthorized.isUserTokenRefused(ex) || response.isCommitted()) {
			return null;
		}
		if (!(request.getAttribute(
				DiscordAccessTokenArgumentResolver.RESOLVED_TOKEN_ATTRIBUTE) instanceof OAuth2AccessToken usedToken)) {
			return null;
		}
		String used = DiscordUnauthorized.fingerprint(usedToken.getTokenValue());
		Authentication authentication = this.securityContextHolderStrategy.getContext().getAuthentication();
		OAuth2AuthorizedClientRepository repository = this.authorizedClientRepository.get();
		if (authentication == null || repository == null) {
			return null;
		}
		OAuth2AuthorizedClient stored = repository.loadAuthorizedClient(this.registrationId, authentication, request);
		DiscordUnauthorized.Recovery recovery = DiscordUnauthorized.recover(stored, used, request.getMethod(),
				this.retries.retried(used), this.refreshOnUnauthorized);
		if (recovery == null) {
			return null;
		}
		if (recovery.setAside() && stored != null) {
			if (stored.getRefreshToken() != null) {
				repository.saveAuthorizedClient(DiscordUnauthorized.setAside(stored), authentication, request,
						response);
			}
			else {
				repository.removeAuthorizedClient(this.registrationId, authentication, request, response);
			}
		}
		try {
			if (recovery.sendAgain()) {
				if (recovery.setAside()) {
					this.retries.remember(used);
				}
				response.sendRedirect(currentUrl(request));
			}
			else {
				response.sendError(recovery.status(), recovery.message());
			}
		}
		catch (IOException answerFailed) {
			return null;
		}
		return new ModelAndView();
	}

	private static String currentUrl(HttpServletRequest request) {
		String query = request.getQueryString();
		return request.getRequestURI() + ((query != null) ? "?" + query : "");
	}

}
