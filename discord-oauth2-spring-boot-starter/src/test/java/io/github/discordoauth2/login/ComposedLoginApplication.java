package io.github.discordoauth2.login;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.annotation.CurrentSecurityContext;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The application of the composition tests: the quick start's controllers plus one that
 * shows the principal's type and authorities; each test adds one snippet of
 * {@link CompositionSnippets}.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import({ LoginTestApplication.DiscordController.class, ComposedLoginApplication.AuthoritiesController.class })
class ComposedLoginApplication {

	static final String GOOGLE_ID = "spring.security.oauth2.client.registration.google.client-id=g-id";

	static final String GOOGLE_SECRET = "spring.security.oauth2.client.registration.google.client-secret=g-s";

	@RestController
	static class AuthoritiesController {

		@GetMapping("/authorities")
		String authorities(@CurrentSecurityContext(expression = "authentication") Authentication authentication) {
			return authentication.getPrincipal().getClass().getSimpleName() + " " + authentication.getAuthorities();
		}

	}

}
