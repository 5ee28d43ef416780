package io.github.discordoauth2.autoconfigure.reactive;

import java.net.URI;

import io.github.discordoauth2.security.tokens.DiscordRevocation;
import io.github.discordoauth2.security.web.server.DiscordServerLoginConfigurer;
import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.security.autoconfigure.web.reactive.PathRequest;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.client.registration.ReactiveClientRegistrationRepository;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.WebFilterChainProxy;
import org.springframework.security.web.server.authentication.logout.RedirectServerLogoutSuccessHandler;

/**
 * Auto-configuration of a default {@link SecurityWebFilterChain} with "Login with
 * Discord" for a WebFlux application that defines no chain of its own (one with its own
 * chain adds Discord with {@link DiscordServerLoginConfigurer}): the same rules as the
 * servlet default. The home page {@code /}, {@code /error} and static resources are
 * public, everything else needs a login; {@code POST /logout} logs out (doing what
 * {@code discord.oauth2.token-store.on-logout} says to the stored tokens, and ending the
 * web session) and returns to {@code /}, with
 * {@code ?discord-logout-error=revocation_failed} when Discord did not confirm a
 * revocation. It runs before Boot's own reactive default chains, which then back off.
 *
 * @since 0.1.0
 */
@AutoConfiguration(
		after = { DiscordOAuth2ReactiveLoginAutoConfiguration.class,
				DiscordOAuth2ReactiveAuthorizedClientAutoConfiguration.class },
		beforeName = {
				"org.springframework.boot.security.oauth2.client.autoconfigure.reactive.ReactiveOAuth2ClientWebSecurityAutoConfiguration",
				"org.springframework.boot.security.autoconfigure.web.reactive.ReactiveWebSecurityAutoConfiguration",
				"org.springframework.boot.security.autoconfigure.actuate.web.reactive.ReactiveManagementWebSecurityAutoConfiguration" })
@ConditionalOnDiscordReactiveLogin
@ConditionalOnBean(ReactiveClientRegistrationRepository.class)
@ConditionalOnMissingBean({ SecurityWebFilterChain.class, WebFilterChainProxy.class })
public final class DiscordOAuth2ReactiveWebSecurityAutoConfiguration {

	/**
	 * Query parameter of the page after a logout whose revocation Discord did not confirm
	 * ({@code ?discord-logout-error=revocation_failed}).
	 */
	public static final String LOGOUT_ERROR_PARAMETER = "discord-logout-error";

	@Bean
	SecurityWebFilterChain discordSecurityWebFilterChain(ServerHttpSecurity http, ApplicationContext context) {
		http.authorizeExchange((exchanges) -> exchanges.pathMatchers("/", "/error")
			.permitAll()
			.matchers(PathRequest.toStaticResources().atCommonLocations())
			.permitAll()
			.anyExchange()
			.authenticated());
		DiscordServerLoginConfigurer.discordLogin(context).customize(http);
		RedirectServerLogoutSuccessHandler home = new RedirectServerLogoutSuccessHandler();
		home.setLogoutSuccessUrl(URI.create("/"));
		RedirectServerLogoutSuccessHandler homeWithError = new RedirectServerLogoutSuccessHandler();
		homeWithError.setLogoutSuccessUrl(URI.create("/?" + LOGOUT_ERROR_PARAMETER + "=revocation_failed"));
		// The home page is told when Discord did not confirm the revocation. Deferred:
		// Spring Security asks for the success handler's Mono before the logout
		// handlers have run.
		http.logout((logout) -> logout.logoutSuccessHandler((exchange, authentication) -> Mono
			.defer(() -> ((exchange.getExchange().getAttribute(DiscordRevocation.ATTRIBUTE) == DiscordRevocation.FAILED)
					? homeWithError : home)
				.onLogoutSuccess(exchange, authentication))));
		return http.build();
	}

}
