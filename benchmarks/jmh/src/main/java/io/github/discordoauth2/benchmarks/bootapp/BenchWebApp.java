package io.github.discordoauth2.benchmarks.bootapp;

import io.github.discordoauth2.Client;
import io.github.discordoauth2.model.User;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A web application as a starter user writes it: Spring Boot's web starter, the Discord
 * starter, and the injected {@link Client}. {@code BootAppInterleaved} starts several of
 * them in one JVM, each with a different HTTP setup, and calls their {@code Client} bean.
 */
@SpringBootApplication
public class BenchWebApp {

	/**
	 * One page that uses the client, so that the application does what a real one does.
	 */
	@RestController
	static class MeController {

		private final Client client;

		MeController(Client client) {
			this.client = client;
		}

		@GetMapping("/me")
		User me() {
			return this.client.fromAccessToken("bench-access-token").fetchIdentify();
		}

	}

}
