package io.github.discordoauth2.security.web.server;

import io.github.discordoauth2.security.DiscordReactiveAuthorizationCodeTokenResponseClient;
import io.github.discordoauth2.security.DiscordReactiveOAuth2UserService;
import io.github.discordoauth2.security.tokens.DiscordLogoutAction;
import io.github.discordoauth2.security.web.DiscordOAuth2LoginConfigurer;

import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationContext;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.web.server.ServerHttpSecurity;
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
 * when given). Settings made through {@link #oauth2Login(Customizer)} or later
 * {@code http.oauth2Login(...)} calls win. When Discord login is off (no
 * {@code discord.oauth2.client-id}) it does nothing, so the same chain starts with
 * Discord off.
 *
 * @since 0.1.0
 */
public final class DiscordServerLoginConfigurer implements Customizer<ServerHttpSecurity> {

	private final ApplicationContext context;

	private Customizer<ServerHttpSecurity.OAuth2LoginSpec> loginCustomizer = Customizer.withDefaults();

	private @Nullable Boolean revokeTokenOnLogout;

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
	 * the stored tokens). Defaults to {@code discord.oauth2.token-store.on-logout}
	 * ({@code revoke} when {@code discord.oauth2.login.revoke-on-logout} is set).
	 * @param revokeTokenOnLogout whether to revoke on logout
	 * @return this configurer
	 */
	public DiscordServerLoginConfigurer revokeTokenOnLogout(boolean revokeTokenOnLogout) {
		this.revokeTokenOnLogout = revokeTokenOnLogout;
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
		http.oauth2Login(this.loginCustomizer);
		DiscordTokensServerLogoutHandler handler = this.context.getBeanProvider(DiscordTokensServerLogoutHandler.class)
			.getIfUnique();
		if (handler == null) {
			return;
		}
		Boolean explicit = this.revokeTokenOnLogout;
		if (Boolean.TRUE.equals(explicit)) {
			handler = handler.withAction(DiscordLogoutAction.REVOKE);
		}
		else if (Boolean.FALSE.equals(explicit) && handler.action() == DiscordLogoutAction.REVOKE) {
			handler = handler.withAction(DiscordLogoutAction.KEEP);
		}
		DiscordTokensServerLogoutHandler chosen = handler;
		// Added beside Spring Security's own handler (which clears the security
		// context), not instead of it.
		http.logout((logout) -> logout.logoutHandler((handlers) -> handlers.add(chosen)));
	}

}
