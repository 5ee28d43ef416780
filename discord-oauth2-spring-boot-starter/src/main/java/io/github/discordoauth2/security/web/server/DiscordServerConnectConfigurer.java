package io.github.discordoauth2.security.web.server;

import java.net.URI;

import io.github.discordoauth2.security.DiscordReactiveAuthorizationCodeTokenResponseClient;
import io.github.discordoauth2.security.tokens.DiscordAccountLinks;
import io.github.discordoauth2.security.tokens.LocalAccountIdentifier;
import io.github.discordoauth2.security.tokens.ReactiveDiscordAccountLinks;
import io.github.discordoauth2.security.tokens.ReactiveDiscordTokens;
import io.github.discordoauth2.security.web.DiscordConnectConfigurer;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Mono;

import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthorizationCodeReactiveAuthenticationManager;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ReactiveClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.server.DefaultServerOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.server.OAuth2AuthorizationCodeGrantWebFilter;
import org.springframework.security.oauth2.client.web.server.OAuth2AuthorizationRequestRedirectWebFilter;
import org.springframework.security.oauth2.client.web.server.ServerOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.server.ServerOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.web.server.savedrequest.ServerRequestCache;
import org.springframework.util.Assert;
import org.springframework.web.server.ServerWebExchange;

/**
 * Adds "Connect Discord" and "Disconnect Discord" to a WebFlux application's own
 * {@code SecurityWebFilterChain}, for users who sign in some other way (a form, another
 * provider): the reactive counterpart of {@link DiscordConnectConfigurer}, with the same
 * routes, rules and store ({@link DiscordAccountLinks}, through
 * {@link ReactiveDiscordAccountLinks}):
 *
 * <pre class="code">
 * &#64;Bean
 * SecurityWebFilterChain security(ServerHttpSecurity http, ApplicationContext context) {
 *     http.authorizeExchange((exchanges) -&gt; exchanges.anyExchange().authenticated());
 *     http.formLogin(Customizer.withDefaults());
 *     DiscordServerConnectConfigurer.discordConnect(context).returnUrl("/account").customize(http);
 *     return http.build();
 * }
 * </pre>
 *
 * <ul>
 * <li>{@code POST /oauth2/connect/discord} (a form with the CSRF token) sends the
 * signed-in local account to Discord: Spring Security's authorization-code flow, not a
 * login, so the principal stays the same, and the pending authorization is bound to that
 * account. Discord sends the user back to {@code {baseUrl}/oauth2/connect/code/discord}
 * (one of the application's redirects in the Developer Portal); Spring Security's
 * {@link OAuth2AuthorizationCodeGrantWebFilter} exchanges the code through the reactive
 * core client, and the application's {@link ServerOAuth2AuthorizedClientRepository} (the
 * starter's {@link DiscordServerOAuth2AuthorizedClientRepository}) stores the tokens
 * under the Discord user ID and links the local account, off the event loop. The user
 * lands on the {@link #returnUrl(String) return URL}, with
 * {@code ?discord-connect-error=<code>} as on the servlet stack ({@code access_denied},
 * {@code already_linked}, {@code account_mismatch}, {@code invalid_state}, ...).</li>
 * <li>{@code POST /oauth2/disconnect/discord} (a form, with the CSRF token) revokes the
 * authorization at Discord, forgets the tokens and the link, and lands on the return URL
 * ({@code ?discord-disconnect-error=revocation_failed} when Discord did not
 * confirm).</li>
 * </ul>
 * All three run after the application's authorization rules
 * ({@link SecurityWebFiltersOrder#LAST}), which decide who may reach them; they need a
 * signed-in local account, for anyone else they do nothing. This configurer switches on
 * neither {@code oauth2Client()} nor {@code oauth2Login()}: the start and the callback
 * have filters of their own, so the application's own {@code oauth2Client()} settings for
 * other providers stay, and the pending connection is kept under a web session attribute
 * of its own, which the application's own code grant filter never completes. When Discord
 * is off (no {@code discord.oauth2.client-id}) it does nothing.
 *
 * @since 0.1.0
 */
