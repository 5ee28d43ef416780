package io.github.discordoauth2.login;

import io.github.discordoauth2.AccessToken;
import io.github.discordoauth2.security.tokens.DiscordAccountLinks;
import io.github.discordoauth2.security.tokens.LocalAccountIdentifier;
import io.github.discordoauth2.security.web.DiscordAccountRequiredException;
import io.github.discordoauth2.security.web.DiscordConnectConfigurer;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Account linking rules in a servlet application: the contract of
 * {@link AccountLinkingRulesContract} on Tomcat.
 */
@SpringBootTest(
		classes = { ComposedLoginApplication.class, AccountLinkingRulesIntegrationTests.AccountsById.class,
				AccountLinkingRulesIntegrationTests.LinkingController.class },
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AccountLinkingRulesIntegrationTests extends AccountLinkingRulesContract {

	@Override
	TestBrowser newBrowser() {
		return new TestBrowser();
	}

	@Configuration(proxyBeanMethods = false)
	static class AccountsById {

		@Bean
		TokenEvents tokenEvents() {
			return new TokenEvents();
		}

		@Bean
		Accounts accounts() {
			return new Accounts();
		}

		// The account's id, never its name, keys its link.
		@Bean
		LocalAccountIdentifier localAccountIdentifier() {
			return AccountLinkingRulesContract::accountId;
		}

		@Bean
		SecurityFilterChain security(HttpSecurity http) throws Exception {
			http.authorizeHttpRequests((requests) -> requests
				.requestMatchers(HttpMethod.POST, DiscordConnectConfigurer.CONNECT_BASE_URI + "/**")
				.hasRole("CONNECTOR")
				.requestMatchers("/", "/error")
				.permitAll()
				.anyRequest()
				.authenticated());
			http.formLogin(Customizer.withDefaults());
			http.with(DiscordConnectConfigurer.discordConnect().returnUrl("/account"), Customizer.withDefaults());
			return http.build();
		}

	}

	@RestController
	static class LinkingController {

		private final DiscordAccountLinks links;

		LinkingController(DiscordAccountLinks links) {
			this.links = links;
		}

		@GetMapping("/account")
		String account(Authentication authentication) {
			return this.links.discordIdOf(authentication)
				.map((id) -> authentication.getName() + " connected Discord user " + id)
				.orElse(authentication.getName() + " has not connected Discord");
		}

		@GetMapping("/discord")
		String discord(Authentication authentication, AccessToken token) {
			return authentication.getName() + " is " + token.fetchIdentify().username() + " on Discord";
		}

		@ExceptionHandler(DiscordAccountRequiredException.class)
		ResponseEntity<String> connectFirst() {
			return ResponseEntity.status(HttpStatus.FORBIDDEN).body("connect first");
		}

	}

}
