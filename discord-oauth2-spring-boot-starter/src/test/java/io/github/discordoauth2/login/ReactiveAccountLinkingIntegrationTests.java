package io.github.discordoauth2.login;

import io.github.discordoauth2.ReactiveAccessToken;
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
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.userdetails.MapReactiveUserDetailsService;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.csrf.CsrfToken;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

/**
 * Account linking in a WebFlux application: the contract of
 * {@link AccountLinkingContract} on Netty with {@link DiscordServerConnectConfigurer},
 * under BlockHound, so a link or token read on an event loop would fail it.
 */
@Tag("reactive")
@SpringBootTest(classes = ReactiveAccountLinkingIntegrationTests.LinkingApplication.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "discord.oauth2.login.refresh-on-unauthorized=true")
class ReactiveAccountLinkingIntegrationTests extends AccountLinkingContract {

	static {
		BlockHoundSupport.install();
	}

	@Override
	TestBrowser newBrowser() {
		return new TestBrowser();
	}

	/** A WebFlux application with form login and "Connect Discord". */
	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import({ LocalAccounts.class, AccountController.class, AuthoritiesController.class })
	static class LinkingApplication {

		// tag::reactive-account-linking[]
		@Bean
		SecurityWebFilterChain security(ServerHttpSecurity http, ApplicationContext context) {
			http.authorizeExchange(
					(exchanges) -> exchanges.pathMatchers("/", "/error").permitAll().anyExchange().authenticated());
			http.formLogin(Customizer.withDefaults());
			// POST /oauth2/connect/discord connects, POST /oauth2/disconnect/discord
			// disconnects (forms with the CSRF token); both come back to /account.
			DiscordServerConnectConfigurer.discordConnect(context).returnUrl("/account").customize(http);
			return http.build();
		}
		// end::reactive-account-linking[]

	}

	/** The local accounts, on WebFlux. */
	@Configuration(proxyBeanMethods = false)
	static class LocalAccounts {

		@Bean
		TokenEvents tokenEvents() {
			return new TokenEvents();
		}

		@Bean
		MapReactiveUserDetailsService localAccounts() {
			return new MapReactiveUserDetailsService(LOCAL_ACCOUNTS.stream()
				.map((name) -> User.withUsername(name).password("{noop}pw").roles("USER").build())
				.toList());
		}

	}

	/** The docs' account controller, on WebFlux. */
	// tag::reactive-account-controller[]
	@RestController
	static class AccountController {

		private final ReactiveDiscordAccountLinks links;

		AccountController(ReactiveDiscordAccountLinks links) {
			this.links = links;
		}

		@GetMapping("/account")
		Mono<String> account(Authentication authentication) {
			return this.links.discordIdOf(authentication)
				.map((id) -> authentication.getName() + " connected Discord user " + id)
				.defaultIfEmpty(authentication.getName() + " has not connected Discord");
		}

		// The principal stays the local account; the token is its connected Discord
		// user's.
		@GetMapping("/discord")
		Mono<String> discord(Authentication authentication, ReactiveAccessToken token) {
			return token.fetchIdentify()
				.map((user) -> authentication.getName() + " is " + user.username() + " on Discord");
		}

		// Not connected (or the tokens are gone): offer to connect, with a form
		// (connecting starts with a POST that carries the CSRF token).
		@ExceptionHandler(DiscordAccountRequiredException.class)
		Mono<ResponseEntity<String>> connectFirst(DiscordAccountRequiredException ex, ServerWebExchange exchange) {
			Mono<CsrfToken> csrf = exchange.getAttribute(CsrfToken.class.getName());
			return (csrf != null ? csrf : Mono.<CsrfToken>empty())
				.map((token) -> ResponseEntity.status(HttpStatus.FORBIDDEN)
					.contentType(MediaType.TEXT_HTML)
					.body("<form method=\"post\" action=\"/oauth2/connect/" + ex.registrationId() + "\">"
							+ "<input type=\"hidden\" name=\"" + token.getParameterName() + "\" value=\""
							+ token.getToken() + "\"><button>Connect Discord</button></form>"));
		}

	}
	// end::reactive-account-controller[]

	/** Shows the principal's type and authorities. */
	@RestController
	static class AuthoritiesController {

		@GetMapping("/authorities")
		String authorities(Authentication authentication) {
			return authentication.getPrincipal().getClass().getSimpleName() + " " + authentication.getAuthorities();
		}

	}

}
