package io.github.discordoauth2.security.web;

import io.github.discordoauth2.security.DiscordAuthorizationCodeTokenResponseClient;
import io.github.discordoauth2.security.tokens.DiscordAccountLinks;
import io.github.discordoauth2.security.tokens.DiscordTokens;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationContext;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestRedirectFilter;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.util.Assert;

/**
 * Adds "Connect Discord" and "Disconnect Discord" to an application's own
 * {@code SecurityFilterChain}, for users who sign in some other way (a form, another
 * provider); see {@link DiscordAccountLinks}:
 *
 * <pre class="code">
 * http.formLogin(Customizer.withDefaults());
 * http.with(DiscordConnectConfigurer.discordConnect().returnUrl("/profile"), Customizer.withDefaults());
 * </pre>
 *
 * <ul>
 * <li>{@code GET /oauth2/connect/discord} (a link or button) sends the signed-in user to
 * Discord: Spring Security's {@code oauth2Client()} authorization-code flow, not a login,
 * so the principal stays the same. Discord sends the user back to
 * {@code {baseUrl}/oauth2/connect/code/discord}, which must be one of the application's
 * redirects in the Developer Portal (beside the login's
 * {@code /login/oauth2/code/discord}); the code is exchanged through the core client, the
 * tokens stored under the Discord user ID and the local account linked to it. The user
 * lands on the {@link #returnUrl(String) return URL} (with
 * {@code ?discord-connect-error=<code>} when Discord or the exchange refused).</li>
 * <li>{@code POST /oauth2/disconnect/discord} (a form, with the CSRF token) revokes the
 * authorization at Discord, forgets the tokens and the link, and lands on the return
 * URL.</li>
 * </ul>
 * Both need a signed-in local account; for anyone else they do nothing. When Discord is
 * off (no {@code discord.oauth2.client-id}) the configurer does nothing. The
 * application's own {@code oauth2Client()} settings for other providers stay (the start
 * has a redirect filter of its own); the authorization request is kept where Spring
 * Security's code grant filter reads it by default, the HTTP session.
 *
 * @since 0.1.0
 */
public final class DiscordConnectConfigurer extends AbstractHttpConfigurer<DiscordConnectConfigurer, HttpSecurity> {

	/**
	 * Where a signed-in user starts connecting: followed by {@code /} and the Discord
	 * registration ID.
	 */
	public static final String CONNECT_BASE_URI = "/oauth2/connect";

	/**
	 * Where Discord sends the user back: followed by {@code /} and the registration ID.
	 */
	public static final String CALLBACK_BASE_URI = "/oauth2/connect/code";

	/**
	 * Where a form posts to disconnect: followed by {@code /} and the registration ID.
	 */
	public static final String DISCONNECT_BASE_URI = "/oauth2/disconnect";

	private String returnUrl = "/";

	private DiscordConnectConfigurer() {
	}

	/**
	 * Creates the configurer, to pass to {@code http.with(...)}.
	 * @return a new configurer
	 */
	public static DiscordConnectConfigurer discordConnect() {
		return new DiscordConnectConfigurer();
	}

	/**
	 * Where the user lands after connecting or disconnecting. Defaults to {@code /}.
	 * @param returnUrl an application path, e.g. {@code /profile}
	 * @return this configurer
	 */
	public DiscordConnectConfigurer returnUrl(String returnUrl) {
		Assert.isTrue(returnUrl != null && returnUrl.startsWith("/"),
				"returnUrl must be a path of the application starting with '/'");
		this.returnUrl = returnUrl;
		return this;
	}

