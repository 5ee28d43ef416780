package io.github.discordoauth2.security;

import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationContext;
import org.springframework.core.ResolvableType;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.annotation.web.configurers.oauth2.client.OAuth2LoginConfigurer;
import org.springframework.security.oauth2.client.endpoint.OAuth2AccessTokenResponseClient;
import org.springframework.security.oauth2.client.endpoint.OAuth2AuthorizationCodeGrantRequest;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserRequest;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.user.OAuth2User;
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
 * It switches on {@code oauth2Login()}, which picks up the starter's Discord beans: the
 * token exchange through the core client, the Discord user service and the authorization
 * request resolver (prompt, PKCE). Settings the application makes on
 * {@code oauth2Login()} itself win. When no client registration exists (no
 * {@code discord.oauth2.client-id}), it does nothing, so the same chain starts with
 * Discord login off. Further {@code http.oauth2Login(...)} calls customize the same
 * login.
 *
 */
public final class DiscordOAuth2LoginConfigurer
		extends AbstractHttpConfigurer<DiscordOAuth2LoginConfigurer, HttpSecurity> {

	private Customizer<OAuth2LoginConfigurer<HttpSecurity>> loginCustomizer = Customizer.withDefaults();

	private boolean revokeTokenOnLogout;

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
	 * Whether logging out also revokes the user's authorization at Discord (with the
	 * {@link DiscordRevokeTokenLogoutHandler} bean). Off by default.
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
		if (context == null || context.getBeanProvider(ClientRegistrationRepository.class).getIfAvailable() == null) {
			// Discord login is off (no client ID): leave the chain as the application
			// wrote it.
			return;
		}
		// Spring Security finds a unique bean of each type by itself, late enough to
		// respect settings the
		// application makes explicitly; only when several exist does the starter's
		// Discord bean have to be named.
		OAuth2AccessTokenResponseClient<OAuth2AuthorizationCodeGrantRequest> tokenClient = discordBeanIfAmbiguous(
				context, ResolvableType.forClassWithGenerics(OAuth2AccessTokenResponseClient.class,
						OAuth2AuthorizationCodeGrantRequest.class),
				DiscordAuthorizationCodeTokenResponseClient.class);
		OAuth2UserService<OAuth2UserRequest, OAuth2User> userService = discordBeanIfAmbiguous(context,
				ResolvableType.forClassWithGenerics(OAuth2UserService.class, OAuth2UserRequest.class, OAuth2User.class),
				DiscordOAuth2UserService.class);
		http.oauth2Login((login) -> {
			if (tokenClient != null) {
				login.tokenEndpoint((token) -> token.accessTokenResponseClient(tokenClient));
			}
			if (userService != null) {
				login.userInfoEndpoint((userInfo) -> userInfo.userService(userService));
			}
			this.loginCustomizer.customize(login);
		});
		// With the starter's token store, logout does what on-logout says to the stored
		// tokens, on whichever instance it reaches.
		DiscordTokensLogoutHandler tokensHandler = context.getBeanProvider(DiscordTokensLogoutHandler.class)
			.getIfUnique();
		if (tokensHandler != null) {
			DiscordTokensLogoutHandler handler = this.revokeTokenOnLogout ? tokensHandler.revoking() : tokensHandler;
			http.logout((logout) -> logout.addLogoutHandler(handler));
		}
		else if (this.revokeTokenOnLogout) {
			DiscordRevokeTokenLogoutHandler handler = context.getBean(DiscordRevokeTokenLogoutHandler.class);
			http.logout((logout) -> logout.addLogoutHandler(handler));
		}
	}

	/**
	 * The starter's own bean when several beans of the given type exist (Spring
	 * Security's lookup would then silently fall back to its defaults), else
	 * {@code null}.
	 */
	@SuppressWarnings("unchecked")
	private static <T> @Nullable T discordBeanIfAmbiguous(ApplicationContext context, ResolvableType type,
			Class<?> discordType) {
		String[] names = context.getBeanNamesForType(type);
		if (names.length < 2 || context.getBeanProvider(type).getIfUnique() != null) {
			return null;
		}
		return (T) context.getBeanProvider(discordType).getIfUnique();
	}

}
