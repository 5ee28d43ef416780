package io.github.discordoauth2.autoconfigure.servlet;

import java.io.IOException;

import io.github.discordoauth2.security.tokens.DiscordRevocation;
import io.github.discordoauth2.security.web.DiscordOAuth2LoginConfigurer;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.security.autoconfigure.web.servlet.ConditionalOnDefaultWebSecurity;
import org.springframework.boot.security.autoconfigure.web.servlet.PathRequest;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Auto-configuration of a default {@link SecurityFilterChain} with "Login with Discord",
 * used only when the application defines no filter chain of its own (an application with
 * its own chain adds Discord with {@link DiscordOAuth2LoginConfigurer}).
 *
 * <p>
 * The home page {@code /}, {@code /error} and static resources are public, everything
 * else needs a login; {@code POST /logout} logs out (doing what
 * {@code discord.oauth2.token-store.on-logout} says to the stored tokens) and returns to
 * {@code /}, with {@code ?discord-logout-error=revocation_failed} when a revocation asked
 * for was not confirmed by Discord. It runs before Boot's own default chains (the form
 * login one and the OAuth2 client one), which then back off.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = DiscordOAuth2LoginAutoConfiguration.class, beforeName = {
		"org.springframework.boot.security.oauth2.client.autoconfigure.servlet.OAuth2ClientWebSecurityAutoConfiguration",
		"org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
		"org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration" })
@ConditionalOnDiscordLogin
@ConditionalOnDefaultWebSecurity
@ConditionalOnBean(ClientRegistrationRepository.class)
public final class DiscordOAuth2WebSecurityAutoConfiguration {

	/**
	 * Query parameter of the page after a logout whose revocation Discord did not confirm
	 * ({@code ?discord-logout-error=revocation_failed}).
	 */
	public static final String LOGOUT_ERROR_PARAMETER = "discord-logout-error";

	@Bean
	@Order(SecurityFilterProperties.BASIC_AUTH_ORDER)
	SecurityFilterChain discordSecurityFilterChain(HttpSecurity http) throws Exception {
		http.authorizeHttpRequests((requests) -> requests.requestMatchers("/", "/error")
			.permitAll()
			.requestMatchers(PathRequest.toStaticResources().atCommonLocations())
			.permitAll()
			.anyRequest()
			.authenticated());
		// The logout settings are the configurer's to read: on-logout wins over
		// revoke-on-logout.
		http.with(DiscordOAuth2LoginConfigurer.discordLogin(), Customizer.withDefaults());
		http.logout((logout) -> logout.logoutSuccessHandler(DiscordOAuth2WebSecurityAutoConfiguration::loggedOut));
		return http.build();
	}

	/**
	 * Back to the home page, which is told when Discord did not confirm the revocation.
	 */
	private static void loggedOut(HttpServletRequest request, HttpServletResponse response,
			@Nullable Authentication authentication) throws IOException {
		String home = request.getContextPath() + "/";
		response.sendRedirect((request.getAttribute(DiscordRevocation.ATTRIBUTE) == DiscordRevocation.FAILED)
				? home + "?" + LOGOUT_ERROR_PARAMETER + "=revocation_failed" : home);
	}

}
