package io.github.discordoauth2.security.web;

import io.github.discordoauth2.security.DiscordAuthorities;
import io.github.discordoauth2.security.DiscordAuthorizationCodeTokenResponseClient;
import io.github.discordoauth2.security.DiscordOAuth2UserService;
import io.github.discordoauth2.security.DiscordStandingReader;
import io.github.discordoauth2.security.tokens.DiscordLogoutAction;
import io.github.discordoauth2.security.tokens.DiscordTokens;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationContext;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.annotation.web.configurers.oauth2.client.OAuth2LoginConfigurer;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;
import org.springframework.security.web.authentication.ui.DefaultLoginPageGeneratingFilter;
import org.springframework.security.web.context.DelegatingSecurityContextRepository;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.util.Assert;

/**
 * Adds "Login with Discord" to an application's own {@code SecurityFilterChain}:
 *
 * <pre class="code">
 * &#64;Bean
 * SecurityFilterChain security(HttpSecurity http) throws Exception {
 *     http.authorizeHttpRequests((requests) -&gt; requests.requestMatchers("/").permitAll().anyRequest().authenticated());
 *     http.with(DiscordOAuth2LoginConfigurer.discordLogin(), Customizer.withDefaults());
 *     return http.build();
 * }
 * </pre>
 *
 * <p>
 * It switches on {@code oauth2Login()} with the starter's Discord adapters set
 * explicitly: the token exchange through the core client and the Discord user service
 * (each hands every other registration to the application's own bean of that type, or to
 * Spring Security's default). Settings the application makes on {@code oauth2Login()}
 * itself, through {@link #oauth2Login(Customizer)} or later {@code http.oauth2Login(...)}
 * calls, win. When Discord login is off (no {@code discord.oauth2.client-id}), it does
 * nothing, so the same chain starts with Discord off, even beside other providers.
 * Logging out does to the stored tokens what {@code discord.oauth2.token-store.on-logout}
 * says; when it is not set, it revokes the Discord authorization if
 * {@code discord.oauth2.login.revoke-on-logout} (or, for this chain,
 * {@link #revokeTokenOnLogout(boolean)}) says so.
 *
 * <p>
 * With Discord servers configured ({@code discord.oauth2.authorities.*},
 * {@code discord.oauth2.login.required-guilds}), it also adds, before the
 * {@link AuthorizationFilter}, the filter that reads a user's servers and roles again
 * once {@code refresh-interval} has passed, saves the new authentication through the
 * chain's {@link SecurityContextRepository} and ends the session of a user who left every
 * required server, sending them to {@link #failureHandler(AuthenticationFailureHandler)}
 * (by default {@code /login?error}) with the reason; and it makes Spring Security's
 * generated login page show that reason instead of "Invalid credentials".
 *
 * @since 0.1.0
 */