	@Override
	public void init(HttpSecurity http) {
		ApplicationContext context = http.getSharedObject(ApplicationContext.class);
		if (context == null) {
			return;
		}
		DiscordAccountLinks links = context.getBeanProvider(DiscordAccountLinks.class).getIfUnique();
		DiscordTokens tokens = context.getBeanProvider(DiscordTokens.class).getIfUnique();
		DiscordAuthorizationCodeTokenResponseClient tokenClient = context
			.getBeanProvider(DiscordAuthorizationCodeTokenResponseClient.class)
			.getIfUnique();
		ClientRegistrationRepository registrations = context.getBeanProvider(ClientRegistrationRepository.class)
			.getIfUnique();
		if (tokenClient == null || registrations == null) {
			// Discord is off (no client ID): leave the chain as the application wrote it.
			return;
		}
		if (links == null || tokens == null) {
			throw new IllegalStateException(
					"Connect Discord keeps the tokens in the starter's token store, and there is none: remove the "
							+ "application's own OAuth2AuthorizedClientService bean, or define a DiscordTokenStore bean "
							+ "(JdbcDiscordTokenStore or InMemoryDiscordTokenStore)");
		}
		SecurityContextHolderStrategy contexts = context.getBeanProvider(SecurityContextHolderStrategy.class)
			.getIfUnique(SecurityContextHolder::getContextHolderStrategy);
		String registrationId = tokens.registrationId();
		// Spring Security's code grant filter takes the callback; Discord's token client
		// hands other registrations on, and the application's own oauth2Client()
		// settings (its resolver for other providers) stay as they are.
		http.oauth2Client(
				(client) -> client.authorizationCodeGrant((grant) -> grant.accessTokenResponseClient(tokenClient)));
		// The start of "Connect Discord" has a redirect filter of its own, in front of
		// the logins' and the client's.
		http.addFilterBefore(
				new OAuth2AuthorizationRequestRedirectFilter(
						new ConnectRequestResolver(registrations, registrationId, links, contexts)),
				OAuth2AuthorizationRequestRedirectFilter.class);
		// After the authorization filter: the application's rules decide who reaches
		// them (and the CSRF filter has checked the disconnect form).
		http.addFilterAfter(new DiscordConnectFilter(links, contexts, registrationId, this.returnUrl),
				AuthorizationFilter.class);
	}

	/**
	 * The Discord registration with the connect callback as its redirect URI, resolved
	 * only at {@code /oauth2/connect/{registrationId}} and only for a signed-in local
	 * account.
	 */
	private static final class ConnectRequestResolver implements OAuth2AuthorizationRequestResolver {

		private final String registrationId;

		private final DiscordAccountLinks links;

		private final SecurityContextHolderStrategy contexts;

		private final RequestMatcher connect;

		private final DefaultOAuth2AuthorizationRequestResolver delegate;

		ConnectRequestResolver(ClientRegistrationRepository registrations, String registrationId,
				DiscordAccountLinks links, SecurityContextHolderStrategy contexts) {
			this.registrationId = registrationId;
			this.links = links;
			this.contexts = contexts;
			this.connect = PathPatternRequestMatcher.withDefaults().matcher(CONNECT_BASE_URI + "/" + registrationId);
			ClientRegistrationRepository connecting = (id) -> {
				ClientRegistration registration = registrationId.equals(id) ? registrations.findByRegistrationId(id)
						: null;
				return (registration != null) ? ClientRegistration.withClientRegistration(registration)
					.redirectUri("{baseUrl}" + CALLBACK_BASE_URI + "/{registrationId}")
					.build() : null;
			};
			this.delegate = new DefaultOAuth2AuthorizationRequestResolver(connecting, CONNECT_BASE_URI);
		}

		@Override
		public @Nullable OAuth2AuthorizationRequest resolve(HttpServletRequest request) {
			return this.connect.matches(request) ? connect(request) : null;
		}

		@Override
		public @Nullable OAuth2AuthorizationRequest resolve(HttpServletRequest request, String clientRegistrationId) {
			// Only the connect path starts a connection: an authorization some controller
			// needs (ClientAuthorizationRequiredException) is for the logins' and the
			// client's own filters.
			return null;
		}

		private @Nullable OAuth2AuthorizationRequest connect(HttpServletRequest request) {
			if (!this.links.isLocalAccount(this.contexts.getContext().getAuthentication())) {
				// Anonymous users go on to the application's rules (its login page).
				return null;
			}
			return this.delegate.resolve(request, this.registrationId);
		}

	}

}
