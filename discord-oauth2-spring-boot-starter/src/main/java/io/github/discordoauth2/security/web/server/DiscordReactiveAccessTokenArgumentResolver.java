package io.github.discordoauth2.security.web.server;

import java.util.function.Supplier;

import io.github.discordoauth2.ReactiveAccessToken;
import io.github.discordoauth2.ReactiveClient;
import io.github.discordoauth2.security.DiscordAuthorizationRequired;
import io.github.discordoauth2.security.web.DiscordAccessTokenArgumentResolver;
import io.github.discordoauth2.security.web.DiscordAccountRequiredException;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.core.MethodParameter;
import org.springframework.core.ResolvableType;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.oauth2.client.ClientAuthorizationException;
import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.ReactiveOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.util.Assert;
import org.springframework.web.reactive.BindingContext;
import org.springframework.web.reactive.result.method.HandlerMethodArgumentResolver;
import org.springframework.web.server.ServerWebExchange;

/**
 * Resolves a WebFlux controller method parameter of type {@link ReactiveAccessToken} (or
 * {@code Mono<ReactiveAccessToken>}) to the current user's Discord token, as
 * {@link DiscordAccessTokenArgumentResolver} does for Spring MVC.
 *
 * <p>
 * The token comes from the {@link ReactiveOAuth2AuthorizedClientManager}, so an expired
 * token is refreshed first (and the rotated pair stored). Without a usable token an
 * anonymous user, or one logged in with Discord, meets
 * {@code ClientAuthorizationRequiredException}, on which Spring Security's authorization
 * request filter sends them to Discord and back to the same page; anyone who signed in
 * some other way gets {@link DiscordAccountRequiredException} (HTTP 403). When Discord
 * refuses the token before its expiry (HTTP 401),
 * {@link DiscordUnauthorizedWebExceptionHandler} takes over.
 *
 * @since 0.1.0
 */
public final class DiscordReactiveAccessTokenArgumentResolver implements HandlerMethodArgumentResolver {

	/**
	 * Exchange attribute holding the access token handed to the controller, for
	 * {@link DiscordUnauthorizedWebExceptionHandler}, which fingerprints it only when
	 * Discord refused it. Spring Security's {@code OAuth2AccessToken} does not print its
	 * value.
	 */
	static final String RESOLVED_TOKEN_ATTRIBUTE = DiscordReactiveAccessTokenArgumentResolver.class.getName()
			+ ".RESOLVED_TOKEN";

	/**
	 * Exchange attribute holding the authentication the token was resolved for, which a
	 * {@code WebExceptionHandler} cannot read from the security context.
	 */
	static final String RESOLVED_AUTHENTICATION_ATTRIBUTE = DiscordReactiveAccessTokenArgumentResolver.class.getName()
			+ ".RESOLVED_AUTHENTICATION";

	private static final Authentication ANONYMOUS = new AnonymousAuthenticationToken("anonymous", "anonymousUser",
			AuthorityUtils.createAuthorityList("ROLE_ANONYMOUS"));

	private final ReactiveClient client;

	private final String registrationId;

	private final Supplier<ReactiveOAuth2AuthorizedClientManager> authorizedClientManager;

	// Kept once found: a bean factory lookup on every request costs more than the token
	// itself. Until then (a manager registered late) it is looked up again.
	private volatile @Nullable ReactiveOAuth2AuthorizedClientManager manager;

	/**
	 * Creates the resolver.
	 * @param client the reactive core client that the resolved tokens belong to
	 * @param registrationId the ID of the Discord registration, e.g. {@code discord}
	 * @param authorizedClientManager supplies the manager (looked up lazily)
	 */
	public DiscordReactiveAccessTokenArgumentResolver(ReactiveClient client, String registrationId,
			Supplier<ReactiveOAuth2AuthorizedClientManager> authorizedClientManager) {
		Assert.notNull(client, "client must not be null");
		Assert.hasText(registrationId, "registrationId must not be empty");
		Assert.notNull(authorizedClientManager, "authorizedClientManager must not be null");
		this.client = client;
		this.registrationId = registrationId;
		this.authorizedClientManager = authorizedClientManager;
	}

	@Override
	public boolean supportsParameter(MethodParameter parameter) {
		return parameter.getParameterType() == ReactiveAccessToken.class || isMonoOfToken(parameter);
	}

	@Override
	public Mono<Object> resolveArgument(MethodParameter parameter, BindingContext bindingContext,
			ServerWebExchange exchange) {
		Mono<ReactiveAccessToken> token = ReactiveSecurityContextHolder.getContext()
			.mapNotNull(SecurityContext::getAuthentication)
			.defaultIfEmpty(ANONYMOUS)
			.flatMap((principal) -> authorize(principal, exchange));
		return isMonoOfToken(parameter) ? Mono.just(token) : token.cast(Object.class);
	}

	private Mono<ReactiveAccessToken> authorize(Authentication principal, ServerWebExchange exchange) {
		ReactiveOAuth2AuthorizedClientManager manager = manager();
		Assert.state(manager != null,
				"No ReactiveOAuth2AuthorizedClientManager is available to resolve ReactiveAccessToken arguments; "
						+ "define a ReactiveOAuth2AuthorizedClientManager bean");
		OAuth2AuthorizeRequest request = OAuth2AuthorizeRequest.withClientRegistrationId(this.registrationId)
			.principal(principal)
			.attribute(ServerWebExchange.class.getName(), exchange)
			.build();
		return manager.authorize(request)
			.onErrorMap(ClientAuthorizationException.class,
					(ex) -> isDeadToken(ex) ? DiscordAuthorizationRequired.exceptionFor(principal, this.registrationId)
							: ex)
			.switchIfEmpty(Mono.error(() -> DiscordAuthorizationRequired.exceptionFor(principal, this.registrationId)))
			.doOnNext((authorized) -> {
				exchange.getAttributes().put(RESOLVED_TOKEN_ATTRIBUTE, authorized.getAccessToken());
				exchange.getAttributes().put(RESOLVED_AUTHENTICATION_ATTRIBUTE, principal);
			})
			.map(this::toAccessToken);
	}

	private static boolean isDeadToken(ClientAuthorizationException ex) {
		String code = ex.getError().getErrorCode();
		return OAuth2ErrorCodes.INVALID_GRANT.equals(code) || OAuth2ErrorCodes.INVALID_TOKEN.equals(code);
	}

	private ReactiveAccessToken toAccessToken(OAuth2AuthorizedClient authorized) {
		OAuth2AccessToken accessToken = authorized.getAccessToken();
		OAuth2RefreshToken refreshToken = authorized.getRefreshToken();
		return this.client.restoreAccessToken(accessToken.getTokenValue(),
				(refreshToken != null) ? refreshToken.getTokenValue() : null, accessToken.getExpiresAt(),
				accessToken.getScopes());
	}

	private static boolean isMonoOfToken(MethodParameter parameter) {
		return parameter.getParameterType() == Mono.class
				&& ResolvableType.forMethodParameter(parameter).getGeneric(0).resolve() == ReactiveAccessToken.class;
	}

	private @Nullable ReactiveOAuth2AuthorizedClientManager manager() {
		ReactiveOAuth2AuthorizedClientManager manager = this.manager;
		if (manager == null) {
			manager = this.authorizedClientManager.get();
			this.manager = manager;
		}
		return manager;
	}

}
