package io.github.discordoauth2.security.web;

import io.github.discordoauth2.security.DiscordAuthorizationCodeTokenResponseClient;
import io.github.discordoauth2.security.tokens.DiscordAccountLinks;
import io.github.discordoauth2.security.tokens.DiscordTokens;
import io.github.discordoauth2.security.tokens.LocalAccountIdentifier;
import jakarta.servlet.http.HttpServletRequest;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.core.Authentication;
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
 * <li>{@code POST /oauth2/connect/discord} (a form with the CSRF token) sends the
 * signed-in user to Discord: Spring Security's {@code oauth2Client()} authorization-code
 * flow, not a login, so the principal stays the same. The pending authorization is bound
 * to that account: a callback completed while another account is signed in links nobody
 * ({@code ?discord-connect-error=account_mismatch}). Discord sends the user back to
 * {@code {baseUrl}/oauth2/connect/code/discord}, which must be one of the application's
 * redirects in the Developer Portal (beside the login's
 * {@code /login/oauth2/code/discord}); the code is exchanged through the core client, the
 * tokens stored under the Discord user ID and the local account linked to it. The user
 * lands on the {@link #returnUrl(String) return URL} (with
 * {@code ?discord-connect-error=<code>} when Discord or the exchange refused, or
 * {@code already_linked} when the Discord account is connected to as many local accounts
 * as {@code discord.oauth2.linking.max-accounts-per-discord-user} allows).</li>
 * <li>{@code POST /oauth2/disconnect/discord} (a form, with the CSRF token) revokes the
 * authorization at Discord, forgets the tokens and the link, and lands on the return URL
 * ({@code ?discord-disconnect-error=revocation_failed} when Discord did not
 * confirm).</li>
 * </ul>
 * They run after the application's authorization rules, which decide who may reach them;
 * both need a signed-in local account, for anyone else they do nothing. Local accounts
 * are keyed by the {@link LocalAccountIdentifier} bean (by default the name, with a WARN
 * at startup). When Discord is off (no {@code discord.oauth2.client-id}) the configurer
 * does nothing. The application's own {@code oauth2Client()} settings for other providers
 * stay (the start has a redirect filter of its own); the authorization request is kept
 * where Spring Security's code grant filter reads it by default, the HTTP session.
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

	private static final Log logger = LogFactory.getLog(DiscordConnectConfigurer.class);

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
		if (context.getBeanProvider(LocalAccountIdentifier.class).getIfUnique() == null) {
			logger.warn("Connect Discord keys local accounts by their name, as no LocalAccountIdentifier bean is "
					+ "defined: an account deleted and re-created under the same name, or renamed to a name another "
					+ "account had, would get that account's Discord connection. Define a LocalAccountIdentifier bean "
					+ "that returns the account's stable id (e.g. the primary key of its user record).");
		}
		String registrationId = tokens.registrationId();
		// Pending connections live in the session, bound to the account that started
		// them: Spring Security's code grant filter takes the callback only for that
		// account. Discord's token client hands other registrations on, and the
		// application's own oauth2Client() authorizations pass the repository unchanged.
		DiscordConnectAuthorizationRequests pending = new DiscordConnectAuthorizationRequests(links, contexts);
		http.oauth2Client((client) -> client.authorizationCodeGrant(
				(grant) -> grant.accessTokenResponseClient(tokenClient).authorizationRequestRepository(pending)));
		OAuth2AuthorizationRequestRedirectFilter start = new OAuth2AuthorizationRequestRedirectFilter(
				new ConnectRequestResolver(registrations, registrationId, links, contexts));
		start.setAuthorizationRequestRepository(pending);
		// After the authorization filter: the application's rules decide who reaches
		// the start, the landing and the disconnect (and the CSRF filter has checked
		// both forms).
		http.addFilterAfter(new DiscordConnectFilter(links, contexts, registrationId, this.returnUrl, start),
				AuthorizationFilter.class);
	}

	/**
	 * The Discord registration with the connect callback as its redirect URI, resolved
	 * only for {@code POST /oauth2/connect/{registrationId}} and only for a signed-in
	 * local account, whose key the request carries.
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
			this.connect = PathPatternRequestMatcher.withDefaults()
				.matcher(HttpMethod.POST, CONNECT_BASE_URI + "/" + registrationId);
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
			// Only the connect form starts a connection: an authorization some controller
			// needs (ClientAuthorizationRequiredException) is for the logins' and the
			// client's own filters.
			return null;
		}

		private @Nullable OAuth2AuthorizationRequest connect(HttpServletRequest request) {
			Authentication authentication = this.contexts.getContext().getAuthentication();
			if (authentication == null || !this.links.isLocalAccount(authentication)) {
				// Only a signed-in local account connects.
				return null;
			}
			OAuth2AuthorizationRequest resolved = this.delegate.resolve(request, this.registrationId);
			if (resolved == null) {
				return null;
			}
			// Bound to the account that starts it: the callback completes it for this
			// account only.
			String accountKey = this.links.accountKey(authentication);
			return OAuth2AuthorizationRequest.from(resolved)
				.attributes((attributes) -> attributes.put(DiscordConnectAuthorizationRequests.ACCOUNT_ATTRIBUTE,
						accountKey))
				.build();
		}

	}

}
