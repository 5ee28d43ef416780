package io.github.discordoauth2.benchmarks.requestcost.starter.reactive;

import java.util.TreeSet;

import io.github.discordoauth2.ReactiveAccessToken;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.session.DefaultWebSessionManager;
import org.springframework.web.server.session.InMemoryWebSessionStore;
import org.springframework.web.server.session.WebSessionManager;

/**
 * The starter's quick start on WebFlux: {@code discord.oauth2.*} properties, the
 * starter's default security, and a controller that takes a {@link ReactiveAccessToken}.
 * The token store is memory or JDBC by the properties and class path it is started with.
 */
@SpringBootApplication
public class StarterReactiveApp {

	/** Starts the application. */
	public static void main(String[] args) {
		SpringApplication.run(StarterReactiveApp.class, args);
	}

	/**
	 * Room for every login of a run: WebFlux's in-memory session store refuses a new
	 * session beyond 10,000 (answering 500), which the login slices pass. The same in
	 * every WebFlux application measured.
	 */
	@Bean
	WebSessionManager webSessionManager() {
		InMemoryWebSessionStore sessions = new InMemoryWebSessionStore();
		sessions.setMaxSessions(500_000);
		DefaultWebSessionManager manager = new DefaultWebSessionManager();
		manager.setSessionStore(sessions);
		return manager;
	}

	/** The measured endpoints. */
	@RestController
	static class Pages {

		@GetMapping("/")
		String home() {
			return "home";
		}

		/** The user's token from the starter's store; Discord is not called. */
		@GetMapping("/tok")
		String tok(ReactiveAccessToken token) {
			return String.join(" ", new TreeSet<>(token.scopes()));
		}

		@GetMapping("/plain")
		String plain() {
			return "plain";
		}

	}

}
