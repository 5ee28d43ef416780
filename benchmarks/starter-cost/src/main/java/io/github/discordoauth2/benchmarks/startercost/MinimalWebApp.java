package io.github.discordoauth2.benchmarks.startercost;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The smallest useful web application: one controller. Started by {@link StarterCost}
 * once with a class path holding only Spring Boot's web starter, once with the Discord
 * starter added.
 */
@SpringBootApplication
public class MinimalWebApp {

	/** Starts the application. */
	public static void main(String[] args) {
		SpringApplication.run(MinimalWebApp.class, args);
	}

	/** One page, so that the application is a web application doing something. */
	@RestController
	static class HelloController {

		@GetMapping("/")
		String hello() {
			return "hello";
		}

	}

}
