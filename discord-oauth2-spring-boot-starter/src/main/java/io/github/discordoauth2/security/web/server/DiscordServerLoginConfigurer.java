package io.github.discordoauth2.security.web.server;

import io.github.discordoauth2.security.DiscordReactiveAuthorizationCodeTokenResponseClient;
import io.github.discordoauth2.security.DiscordReactiveOAuth2UserService;
import io.github.discordoauth2.security.tokens.DiscordLogoutAction;
import io.github.discordoauth2.security.web.DiscordOAuth2LoginConfigurer;

import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationContext;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.authentication.logout.WebSessionServerLogoutHandler;
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

}
