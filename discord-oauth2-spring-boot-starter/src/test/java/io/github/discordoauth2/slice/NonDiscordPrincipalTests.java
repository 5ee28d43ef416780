package io.github.discordoauth2.slice;

import io.github.discordoauth2.security.web.DiscordAccountRequiredException;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A user who logged in some other way (a form, another provider) and reaches a controller
 * that takes an {@link io.github.discordoauth2.AccessToken AccessToken} is refused with
 * 403 and keeps their identity, instead of being sent through a Discord login that would
 * replace it; the message tells the application how to offer "Connect Discord".
 */
@ContextConfiguration(classes = DiscordWebMvcTestSliceTests.SliceApplication.class)
@WebMvcTest(properties = { "discord.oauth2.client-id=1100000000000000001", "discord.oauth2.client-secret=s3cret",
		"discord.oauth2.base-url=http://127.0.0.1:9" })
class NonDiscordPrincipalTests {

	@Autowired
	MockMvc mvc;

	@Test
	void formLoginUserGetsForbiddenNotADiscordLogin() throws Exception {
		this.mvc.perform(get("/token").with(user("alice")))
			.andExpect(status().isForbidden())
			.andExpect((result) -> assertThat(result.getResolvedException())
				.isInstanceOf(DiscordAccountRequiredException.class)
				.hasMessageContaining("Connect Discord")
				.hasMessageContaining("DiscordConnectConfigurer.discordConnect()")
				.hasMessageContaining("/oauth2/connect/discord"));
	}

	@Test
	void anonymousUserIsStillSentToDiscord() throws Exception {
		this.mvc.perform(get("/token"))
			.andExpect(status().isFound())
			.andExpect(redirectedUrl("/oauth2/authorization/discord"));
	}

}
