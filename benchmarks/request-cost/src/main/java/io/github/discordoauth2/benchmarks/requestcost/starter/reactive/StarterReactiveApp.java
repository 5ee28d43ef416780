package io.github.discordoauth2.benchmarks.requestcost.starter.reactive;

import java.util.TreeSet;

import io.github.discordoauth2.ReactiveAccessToken;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

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
