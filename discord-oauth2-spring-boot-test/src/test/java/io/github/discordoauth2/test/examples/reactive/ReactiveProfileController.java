package io.github.discordoauth2.test.examples.reactive;

import io.github.discordoauth2.ReactiveAccessToken;
import io.github.discordoauth2.security.DiscordOAuth2User;
import reactor.core.publisher.Mono;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The WebFlux quick start's controller.
 */
@RestController
public class ReactiveProfileController {

	/** Asks Discord who the user is. */
	@GetMapping("/me")
	Mono<String> me(ReactiveAccessToken token) {
		return token.fetchIdentify().map((user) -> "Hello " + user.displayName());
	}

	/** Only what the login stored: no call to Discord. */
	@GetMapping("/whoami")
	String whoami(@AuthenticationPrincipal DiscordOAuth2User user, ReactiveAccessToken token) {
		return user.id() + " " + user.user().username() + " "
				+ String.join(",", token.scopes().stream().sorted().toList());
	}

}
