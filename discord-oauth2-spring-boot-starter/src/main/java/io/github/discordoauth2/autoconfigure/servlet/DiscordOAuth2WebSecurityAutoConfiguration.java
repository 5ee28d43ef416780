package io.github.discordoauth2.autoconfigure.servlet;

import io.github.discordoauth2.autoconfigure.DiscordOAuth2Properties;
import io.github.discordoauth2.security.web.DiscordOAuth2LoginConfigurer;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.security.autoconfigure.web.servlet.ConditionalOnDefaultWebSecurity;
import org.springframework.boot.security.autoconfigure.web.servlet.PathRequest;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Auto-configuration of a default {@link SecurityFilterChain} with "Login with Discord",
 * used only when the application defines no filter chain of its own (an application with
 * its own chain adds Discord with {@link DiscordOAuth2LoginConfigurer}).
 *
 * <p>
 * The home page {@code /}, {@code /error} and static resources are public, everything
 * else needs a login; {@code POST /logout} logs out (revoking the Discord authorization
 * when {@code discord.oauth2.login.revoke-on-logout} is set) and returns to {@code /}. It
 * runs before Boot's own default chains (the form login one and the OAuth2 client one),
 * which then back off.
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

	@Bean
	@Order(SecurityFilterProperties.BASIC_AUTH_ORDER)
	SecurityFilterChain discordSecurityFilterChain(HttpSecurity http, DiscordOAuth2Properties properties)
			throws Exception {
		http.authorizeHttpRequests((requests) -> requests.requestMatchers("/", "/error")
			.permitAll()
			.requestMatchers(PathRequest.toStaticResources().atCommonLocations())
			.permitAll()
			.anyRequest()
			.authenticated());
		http.with(DiscordOAuth2LoginConfigurer.discordLogin()
			.revokeTokenOnLogout(properties.getLogin().isRevokeOnLogout()), Customizer.withDefaults());
		http.logout((logout) -> logout.logoutSuccessUrl("/"));
		return http.build();
	}

}