public final class DiscordOAuth2LoginConfigurer
		extends AbstractHttpConfigurer<DiscordOAuth2LoginConfigurer, HttpSecurity> {

	static final String DEFAULT_FAILURE_URL = "/login?error";

	private static final Log logger = LogFactory.getLog(DiscordOAuth2LoginConfigurer.class);

	private Customizer<OAuth2LoginConfigurer<HttpSecurity>> loginCustomizer = Customizer.withDefaults();

	private @Nullable Boolean revokeTokenOnLogout;

	private @Nullable AuthenticationFailureHandler failureHandler;

	private boolean loginOn;

	private boolean customLoginPage;

	private DiscordOAuth2LoginConfigurer() {
	}

	/**
	 * Creates the configurer, to pass to {@code http.with(...)}.
	 * @return a new configurer
	 */
	public static DiscordOAuth2LoginConfigurer discordLogin() {
		return new DiscordOAuth2LoginConfigurer();
	}

	/**
	 * Further customizes Spring Security's {@code oauth2Login()}, e.g. a custom login
	 * page or success URL; applied after the Discord settings.
	 * @param loginCustomizer the customizer
	 * @return this configurer
	 */
	public DiscordOAuth2LoginConfigurer oauth2Login(Customizer<OAuth2LoginConfigurer<HttpSecurity>> loginCustomizer) {
		Assert.notNull(loginCustomizer, "loginCustomizer must not be null");
		this.loginCustomizer = loginCustomizer;
		return this;
	}

	/**
	 * Whether logging out also revokes the user's authorization at Discord, for this
	 * chain in place of {@code discord.oauth2.login.revoke-on-logout}. As that property,
	 * it counts only while {@code discord.oauth2.token-store.on-logout} is not set, which
	 * always wins.
	 * @param revokeTokenOnLogout whether to revoke on logout
	 * @return this configurer
	 */
	public DiscordOAuth2LoginConfigurer revokeTokenOnLogout(boolean revokeTokenOnLogout) {
		this.revokeTokenOnLogout = revokeTokenOnLogout;
		return this;
	}

	/**
	 * Where a failed Discord login goes, and a user whose session ends because they left
	 * every required server (or their Discord authorization is gone). Set on
	 * {@code oauth2Login()} before {@link #oauth2Login(Customizer)}, which may still
	 * override it for logins. Without it, logins fail as Spring Security's default says
	 * and ended sessions go to {@code /login?error}.
	 * @param failureHandler the failure handler, e.g. a
	 * {@link SimpleUrlAuthenticationFailureHandler}, which keeps the exception in the
	 * session for the page to explain
	 * @return this configurer
	 * @since 0.1.0
	 */
	public DiscordOAuth2LoginConfigurer failureHandler(AuthenticationFailureHandler failureHandler) {
		Assert.notNull(failureHandler, "failureHandler must not be null");
		this.failureHandler = failureHandler;
		return this;
	}

	/**
	 * Shortcut for {@link #failureHandler(AuthenticationFailureHandler)} with a
	 * {@link SimpleUrlAuthenticationFailureHandler}.
	 * @param failureUrl where failed logins and ended sessions go, e.g.
	 * {@code /login-failed}
	 * @return this configurer
	 * @since 0.1.0
	 */
	public DiscordOAuth2LoginConfigurer failureUrl(String failureUrl) {
		Assert.hasText(failureUrl, "failureUrl must not be empty");
		return failureHandler(new SimpleUrlAuthenticationFailureHandler(failureUrl));
	}

	@Override
	public void init(HttpSecurity http) {
		ApplicationContext context = http.getSharedObject(ApplicationContext.class);
		DiscordAuthorizationCodeTokenResponseClient tokenClient = (context != null)
				? context.getBeanProvider(DiscordAuthorizationCodeTokenResponseClient.class).getIfUnique() : null;
		DiscordOAuth2UserService userService = (context != null)
				? context.getBeanProvider(DiscordOAuth2UserService.class).getIfUnique() : null;
		if (context == null || tokenClient == null || userService == null) {
			// Discord login is off (no client ID); a repository of other providers
			// does not turn it on. Leave the chain as the application wrote it.
			return;
		}
		this.loginOn = true;
		AuthenticationFailureHandler failures = this.failureHandler;
		http.oauth2Login((login) -> {
			login.tokenEndpoint((token) -> token.accessTokenResponseClient(tokenClient));
			login.userInfoEndpoint((userInfo) -> userInfo.userService(userService));
			if (failures != null) {
				login.failureHandler(failures);
			}
			this.loginCustomizer.customize(login);
			this.customLoginPage = login.isCustomLoginPage();
		});
		// Logout does what on-logout says, or else what revoke-on-logout (or this chain's
		// own revokeTokenOnLogout in its place) says; decided as on the reactive stack.
		DiscordLogoutAction action = DiscordLogoutAction.of(context.getEnvironment(), this.revokeTokenOnLogout);
		DiscordTokensLogoutHandler tokensHandler = context.getBeanProvider(DiscordTokensLogoutHandler.class)
			.getIfUnique();
		if (tokensHandler != null) {
			// With the starter's token store, on whichever instance the logout reaches.
			// The handler bean was built from the same properties; only this chain's own
			// setting changes its action.
			DiscordTokensLogoutHandler chosen = (this.revokeTokenOnLogout != null) ? tokensHandler.withAction(action)
					: tokensHandler;
			http.logout((logout) -> logout.addLogoutHandler(chosen));
		}
		else if (action == DiscordLogoutAction.REVOKE) {
			// The application keeps authorized clients itself: revoke through its
			// repository (removing without revoking is the store's feature).
			DiscordRevokeTokenLogoutHandler handler = context.getBeanProvider(DiscordRevokeTokenLogoutHandler.class)
				.getIfUnique();
			Assert.state(handler != null, "Revoking on logout needs one DiscordRevokeTokenLogoutHandler bean");
			http.logout((logout) -> logout.addLogoutHandler(handler));
		}
	}

	@Override
	public void configure(HttpSecurity http) {
		ApplicationContext context = http.getSharedObject(ApplicationContext.class);
		DiscordAuthorities authorities = (context != null && this.loginOn)
				? context.getBeanProvider(DiscordAuthorities.class).getIfUnique() : null;
		if (context == null || authorities == null || !authorities.checksGuilds()) {
			return;
		}
		DefaultLoginPageGeneratingFilter loginPage = http.getSharedObject(DefaultLoginPageGeneratingFilter.class);
		if (loginPage != null && loginPage.isEnabled()) {
			http.addFilterBefore(postProcess(new DiscordLoginPageReasonFilter()),
					DefaultLoginPageGeneratingFilter.class);
		}
		DiscordTokens tokens = context.getBeanProvider(DiscordTokens.class).getIfUnique();
		DiscordStandingReader reader = context.getBeanProvider(DiscordStandingReader.class).getIfUnique();
		if (tokens == null || reader == null) {
			logger.warn("Discord servers and roles are read at login only: re-reading them needs the starter's "
					+ "DiscordTokens (the application keeps Discord tokens elsewhere) and a DiscordStandingReader");
			return;
		}
		AuthenticationFailureHandler failures = this.failureHandler;
		if (failures == null) {
			if (this.customLoginPage) {
				logger.warn("This chain has its own login page: sessions that end because a user left the required "
						+ "Discord servers go to " + DEFAULT_FAILURE_URL + "; set discordLogin().failureUrl(...) "
						+ "to send them to your page");
			}
			failures = new SimpleUrlAuthenticationFailureHandler(DEFAULT_FAILURE_URL);
		}
		SecurityContextHolderStrategy contexts = context.getBeanProvider(SecurityContextHolderStrategy.class)
			.getIfUnique(SecurityContextHolder::getContextHolderStrategy);
		http.addFilterBefore(postProcess(new DiscordAuthoritiesFilter(authorities, tokens, reader, contexts,
				securityContextRepository(http), failures)), AuthorizationFilter.class);
	}

	/**
	 * The chain's repository, as Spring Security's own filters find it: the one set with
	 * {@code http.securityContext(...)}, else Spring Security's default.
	 */
	private static SecurityContextRepository securityContextRepository(HttpSecurity http) {
		SecurityContextRepository repository = http.getSharedObject(SecurityContextRepository.class);
		if (repository != null) {
			return repository;
		}
		return new DelegatingSecurityContextRepository(new RequestAttributeSecurityContextRepository(),
				new HttpSessionSecurityContextRepository());
	}

}
