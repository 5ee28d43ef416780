package io.github.discordoauth2.security.web.server;

import io.github.discordoauth2.security.DiscordAuthorities;
import io.github.discordoauth2.security.DiscordReactiveAuthorizationCodeTokenResponseClient;
import io.github.discordoauth2.security.DiscordReactiveOAuth2UserService;
import io.github.discordoauth2.security.ReactiveDiscordStandingReader;
import io.github.discordoauth2.security.tokens.DiscordLogoutAction;
import io.github.discordoauth2.security.tokens.ReactiveDiscordTokens;
import io.github.discordoauth2.security.web.DiscordOAuth2LoginConfigurer;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationContext;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.authentication.ServerAuthenticationFailureHandler;
import org.springframework.security.web.server.authentication.logout.WebSessionServerLogoutHandler;
import org.springframework.security.web.server.context.ServerSecurityContextRepository;
import org.springframework.security.web.server.context.WebSessionServerSecurityContextRepository;
import org.springframework.util.Assert;

/**
 * Adds "Login with Discord" to a WebFlux application's own
 * {@code SecurityWebFilterChain}, the reactive counterpart of
 * {@link DiscordOAuth2LoginConfigurer}:
 *
 * <pre class="code">
 * &#64;Bean
 * SecurityWebFilterChain security(ServerHttpSecurity http, ApplicationContext context) {
 *     http.authorizeExchange((exchanges) -&gt; exchanges.pathMatchers("/").permitAll().anyExchange().authenticated());
 *     DiscordServerLoginConfigurer.discordLogin(context).customize(http);
 *     return http.build();
 * }
 * </pre>
 *
 * <p>
 * It switches on {@code oauth2Login()}, which takes the starter's Discord adapters (the
 * code exchange through the reactive core client and the Discord user service, both
 * {@code @Primary}) from the context, and adds the token store's logout handling
 * ({@code discord.oauth2.token-store.on-logout}, or {@link #revokeTokenOnLogout(boolean)}
 * when given; without the token store, revoking goes through
 * {@link DiscordRevokeTokenServerLogoutHandler}). Settings made through
 * {@link #oauth2Login(Customizer)} or later {@code http.oauth2Login(...)} calls win. When
 * Discord login is off (no {@code discord.oauth2.client-id}) it does nothing, so the same
 * chain starts with Discord off.
 *
 * <p>
 * With Discord servers configured ({@code discord.oauth2.authorities.*},
 * {@code discord.oauth2.login.required-guilds}), it also adds, before
 * {@link SecurityWebFiltersOrder#AUTHORIZATION}, the filter that reads a user's servers
 * and roles again once {@code refresh-interval} has passed, saves the new authentication
 * through the {@link ServerSecurityContextRepository} and ends the session of a user who
 * left every required server; failed logins and ended sessions go to
 * {@link #authenticationFailureHandler(ServerAuthenticationFailureHandler)} (by default a
 * {@link DiscordServerAuthenticationFailureHandler} to {@code /login?error}, which keeps
 * the reason in the session), and Spring Security's generated login page shows the
 * reason.
 *
 * @since 0.1.0
 */
public final class DiscordServerLoginConfigurer implements Customizer<ServerHttpSecurity> {

	// Spring Security's reactive default for failed logins.
	private static final String DEFAULT_FAILURE_URL = "/login?error";

	private static final Log logger = LogFactory.getLog(DiscordServerLoginConfigurer.class);

	private final ApplicationContext context;

	private Customizer<ServerHttpSecurity.OAuth2LoginSpec> loginCustomizer = Customizer.withDefaults();

	private @Nullable Boolean revokeTokenOnLogout;

	private @Nullable ServerAuthenticationFailureHandler failureHandler;

	private @Nullable ServerSecurityContextRepository securityContextRepository;

	private DiscordServerLoginConfigurer(ApplicationContext context) {
		this.context = context;
	}

	/**
	 * Creates the configurer.
	 * @param context the application context that holds the starter's beans
	 * @return a new configurer
	 */
	public static DiscordServerLoginConfigurer discordLogin(ApplicationContext context) {
		Assert.notNull(context, "context must not be null");
		return new DiscordServerLoginConfigurer(context);
	}

	/**
	 * Further customizes Spring Security's {@code oauth2Login()}, e.g. a login page;
	 * applied after the Discord settings.
	 * @param loginCustomizer the customizer
	 * @return this configurer
	 */
	public DiscordServerLoginConfigurer oauth2Login(Customizer<ServerHttpSecurity.OAuth2LoginSpec> loginCustomizer) {
		Assert.notNull(loginCustomizer, "loginCustomizer must not be null");
		this.loginCustomizer = loginCustomizer;
		return this;
	}

	/**
	 * Whether logging out also revokes the user's authorization at Discord (and forgets
	 * the stored tokens), for this chain in place of
	 * {@code discord.oauth2.login.revoke-on-logout}. As that property, it counts only
	 * while {@code discord.oauth2.token-store.on-logout} is not set, which always wins.
	 * @param revokeTokenOnLogout whether to revoke on logout
	 * @return this configurer
	 */
	public DiscordServerLoginConfigurer revokeTokenOnLogout(boolean revokeTokenOnLogout) {
		this.revokeTokenOnLogout = revokeTokenOnLogout;
		return this;
	}

