package io.github.discordoauth2.login;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.discordoauth2.AccessToken;
import io.github.discordoauth2.Client;
import io.github.discordoauth2.Scopes;
import io.github.discordoauth2.model.User;
import io.github.discordoauth2.security.DiscordLoginEvent;
import io.github.discordoauth2.security.DiscordOAuth2User;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.event.EventListener;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The application of the README's quick start: only {@code discord.oauth2.*} properties,
 * a controller taking an {@link AccessToken} and one injecting the {@link Client}.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import(LoginTestApplication.DiscordController.class)
class LoginTestApplication {

	@Bean
	LoginEvents loginEvents() {
		return new LoginEvents();
	}

	@RestController
	static class DiscordController {

		private final Client client;

		DiscordController(Client client) {
			this.client = client;
		}

		@GetMapping("/")
		String home() {
			return "home";
		}

		@GetMapping("/me")
		String me(AccessToken token) {
			User user = token.fetchIdentify();
			return user.id() + ":" + user.username();
		}

		@GetMapping("/principal")
		String principal(@AuthenticationPrincipal DiscordOAuth2User principal) {
			return principal.getName() + ":" + principal.user().username() + ":" + principal.getAttributes().get("id");
		}

		/** Work with side effects: never repeated after a 401. */
		@PostMapping("/sync")
		String sync(AccessToken token) {
			return "synced " + token.fetchIdentify().username();
		}

		/** The CSRF token a form would carry. */
		@GetMapping("/csrf")
		String csrf(CsrfToken token) {
			return token.getToken();
		}

		@GetMapping("/invite")
		ResponseEntity<Void> invite() {
			return ResponseEntity.status(HttpStatus.FOUND).location(this.client.generateUri(Scopes.BOT)).build();
		}

	}

	/** Records every {@link DiscordLoginEvent}. */
	static class LoginEvents {

		final List<DiscordLoginEvent> events = new CopyOnWriteArrayList<>();

		@EventListener
		void onLogin(DiscordLoginEvent event) {
			this.events.add(event);
		}

	}

}
