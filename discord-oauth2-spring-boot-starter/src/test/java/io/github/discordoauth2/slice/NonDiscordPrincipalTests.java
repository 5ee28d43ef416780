package io.github.discordoauth2.slice;

import io.github.discordoauth2.AccessToken;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A user who logged in some other way (a form, another provider) and reaches a controller
 * that takes an {@link AccessToken} is refused with 403 and keeps their identity, instead
 * of being sent through a Discord login that would replace it.
 */
@WebMvcTest(properties = { "discord.oauth2.client-id=1100000000000000001", "discord.oauth2.client-secret=s3cret",
		"discord.oauth2.base-url=http://127.0.0.1:9" })
class NonDiscordPrincipalTests {

	@Autowired
	MockMvc mvc;

	@Test
	void formLoginUserGetsForbiddenNotADiscordLogin() throws Exception {
		this.mvc.perform(get("/token").with(user("alice"))).andExpect(status().isForbidden());
	}

	@Test
	void anonymousUserIsStillSentToDiscord() throws Exception {
		this.mvc.perform(get("/token"))
			.andExpect(status().isFound())
			.andExpect(redirectedUrl("/oauth2/authorization/discord"));
	}

	@SpringBootConfiguration
	@Import(TokenController.class)
	static class SliceApplication {

	}

	@RestController
	static class TokenController {

		@GetMapping("/token")
		String token(AccessToken token) {
			return token.scopes().toString();
		}

	}

}