	/**
	 * Where a failed Discord login goes, and a user whose session ends because they left
	 * every required server. Set on {@code oauth2Login()} before
	 * {@link #oauth2Login(Customizer)}, which may still override it for logins.
	 * @param failureHandler the failure handler
	 * @return this configurer
	 * @since 0.1.0
	 */
	public DiscordServerLoginConfigurer authenticationFailureHandler(
			ServerAuthenticationFailureHandler failureHandler) {
		Assert.notNull(failureHandler, "failureHandler must not be null");
		this.failureHandler = failureHandler;
		return this;
	}

	/**
	 * The repository that the filter keeping Discord authorities fresh saves the new
	 * authentication to; give the one set with
	 * {@code http.securityContextRepository(...)}, if any. Defaults to the application's
	 * {@link ServerSecurityContextRepository} bean, else Spring Security's default (the
	 * web session).
	 * @param securityContextRepository the repository
	 * @return this configurer
	 * @since 0.1.0
	 */
	public DiscordServerLoginConfigurer securityContextRepository(
			ServerSecurityContextRepository securityContextRepository) {
		Assert.notNull(securityContextRepository, "securityContextRepository must not be null");
		this.securityContextRepository = securityContextRepository;
		return this;
	}

	@Override
	public void customize(ServerHttpSecurity http) {
		if (this.context.getBeanProvider(DiscordReactiveAuthorizationCodeTokenResponseClient.class)
			.getIfUnique() == null
				|| this.context.getBeanProvider(DiscordReactiveOAuth2UserService.class).getIfUnique() == null) {
			// Discord login is off (no client ID): leave the chain as the application
			// wrote it.
			return;
		}
		DiscordAuthorities authorities = this.context.getBeanProvider(DiscordAuthorities.class).getIfUnique();
		boolean checksGuilds = authorities != null && authorities.checksGuilds();
		ServerAuthenticationFailureHandler failures = this.failureHandler;
		if (failures == null && checksGuilds) {
			failures = new DiscordServerAuthenticationFailureHandler(DEFAULT_FAILURE_URL);
		}
		ServerAuthenticationFailureHandler loginFailures = failures;
		http.oauth2Login((login) -> {
			if (loginFailures != null) {
				login.authenticationFailureHandler(loginFailures);
			}
			this.loginCustomizer.customize(login);
		});
		if (authorities != null && checksGuilds && failures != null) {
			keepAuthoritiesFresh(http, authorities, failures);
		}
		DiscordTokensServerLogoutHandler handler = this.context.getBeanProvider(DiscordTokensServerLogoutHandler.class)
			.getIfUnique();
		if (handler == null && DiscordLogoutAction.of(this.context.getEnvironment(),
				this.revokeTokenOnLogout) == DiscordLogoutAction.REVOKE) {
			// The application keeps authorized clients itself: revoke through its
			// repository (removing without revoking is the store's feature); decided as
			// on the servlet stack.
			DiscordRevokeTokenServerLogoutHandler revoking = this.context
				.getBeanProvider(DiscordRevokeTokenServerLogoutHandler.class)
				.getIfUnique();
			Assert.state(revoking != null, "Revoking on logout needs one DiscordRevokeTokenServerLogoutHandler bean");
			http.logout((logout) -> logout.logoutHandler((handlers) -> handlers.add(revoking)));
		}
		if (handler != null) {
			// What on-logout says, or else revoke-on-logout (or this chain's own setting
			// in its place); decided as on the servlet stack. The handler bean was built
			// from the same properties; only this chain's own setting changes its action.
			DiscordTokensServerLogoutHandler chosen = (this.revokeTokenOnLogout != null) ? handler
				.withAction(DiscordLogoutAction.of(this.context.getEnvironment(), this.revokeTokenOnLogout)) : handler;
			// Added beside Spring Security's own handler (which clears the security
			// context), not instead of it.
			http.logout((logout) -> logout.logoutHandler((handlers) -> handlers.add(chosen)));
		}
		// Last: the session ends with everything it held, as a servlet logout
		// invalidates the HTTP session (Spring Security's WebFlux logout only clears the
		// security context and moves the rest to a new session id).
		http.logout((logout) -> logout.logoutHandler((handlers) -> handlers.add(new WebSessionServerLogoutHandler())));
	}

	private void keepAuthoritiesFresh(ServerHttpSecurity http, DiscordAuthorities authorities,
			ServerAuthenticationFailureHandler failures) {
		http.addFilterBefore(new DiscordLoginPageReasonWebFilter(), SecurityWebFiltersOrder.LOGIN_PAGE_GENERATING);
		ReactiveDiscordTokens tokens = this.context.getBeanProvider(ReactiveDiscordTokens.class).getIfUnique();
		ReactiveDiscordStandingReader reader = this.context.getBeanProvider(ReactiveDiscordStandingReader.class)
			.getIfUnique();
		if (tokens == null || reader == null) {
			logger.warn("Discord servers and roles are read at login only: re-reading them needs the starter's "
					+ "ReactiveDiscordTokens (the application keeps Discord tokens elsewhere) and a "
					+ "ReactiveDiscordStandingReader");
			return;
		}
		ServerSecurityContextRepository repository = this.securityContextRepository;
		if (repository == null) {
			repository = this.context.getBeanProvider(ServerSecurityContextRepository.class)
				.getIfUnique(WebSessionServerSecurityContextRepository::new);
		}
		http.addFilterBefore(new DiscordAuthoritiesWebFilter(authorities, tokens, reader, repository, failures),
				SecurityWebFiltersOrder.AUTHORIZATION);
	}

}
