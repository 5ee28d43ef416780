package io.github.discordoauth2.test.examples.servlet;

// tag::mockmvc-test[]
import io.github.discordoauth2.test.FakeDiscordExtension;
import io.github.discordoauth2.test.FakeDiscordProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import static io.github.discordoauth2.test.web.servlet.DiscordMockMvc.discordLogin;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@WebMvcTest(ProfileController.class)
class ProfileControllerTests {

	@RegisterExtension
	static FakeDiscordExtension discord = FakeDiscordExtension.withDemoData();

	@DynamicPropertySource
	static void discord(DynamicPropertyRegistry registry) {
		FakeDiscordProperties.register(discord.fake(), registry);
	}

	@Autowired
	MockMvc mvc;

	@Test
	void showsTheLoggedInUsersName() throws Exception {
		// Logged in as FakeDiscord's demo user, with tokens the fake accepts.
		this.mvc.perform(get("/me").with(discordLogin().tokensFrom(discord.fake())))
			.andExpect(status().isOk())
			.andExpect(content().string("Hello Demo User"));
	}

}
// end::mockmvc-test[]
