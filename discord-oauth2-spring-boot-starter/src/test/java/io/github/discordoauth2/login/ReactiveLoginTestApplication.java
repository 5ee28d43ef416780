package io.github.discordoauth2.login;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.discordoauth2.ReactiveAccessToken;
import io.github.discordoauth2.security.DiscordLoginEvent;
import io.github.discordoauth2.security.DiscordOAuth2User;
import reactor.core.publisher.Mono;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.web.server.csrf.CsrfToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;

/**
 * A WebFlux application with only {@code discord.oauth2.*} properties and controllers
 * taking a {@link ReactiveAccessToken}: the reactive quick start.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import(ReactiveLoginTestApplication.DiscordController.class)
class ReactiveLoginTestApplication {

	/** Header that names the web session a response was served in. */
	static final String SESSION_HEADER = "X-Session-Id";

	/**
	 * Header that stores a note in the web session when a request carries it, and shows
	 * the session's note on every response.
	 */
	static final String NOTE_HEADER = "X-Session-Note";

	@Bean
	LoginEvents loginEvents() {
		return new LoginEvents();
	}

	/**
	 * Shows the web session of every response (its id in {@link #SESSION_HEADER}, its
	 * note in {@link #NOTE_HEADER}), so that a test sees what the server still holds for
	 * a session: a forgotten id is served in a new session, and an ended session keeps no
	 * note.
	 */
	@Bean
	@Order(Ordered.HIGHEST_PRECEDENCE)
	WebFilter sessionHeaders() {
		return (exchange, chain) -> {
			String note = exchange.getRequest().getHeaders().getFirst(NOTE_HEADER);
			return exchange.getSession().flatMap((session) -> {
				if (note != null) {
					session.getAttributes().put(NOTE_HEADER, note);
				}
				exchange.getResponse().beforeCommit(() -> exchange.getSession().doOnNext((current) -> {
					exchange.getResponse().getHeaders().set(SESSION_HEADER, current.getId());
					Object kept = current.getAttributes().get(NOTE_HEADER);
					if (kept != null) {
						exchange.getResponse().getHeaders().set(NOTE_HEADER, kept.toString());
					}
				}).then());
				return chain.filter(exchange);
			});
		};
	}

	@RestController
	static class DiscordController {

		@GetMapping("/")
		String home() {
			return "home";
		}

		@GetMapping("/me")
		Mono<String> me(ReactiveAccessToken token) {
			return token.fetchIdentify().map((user) -> user.id() + ":" + user.username());
		}

		@GetMapping("/guilds")
		Mono<String> guilds(Mono<ReactiveAccessToken> token) {
			return token.flatMapMany(ReactiveAccessToken::fetchGuilds)
				.map((guild) -> guild.name())
				.collectList()
				.map((names) -> String.join(",", names));
		}

		/** Work with side effects: never repeated after a 401. */
		@PostMapping("/sync")
		Mono<String> sync(ReactiveAccessToken token) {
			return token.fetchIdentify().map((user) -> "synced " + user.username());
		}

		/** The CSRF token a logout form would carry (WebFlux keeps it as a Mono). */
		@GetMapping("/csrf")
		Mono<String> csrf(ServerWebExchange exchange) {
			Mono<CsrfToken> token = exchange.getAttribute(CsrfToken.class.getName());
			return (token != null) ? token.map(CsrfToken::getToken) : Mono.empty();
		}

		@GetMapping("/principal")
		String principal(@AuthenticationPrincipal DiscordOAuth2User principal) {
			return principal.getName() + ":" + principal.user().username();
		}

	}

	/** Records every {@link DiscordLoginEvent} and the thread it was published on. */
	static class LoginEvents {

		final List<DiscordLoginEvent> events = new CopyOnWriteArrayList<>();

		final List<String> threads = new CopyOnWriteArrayList<>();

		@EventListener
		void onLogin(DiscordLoginEvent event) {
			this.events.add(event);
			this.threads.add(Thread.currentThread().getName());
		}

	}

}
