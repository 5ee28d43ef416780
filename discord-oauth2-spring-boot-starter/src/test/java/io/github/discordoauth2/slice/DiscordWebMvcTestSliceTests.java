package io.github.discordoauth2.slice;

import io.github.discordoauth2.AccessToken;
import io.github.discordoauth2.Client;
import io.github.discordoauth2.security.web.DiscordAccessTokenArgumentResolver;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The starter's auto-configurations take part in {@code @WebMvcTest} slices, so a
 * controller that takes an {@link AccessToken} can be tested there.
 */
@WebMvcTest(properties = { "discord.oauth2.client-id=1100000000000000001", "discord.oauth2.client-secret=s3cret",
		"discord.oauth2.base-url=http://127.0.0.1:9" })
class DiscordWebMvcTestSliceTests {

	@Autowired
	ApplicationContext context;

	@Autowired
	MockMvc mvc;

	@Test
	void sliceHasTheClientLoginAndArgumentResolver() throws Exception {
		assertThat(this.context.getBeansOfType(Client.class)).hasSize(1);
		assertThat(this.context.getBeansOfType(ClientRegistrationRepository.class)).hasSize(1);
		assertThat(this.context.getBeansOfType(DiscordAccessTokenArgumentResolver.class)).hasSize(1);
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
