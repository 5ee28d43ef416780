package io.github.discordoauth2.login;

import io.github.discordoauth2.test.FakeDiscordExtension;
import io.github.discordoauth2.test.FakeDiscordProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static io.github.discordoauth2.login.ComposedLoginApplication.url;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/spring-boot.md "Customising Discord's adapters": the application wraps Discord's
 * user service explicitly in its own chain.
 */
@SpringBootTest(classes = { ComposedLoginApplication.class, CompositionSnippets.WrappedUserService.class },
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class WrappedUserServiceIntegrationTests {

	@RegisterExtension
	static FakeDiscordExtension discord = ComposedLoginApplication.fakeDiscord();

	@DynamicPropertySource
	static void discordProperties(DynamicPropertyRegistry registry) {
		FakeDiscordProperties.register(discord.fake(), registry);
	}

	@LocalServerPort
	int port;

	@Test
	void wrappedDiscordUserServiceAddsItsAuthorityToTheDiscordPrincipal() {
		TestBrowser browser = new TestBrowser();

		String authorities = browser.follow(url(this.port, "/authorities")).body();

		assertThat(authorities).startsWith("DiscordOAuth2User ").contains("ROLE_MEMBER", "SCOPE_identify");
	}

}
