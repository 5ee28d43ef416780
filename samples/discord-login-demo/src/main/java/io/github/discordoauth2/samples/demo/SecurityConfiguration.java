package io.github.discordoauth2.samples.demo;

import static io.github.discordoauth2.security.DiscordOAuth2LoginConfigurer.discordLogin;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;

/**
 * The app's own security chain, with Discord login added by the starter's configurer:
 * public home and error pages, everything else needs a login, a friendly page for failed
 * logins, and a logout that revokes the token at Discord.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	@Bean
	SecurityFilterChain demoSecurityFilterChain(HttpSecurity http) throws Exception {
		http.authorizeHttpRequests(requests -> requests
			.requestMatchers("/", "/login-failed", "/error", "/css/**", "/favicon.svg", PlaceholderImageController.PATH)
			.permitAll()
			.anyRequest()
			.authenticated());
		// The failure handler keeps the exception in the session, where
		// LoginFailureController
		// turns it into an explanation (cancelled, expired, state mismatch, ...).
		// Logout revokes the authorization at Discord and removes the stored tokens, on
		// whichever instance it reaches.
		http.with(
				discordLogin().revokeTokenOnLogout(true)
					.oauth2Login(login -> login
						.failureHandler(new SimpleUrlAuthenticationFailureHandler(LoginFailureController.PATH))),
				Customizer.withDefaults());
		http.logout(logout -> logout.logoutSuccessUrl("/?loggedOut"));
		return http.build();
	}

}
