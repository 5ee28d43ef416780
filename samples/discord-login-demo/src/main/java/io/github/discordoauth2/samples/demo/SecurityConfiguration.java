package io.github.discordoauth2.samples.demo;

import java.io.IOException;

import io.github.discordoauth2.security.tokens.DiscordRevocation;
import io.github.discordoauth2.security.tokens.LocalAccountIdentifier;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;

import static io.github.discordoauth2.security.web.DiscordConnectConfigurer.discordConnect;
import static io.github.discordoauth2.security.web.DiscordOAuth2LoginConfigurer.discordLogin;

/**
 * The app's own security chain, with Discord login added by the starter's configurer:
 * public home and error pages, everything else needs a login, a friendly page for failed
 * logins, and a logout that revokes the token at Discord (and says so when Discord did
 * not confirm). In demo mode only (the embedded FakeDiscord), beside it a local account
 * ("demo" / "demo", form login) that can connect a Discord account without becoming the
 * Discord user (account linking): an app that talks to the real Discord must not offer a
 * password everyone knows.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	@Bean
	SecurityFilterChain demoSecurityFilterChain(HttpSecurity http, DemoProperties demo) throws Exception {
		http.authorizeHttpRequests(requests -> {
			requests
				.requestMatchers("/", "/login-failed", "/error", GuildAccessController.ACCESS_DENIED, "/css/**",
						"/favicon.svg", PlaceholderImageController.PATH)
				.permitAll();
			// Who may do what, from Discord: members of the server see the members page,
			// holders of its Moderator role (mapped to ROLE_MODERATOR) the moderators
			// page. The starter re-reads both from Discord every refresh-interval.
			if (demo.membersGuildId() != null) {
				requests.requestMatchers(GuildAccessController.MEMBERS + "/**")
					.hasAuthority("DISCORD_GUILD_" + demo.membersGuildId());
			}
			if (demo.moderatorRoleId() != null) {
				requests.requestMatchers(GuildAccessController.MODERATORS).hasRole("MODERATOR");
			}
			requests.anyRequest().authenticated();
		});
		// The failure handler keeps the exception in the session, where
		// LoginFailureController turns it into an explanation (cancelled, expired, state
		// mismatch, no longer a member, ...). Given to the configurer, so that a session
		// that ends because Discord's answer changed lands there too. Logout revokes the
		// authorization at Discord and removes the stored tokens, on whichever instance
		// it reaches.
		http.with(
				discordLogin().revokeTokenOnLogout(true)
					.failureHandler(new SimpleUrlAuthenticationFailureHandler(LoginFailureController.PATH)),
				Customizer.withDefaults());
		// A member without the role (or a local account) on a gated page: a page that
		// says which authority it needs, instead of the generic error page.
		AccessDeniedHandlerImpl denied = new AccessDeniedHandlerImpl();
		denied.setErrorPage(GuildAccessController.ACCESS_DENIED);
		http.exceptionHandling(errors -> errors
			.defaultAccessDeniedHandlerFor(denied,
					PathPatternRequestMatcher.withDefaults().matcher(GuildAccessController.MEMBERS + "/**"))
			.defaultAccessDeniedHandlerFor(denied,
					PathPatternRequestMatcher.withDefaults().matcher(GuildAccessController.MODERATORS)));
		if (demo.embedded()) {
			// The local account: Spring Security's login page at /login, then the
			// profile, which offers "Connect Discord" (a form that posts to
			// /oauth2/connect/discord) and, once connected, "Disconnect Discord" (POST
			// /oauth2/disconnect/discord).
			http.formLogin(form -> form.defaultSuccessUrl("/profile"));
			// A visitor who opens a protected page still goes straight to Discord (with a
			// form login beside it, Spring Security would show its login page instead). A
			// default entry point, registered before the logins' own, so that Spring
			// Security still generates the login page at /login.
			http.exceptionHandling(errors -> errors.defaultAuthenticationEntryPointFor(
					new LoginUrlAuthenticationEntryPoint(Problem.LOGIN_URL), AnyRequestMatcher.INSTANCE));
			http.with(discordConnect().returnUrl("/profile"), Customizer.withDefaults());
		}
		// The home page says whether Discord confirmed the revocation.
		http.logout(logout -> logout.logoutSuccessHandler(SecurityConfiguration::loggedOut));
		return http.build();
	}

	private static void loggedOut(HttpServletRequest request, HttpServletResponse response,
			@Nullable Authentication authentication) throws IOException {
		boolean failed = request.getAttribute(DiscordRevocation.ATTRIBUTE) == DiscordRevocation.FAILED;
		response.sendRedirect(request.getContextPath() + (failed ? "/?loggedOut&revocationFailed" : "/?loggedOut"));
	}

	/**
	 * The demo's one local account, only in demo mode; a real app keeps its users in a
	 * database.
	 */
	@Bean
	@ConditionalOnBooleanProperty("demo.embedded")
	UserDetailsService localAccounts() {
		return new InMemoryUserDetailsManager(User.withUsername("demo").password("{noop}demo").roles("USER").build());
	}

	/**
	 * Links are keyed by the local account's name: the demo's one account is never
	 * deleted, re-created or renamed. A real app returns the id of the user record.
	 */
	@Bean
	@ConditionalOnBooleanProperty("demo.embedded")
	LocalAccountIdentifier localAccountIdentifier() {
		return Authentication::getName;
	}

}
