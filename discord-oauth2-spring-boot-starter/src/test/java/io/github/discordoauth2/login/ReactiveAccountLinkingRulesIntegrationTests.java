package io.github.discordoauth2.login;

import io.github.discordoauth2.ReactiveAccessToken;
import io.github.discordoauth2.security.tokens.LocalAccountIdentifier;
import io.github.discordoauth2.security.tokens.ReactiveDiscordAccountLinks;
import io.github.discordoauth2.security.web.DiscordAccountRequiredException;
import io.github.discordoauth2.security.web.server.DiscordServerConnectConfigurer;
import io.github.discordoauth2.support.BlockHoundSupport;
import org.junit.jupiter.api.Tag;
import reactor.core.publisher.Mono;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.userdetails.ReactiveUserDetailsService;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Account linking rules in a WebFlux application: the contract of
 * {@link AccountLinkingRulesContract} on Netty with
 * {@link DiscordServerConnectConfigurer}, under BlockHound.
 */
@Tag("reactive")
@SpringBootTest(classes = ReactiveAccountLinkingRulesIntegrationTests.RulesApplication.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ReactiveAccountLinkingRulesIntegrationTests extends AccountLinkingRulesContract {

	static {
		BlockHoundSupport.install();
	}

	@Override
	TestBrowser newBrowser() {
		return new TestBrowser();
	}

	/**
	 * A WebFlux application whose accounts are named by id, with rules for connecting.
	 */
	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import(LinkingController.class)
	static class RulesApplication {

		@Bean
		TokenEvents tokenEvents() {
			return new TokenEvents();
		}

		@Bean
		Accounts accounts() {
			return new Accounts();
		}

		@Bean
		ReactiveUserDetailsService localAccounts(Accounts accounts) {
			// A map lookup: nothing here blocks.
			return (username) -> Mono.<UserDetails>fromSupplier(() -> accounts.loadUserByUsername(username))
				.onErrorResume(UsernameNotFoundException.class, (ex) -> Mono.empty());
		}

		// The account's id, never its name, keys its link.
		@Bean
		LocalAccountIdentifier localAccountIdentifier() {
			return AccountLinkingRulesContract::accountId;
		}

		@Bean
		SecurityWebFilterChain security(ServerHttpSecurity http, ApplicationContext context) {
			http.authorizeExchange((exchanges) -> exchanges
				.pathMatchers(HttpMethod.POST, DiscordServerConnectConfigurer.CONNECT_BASE_URI + "/**")
				.hasRole("CONNECTOR")
				.pathMatchers("/", "/error")
				.permitAll()
				.anyExchange()
				.authenticated());
			http.formLogin(Customizer.withDefaults());
			DiscordServerConnectConfigurer.discordConnect(context).returnUrl("/account").customize(http);
			return http.build();
		}

	}

	@RestController
	static class LinkingController {

		private final ReactiveDiscordAccountLinks links;

		LinkingController(ReactiveDiscordAccountLinks links) {
			this.links = links;
		}

		@GetMapping("/account")
		Mono<String> account(Authentication authentication) {
			return this.links.discordIdOf(authentication)
				.map((id) -> authentication.getName() + " connected Discord user " + id)
				.defaultIfEmpty(authentication.getName() + " has not connected Discord");
		}

		@GetMapping("/discord")
		Mono<String> discord(Authentication authentication, ReactiveAccessToken token) {
			return token.fetchIdentify()
				.map((user) -> authentication.getName() + " is " + user.username() + " on Discord");
		}

		@ExceptionHandler(DiscordAccountRequiredException.class)
		ResponseEntity<String> connectFirst() {
			return ResponseEntity.status(HttpStatus.FORBIDDEN).body("connect first");
		}

	}

}
