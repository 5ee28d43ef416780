package io.github.discordoauth2.security.web;

import java.util.function.Supplier;

import io.github.discordoauth2.AccessToken;
import io.github.discordoauth2.Client;
import io.github.discordoauth2.security.DiscordAuthorizationRequired;
import io.github.discordoauth2.security.tokens.DiscordAccountLinks;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.core.MethodParameter;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.oauth2.client.ClientAuthorizationException;
import org.springframework.security.oauth2.client.ClientAuthorizationRequiredException;
import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.util.Assert;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/**
 * Resolves a controller method parameter of type {@link AccessToken} to the current
 * user's Discord token.
 *
 * <p>
 * The token comes from the {@link OAuth2AuthorizedClientManager}, so an expired token is
 * refreshed first (and the rotated refresh token stored). When there is no usable token
 * (not logged in with Discord, or the refresh was refused because the user revoked the
 * app) the resolver throws {@link ClientAuthorizationRequiredException}, on which Spring
 * Security's authorization request filter sends the user to Discord for a fresh login and
 * back to the same page. A user who signed in some other way gets the token of the
 * Discord account they connected ({@link DiscordAccountLinks}), else
 * {@link DiscordAccountRequiredException} (HTTP 403), as that login would replace their
 * identity. When Discord refuses the token before its expiry (HTTP 401),
 * {@link DiscordUnauthorizedExceptionResolver} takes over.
 *
 * @since 0.1.0
 */
public final class DiscordAccessTokenArgumentResolver implements HandlerMethodArgumentResolver {

	/**
	 * Request attribute holding the access token handed to the controller, for
	 * {@link DiscordUnauthorizedExceptionResolver}, which fingerprints it only when
	 * Discord refused it. Spring Security's {@code OAuth2AccessToken} does not print its
	 * value.
	 */
	static final String RESOLVED_TOKEN_ATTRIBUTE = DiscordAccessTokenArgumentResolver.class.getName()
			+ ".RESOLVED_TOKEN";

	private static final Authentication ANONYMOUS = new AnonymousAuthenticationToken("anonymous", "anonymousUser",
			AuthorityUtils.createAuthorityList("ROLE_ANONYMOUS"));

	private final Client client;

	private final String registrationId;

	private final Supplier<OAuth2AuthorizedClientManager> authorizedClientManager;

	// Kept once found: a bean factory lookup on every request costs more than the token
	// itself. Until then (a manager registered late) it is looked up again.
	private volatile @Nullable OAuth2AuthorizedClientManager manager;

	private SecurityContextHolderStrategy securityContextHolderStrategy = SecurityContextHolder
		.getContextHolderStrategy();

	/**
	 * Creates the resolver.
	 * @param client the core client that the resolved tokens belong to
	 * @param registrationId the ID of the Discord registration, e.g. {@code discord}
	 * @param authorizedClientManager supplies the manager (looked up lazily, as Spring
	 * Security may register it late)
	 */
	public DiscordAccessTokenArgumentResolver(Client client, String registrationId,
			Supplier<OAuth2AuthorizedClientManager> authorizedClientManager) {
		Assert.notNull(client, "client must not be null");
		Assert.hasText(registrationId, "registrationId must not be empty");
		Assert.notNull(authorizedClientManager, "authorizedClientManager must not be null");
		this.client = client;
		this.registrationId = registrationId;
		this.authorizedClientManager = authorizedClientManager;
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
	public boolean supportsParameter(MethodParameter parameter) {
		return parameter.getParameterType() == AccessToken.class;
	}

	@Override
	public AccessToken resolveArgument(MethodParameter parameter, @Nullable ModelAndViewContainer mavContainer,
			NativeWebRequest webRequest, @Nullable WebDataBinderFactory binderFactory) {
		Authentication principal = this.securityContextHolderStrategy.getContext().getAuthentication();
		if (principal == null) {
			principal = ANONYMOUS;
		}
		OAuth2AuthorizeRequest.Builder request = OAuth2AuthorizeRequest.withClientRegistrationId(this.registrationId)
			.principal(principal);
		HttpServletRequest servletRequest = webRequest.getNativeRequest(HttpServletRequest.class);
		HttpServletResponse servletResponse = webRequest.getNativeResponse(HttpServletResponse.class);
		if (servletRequest != null) {
			request.attribute(HttpServletRequest.class.getName(), servletRequest);
		}
		if (servletResponse != null) {
			request.attribute(HttpServletResponse.class.getName(), servletResponse);
		}
		OAuth2AuthorizedClient authorized = authorize(request.build());
		webRequest.setAttribute(RESOLVED_TOKEN_ATTRIBUTE, authorized.getAccessToken(), NativeWebRequest.SCOPE_REQUEST);
		return toAccessToken(authorized);
	}

	private OAuth2AuthorizedClient authorize(OAuth2AuthorizeRequest request) {
		OAuth2AuthorizedClientManager manager = manager();
		Assert.state(manager != null, "No OAuth2AuthorizedClientManager is available to resolve AccessToken arguments; "
				+ "define an OAuth2AuthorizedClientManager bean");
		OAuth2AuthorizedClient authorized;
		try {
			authorized = manager.authorize(request);
		}
		catch (ClientAuthorizationRequiredException ex) {
			throw DiscordAuthorizationRequired.exceptionFor(request.getPrincipal(), this.registrationId);
		}
		catch (ClientAuthorizationException ex) {
			String code = ex.getError().getErrorCode();
			if (OAuth2ErrorCodes.INVALID_GRANT.equals(code) || OAuth2ErrorCodes.INVALID_TOKEN.equals(code)) {
				// The manager has already removed the dead authorized client; send the
				// user to Discord again.
				throw DiscordAuthorizationRequired.exceptionFor(request.getPrincipal(), this.registrationId);
			}
			throw ex;
		}
		if (authorized == null) {
			throw DiscordAuthorizationRequired.exceptionFor(request.getPrincipal(), this.registrationId);
		}
		return authorized;
	}

	private AccessToken toAccessToken(OAuth2AuthorizedClient authorized) {
		OAuth2AccessToken accessToken = authorized.getAccessToken();
		OAuth2RefreshToken refreshToken = authorized.getRefreshToken();
		return this.client.restoreAccessToken(accessToken.getTokenValue(),
				(refreshToken != null) ? refreshToken.getTokenValue() : null, accessToken.getExpiresAt(),
				accessToken.getScopes());
	}

	private @Nullable OAuth2AuthorizedClientManager manager() {
		OAuth2AuthorizedClientManager manager = this.manager;
		if (manager == null) {
			manager = this.authorizedClientManager.get();
			this.manager = manager;
		}
		return manager;
	}

}
