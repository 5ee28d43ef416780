package io.github.discordoauth2.security.web;

import io.github.discordoauth2.security.DiscordAuthorizationCodeTokenResponseClient;
import io.github.discordoauth2.security.DiscordOAuth2UserService;
import io.github.discordoauth2.security.tokens.DiscordLogoutAction;

import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationContext;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.annotation.web.configurers.oauth2.client.OAuth2LoginConfigurer;
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
 */
public final class DiscordOAuth2LoginConfigurer
		extends AbstractHttpConfigurer<DiscordOAuth2LoginConfigurer, HttpSecurity> {

	private Customizer<OAuth2LoginConfigurer<HttpSecurity>> loginCustomizer = Customizer.withDefaults();

	private @Nullable Boolean revokeTokenOnLogout;

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
		http.oauth2Login((login) -> {
			login.tokenEndpoint((token) -> token.accessTokenResponseClient(tokenClient));
			login.userInfoEndpoint((userInfo) -> userInfo.userService(userService));
			this.loginCustomizer.customize(login);
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

}