public final class DiscordServerConnectConfigurer implements Customizer<ServerHttpSecurity> {

	/**
	 * Where a signed-in user starts connecting: followed by {@code /} and the Discord
	 * registration ID (the same as on the servlet stack).
	 */
	public static final String CONNECT_BASE_URI = DiscordConnectConfigurer.CONNECT_BASE_URI;

	/**
	 * Where Discord sends the user back: followed by {@code /} and the registration ID.
	 */
	public static final String CALLBACK_BASE_URI = DiscordConnectConfigurer.CALLBACK_BASE_URI;

	/**
	 * Where a form posts to disconnect: followed by {@code /} and the registration ID.
	 */
	public static final String DISCONNECT_BASE_URI = DiscordConnectConfigurer.DISCONNECT_BASE_URI;

	private static final Log logger = LogFactory.getLog(DiscordServerConnectConfigurer.class);

	private final ApplicationContext context;

	private String returnUrl = "/";

	private DiscordServerConnectConfigurer(ApplicationContext context) {
		this.context = context;
	}

	/**
	 * Creates the configurer.
	 * @param context the application context that holds the starter's beans
	 * @return a new configurer
	 */
	public static DiscordServerConnectConfigurer discordConnect(ApplicationContext context) {
		Assert.notNull(context, "context must not be null");
		return new DiscordServerConnectConfigurer(context);
	}

	/**
	 * Where the user lands after connecting or disconnecting. Defaults to {@code /}.
	 * @param returnUrl an application path, e.g. {@code /profile}
	 * @return this configurer
	 */
	public DiscordServerConnectConfigurer returnUrl(String returnUrl) {
		Assert.isTrue(returnUrl != null && returnUrl.startsWith("/"),
				"returnUrl must be a path of the application starting with '/'");
		this.returnUrl = returnUrl;
		return this;
	}

	@Override
	public void customize(ServerHttpSecurity http) {
		DiscordReactiveAuthorizationCodeTokenResponseClient tokenClient = this.context
			.getBeanProvider(DiscordReactiveAuthorizationCodeTokenResponseClient.class)
			.getIfUnique();
		ReactiveClientRegistrationRepository registrations = this.context
			.getBeanProvider(ReactiveClientRegistrationRepository.class)
			.getIfUnique();
		if (tokenClient == null || registrations == null) {
			// Discord is off (no client ID): leave the chain as the application wrote it.
			return;
		}
		ReactiveDiscordAccountLinks links = this.context.getBeanProvider(ReactiveDiscordAccountLinks.class)
			.getIfUnique();
		ReactiveDiscordTokens tokens = this.context.getBeanProvider(ReactiveDiscordTokens.class).getIfUnique();
		ServerOAuth2AuthorizedClientRepository authorizedClients = this.context
			.getBeanProvider(ServerOAuth2AuthorizedClientRepository.class)
			.getIfUnique();
		if (links == null || tokens == null || authorizedClients == null) {
			throw new IllegalStateException(
					"Connect Discord keeps the tokens in the starter's token store, and there is none: remove the "
							+ "application's own ReactiveOAuth2AuthorizedClientService bean, or define a "
							+ "DiscordTokenStore bean (JdbcDiscordTokenStore or InMemoryDiscordTokenStore)");
		}
		if (this.context.getBeanProvider(LocalAccountIdentifier.class).getIfUnique() == null) {
			logger.warn("Connect Discord keys local accounts by their name, as no LocalAccountIdentifier bean is "
					+ "defined: an account deleted and re-created under the same name, or renamed to a name another "
					+ "account had, would get that account's Discord connection. Define a LocalAccountIdentifier bean "
					+ "that returns the account's stable id (e.g. the primary key of its user record).");
		}
		String registrationId = tokens.registrationId();
		DiscordServerConnectAuthorizationRequests pending = new DiscordServerConnectAuthorizationRequests(links);
		OAuth2AuthorizationRequestRedirectWebFilter start = new OAuth2AuthorizationRequestRedirectWebFilter(
				new ConnectRequestResolver(registrations, registrationId, links));
		start.setAuthorizationRequestRepository(pending);
		// Discord's token client hands other registrations on; the pending connections'
		// repository lets only the account that started one complete it.
		OAuth2AuthorizationCodeGrantWebFilter callback = new OAuth2AuthorizationCodeGrantWebFilter(
				new OAuth2AuthorizationCodeReactiveAuthenticationManager(tokenClient), registrations,
				authorizedClients);
		callback.setAuthorizationRequestRepository(pending);
		callback.setRequestCache(new LandingRequestCache(CALLBACK_BASE_URI + "/" + registrationId));
		http.addFilterAt(new DiscordServerConnectWebFilter(links, registrationId, this.returnUrl, start, callback),
				SecurityWebFiltersOrder.LAST);
	}

