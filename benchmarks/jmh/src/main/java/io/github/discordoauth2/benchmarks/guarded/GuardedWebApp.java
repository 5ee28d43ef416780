package io.github.discordoauth2.benchmarks.guarded;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A web application behind the starter's default chain: every page but {@code /} needs a
 * Discord login. {@code AuthoritiesInterleaved} starts it twice, with and without
 * {@code discord.oauth2.authorities.*}, and calls {@code /ok} as a logged-in user.
 */
@SpringBootApplication
public class GuardedWebApp {

	/** One page that costs as little as possible, so that the chain's cost shows. */
	@RestController
	static class OkController {

		@GetMapping("/ok")
		String ok() {
			return "ok";
		}

	}

}
