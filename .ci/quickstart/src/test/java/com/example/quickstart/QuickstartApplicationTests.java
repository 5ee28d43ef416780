package com.example.quickstart;

import java.net.URI;
import java.net.http.HttpResponse;

import io.github.discordoauth2.test.DemoData;
import io.github.discordoauth2.test.FakeDiscordExtension;
import io.github.discordoauth2.test.FakeDiscordProperties;
import io.github.discordoauth2.test.web.DiscordTestBrowser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The quick start on a real server, logged in through the real login against FakeDiscord, as
 * "Testing your application" in docs/spring-boot.md shows.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class QuickstartApplicationTests {

	// A Discord on a local port, with a demo user who approves at once.
	@RegisterExtension
	static FakeDiscordExtension discord = FakeDiscordExtension.withDemoData();

	@DynamicPropertySource
	static void discord(DynamicPropertyRegistry registry) {
		FakeDiscordProperties.register(discord.fake(), registry);
	}

	@LocalServerPort
	int port;

	@Test
	void loggedInUserSeesTheirDiscordName() {
		DiscordTestBrowser browser = new DiscordTestBrowser();

		// The page needs a login: through FakeDiscord's consent and back to the page.
		HttpResponse<String> page = browser.follow("http://localhost:" + this.port + "/me");

		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).isEqualTo(DemoData.USERNAME); // "demo_user"
		// The page was reached through Discord's consent and the login callback, not left open.
		assertThat(browser.visited()).extracting(URI::getPath)
			.contains("/oauth2/authorize", "/login/oauth2/code/discord");
	}

}
