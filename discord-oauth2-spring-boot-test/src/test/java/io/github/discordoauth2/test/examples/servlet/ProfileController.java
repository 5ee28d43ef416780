package io.github.discordoauth2.test.examples.servlet;

import io.github.discordoauth2.AccessToken;
import io.github.discordoauth2.security.DiscordOAuth2User;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The quick start's controller.
 */
@RestController
public class ProfileController {

	/** Asks Discord who the user is. */
	@GetMapping("/me")
	String me(AccessToken token) {
		return "Hello " + token.fetchIdentify().displayName();
	}

	/** Only what the login stored: no call to Discord. */
	@GetMapping("/whoami")
	String whoami(@AuthenticationPrincipal DiscordOAuth2User user, AccessToken token) {
		return user.id() + " " + user.user().username() + " "
				+ String.join(",", token.scopes().stream().sorted().toList());
	}

}
