package io.github.discordoauth2.login;

import java.util.ArrayList;
import java.util.List;

import io.github.discordoauth2.AccessToken;
import io.github.discordoauth2.security.DiscordOAuth2User;
import io.github.discordoauth2.security.DiscordOAuth2UserService;
import io.github.discordoauth2.security.tokens.DiscordAccountLinks;
import io.github.discordoauth2.security.web.DiscordAccountRequiredException;
import io.github.discordoauth2.security.web.DiscordConnectConfigurer;
import io.github.discordoauth2.security.web.DiscordOAuth2LoginConfigurer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.client.userinfo.DefaultOAuth2UserService;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserRequest;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.user.DefaultOAuth2User;
import org.springframework.security.oauth2.core.user.OAuth2User;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The code of docs/spring-boot.md's composition sections, exactly: each snippet between
 * its tag lines is copied into the docs ({@link CompositionDocsTests} checks that), and
 * the integration tests run it.
 */
final class CompositionSnippets {

	private CompositionSnippets() {
	}

	@Configuration(proxyBeanMethods = false)
	static class OwnChain {

		// tag::own-chain[]
		@Bean
		SecurityFilterChain security(HttpSecurity http) throws Exception {
			http.authorizeHttpRequests(
					(requests) -> requests.requestMatchers("/", "/error").permitAll().anyRequest().authenticated());
			http.with(DiscordOAuth2LoginConfigurer.discordLogin()
				.oauth2Login((login) -> login.defaultSuccessUrl("/profile")), Customizer.withDefaults());
			http.logout((logout) -> logout.logoutSuccessUrl("/"));
			return http.build();
		}
		// end::own-chain[]

	}

	@Configuration(proxyBeanMethods = false)
	static class BesideGoogle {

		// tag::beside-google[]
		// Only for Google: the starter's Discord user service stays in front of it
		// and hands it every registration that is not Discord's.
		@Bean
		OAuth2UserService<OAuth2UserRequest, OAuth2User> googleUserService() {
			DefaultOAuth2UserService google = new DefaultOAuth2UserService();
			return (request) -> {
				OAuth2User user = google.loadUser(request);
				List<GrantedAuthority> authorities = new ArrayList<>(user.getAuthorities());
				authorities.add(new SimpleGrantedAuthority("ROLE_GOOGLE"));
				return new DefaultOAuth2User(authorities, user.getAttributes(), "sub");
			};
		}
		// end::beside-google[]

	}

	@Configuration(proxyBeanMethods = false)
	static class WrappedUserService {

		// tag::wrap-user-service[]
		@Bean
		SecurityFilterChain security(HttpSecurity http, DiscordOAuth2UserService discordUserService) throws Exception {
			http.authorizeHttpRequests((requests) -> requests.anyRequest().authenticated());
			http.with(
					DiscordOAuth2LoginConfigurer.discordLogin()
						.oauth2Login((login) -> login.userInfoEndpoint(
								(userInfo) -> userInfo.userService(new MemberUserService(discordUserService)))),
					Customizer.withDefaults());
			return http.build();
		}

		/** Discord's user service, plus an authority of the application's own. */
		static class MemberUserService implements OAuth2UserService<OAuth2UserRequest, OAuth2User> {

			private final DiscordOAuth2UserService discord;

			MemberUserService(DiscordOAuth2UserService discord) {
				this.discord = discord;
			}

			@Override
			public OAuth2User loadUser(OAuth2UserRequest request) {
				OAuth2User user = this.discord.loadUser(request);
				if (!(user instanceof DiscordOAuth2User discordUser)) {
					return user;
				}
				List<GrantedAuthority> authorities = new ArrayList<>(user.getAuthorities());
				authorities.add(new SimpleGrantedAuthority("ROLE_MEMBER"));
				return new DiscordOAuth2User(discordUser.user(), discordUser.getAttributes(), authorities);
			}

		}
		// end::wrap-user-service[]

	}

	@Configuration(proxyBeanMethods = false)
	@Import(AccountLinking.AccountController.class)
	static class AccountLinking {

		// tag::account-linking[]
		@Bean
		SecurityFilterChain security(HttpSecurity http) throws Exception {
			http.authorizeHttpRequests(
					(requests) -> requests.requestMatchers("/", "/error").permitAll().anyRequest().authenticated());
			http.formLogin(Customizer.withDefaults());
			// POST /oauth2/connect/discord connects, POST /oauth2/disconnect/discord
			// disconnects (forms with the CSRF token); both come back to /account.
			http.with(DiscordConnectConfigurer.discordConnect().returnUrl("/account"), Customizer.withDefaults());
			return http.build();
		}

		@RestController
		static class AccountController {

			private final DiscordAccountLinks links;

			AccountController(DiscordAccountLinks links) {
				this.links = links;
			}

			@GetMapping("/account")
			String account(Authentication authentication) {
				return this.links.discordIdOf(authentication)
					.map((id) -> authentication.getName() + " connected Discord user " + id)
					.orElse(authentication.getName() + " has not connected Discord");
			}

			// The principal stays the local account; the token is its connected Discord
			// user's.
			@GetMapping("/discord")
			String discord(Authentication authentication, AccessToken token) {
				return authentication.getName() + " is " + token.fetchIdentify().username() + " on Discord";
			}

			// Not connected (or the tokens are gone): offer to connect, with a form
			// (connecting starts with a POST that carries the CSRF token).
			@ExceptionHandler(DiscordAccountRequiredException.class)
			ResponseEntity<String> connectFirst(DiscordAccountRequiredException ex, CsrfToken csrf) {
				return ResponseEntity.status(HttpStatus.FORBIDDEN)
					.contentType(MediaType.TEXT_HTML)
					.body("<form method=\"post\" action=\"/oauth2/connect/" + ex.registrationId() + "\">"
							+ "<input type=\"hidden\" name=\"" + csrf.getParameterName() + "\" value=\""
							+ csrf.getToken() + "\"><button>Connect Discord</button></form>");
			}

		}
		// end::account-linking[]

	}

}