	/**
	 * After a completed connection Spring Security redirects to what its request cache
	 * says: the callback URI without the code, where the landing tells the user how it
	 * went (a refused connection is known only once the tokens are saved).
	 */
	private static final class LandingRequestCache implements ServerRequestCache {

		private final URI landing;

		LandingRequestCache(String landing) {
			this.landing = URI.create(landing);
		}

		@Override
		public Mono<Void> saveRequest(ServerWebExchange exchange) {
			return Mono.empty();
		}

		@Override
		public Mono<URI> getRedirectUri(ServerWebExchange exchange) {
			return Mono.just(this.landing);
		}

		@Override
		public Mono<ServerHttpRequest> removeMatchingRequest(ServerWebExchange exchange) {
			return Mono.empty();
		}

	}

	/**
	 * The Discord registration with the connect callback as its redirect URI, resolved
	 * only for {@code POST /oauth2/connect/{registrationId}} and only for a signed-in
	 * local account, whose key the request carries.
	 */
	private static final class ConnectRequestResolver implements ServerOAuth2AuthorizationRequestResolver {

		private final String registrationId;

		private final String startPath;

		private final ReactiveDiscordAccountLinks links;

		private final DefaultServerOAuth2AuthorizationRequestResolver delegate;

		ConnectRequestResolver(ReactiveClientRegistrationRepository registrations, String registrationId,
				ReactiveDiscordAccountLinks links) {
			this.registrationId = registrationId;
			this.startPath = CONNECT_BASE_URI + "/" + registrationId;
			this.links = links;
			ReactiveClientRegistrationRepository connecting = (id) -> registrationId.equals(id)
					? registrations.findByRegistrationId(id)
						.map((registration) -> ClientRegistration.withClientRegistration(registration)
							.redirectUri("{baseUrl}" + CALLBACK_BASE_URI + "/{registrationId}")
							.build())
					: Mono.empty();
			this.delegate = new DefaultServerOAuth2AuthorizationRequestResolver(connecting);
		}

		@Override
		public Mono<OAuth2AuthorizationRequest> resolve(ServerWebExchange exchange) {
			ServerHttpRequest request = exchange.getRequest();
			if (!HttpMethod.POST.equals(request.getMethod())
					|| !this.startPath.equals(request.getPath().pathWithinApplication().value())) {
				return Mono.empty();
			}
			// Only a signed-in local account connects, and the request is bound to it:
			// the callback completes it for this account only.
			return ReactiveSecurityContextHolder.getContext()
				.mapNotNull(SecurityContext::getAuthentication)
				.filter(this.links::isLocalAccount)
				.flatMap((authentication) -> this.delegate.resolve(exchange, this.registrationId)
					.map((resolved) -> OAuth2AuthorizationRequest.from(resolved)
						.attributes((attributes) -> attributes.put(
								DiscordServerConnectAuthorizationRequests.ACCOUNT_ATTRIBUTE,
								this.links.accountKey(authentication)))
						.build()));
		}

		@Override
		public Mono<OAuth2AuthorizationRequest> resolve(ServerWebExchange exchange, String clientRegistrationId) {
			// Only the connect form starts a connection: an authorization some controller
			// needs is for the login's and the client's own filters.
			return Mono.empty();
		}

	}

}
