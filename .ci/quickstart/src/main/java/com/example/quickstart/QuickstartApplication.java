package com.example.quickstart;

import io.github.discordoauth2.AccessToken;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The README's quick start: one page that shows the logged-in Discord user's name.
 */
@SpringBootApplication
@RestController
public class QuickstartApplication {

	/**
	 * Starts the application.
	 * @param args command line arguments
	 */
	public static void main(String[] args) {
		SpringApplication.run(QuickstartApplication.class, args);
	}

	@GetMapping("/me")
	String me(AccessToken token) { // the logged-in user's token, refreshed when expired
		return token.fetchIdentify().username();
	}

}
