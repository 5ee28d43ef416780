package io.github.discordoauth2.samples.demo;

import io.github.discordoauth2.test.FakeDiscord;
import org.junit.jupiter.api.BeforeEach;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientService;

/**
 * The running demo app in demo mode, with its embedded FakeDiscord approving at once, and
 * a fresh cookie-keeping client per test. Page and error-page tests extend it so that
 * they share one application context by construction.
 */
// A blank client id and servers: demo mode even when the shell has DISCORD_CLIENT_ID etc.
// set. Authorities are re-read hourly here, so that a test that revokes a token meets
// the page it checks, not a re-check that Discord refuses first (DemoBrowserTests shows
// the short interval at work).
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "discord.oauth2.client-id=", "demo.join-guild-id=", "demo.members-guild-id=",
				"demo.auto-approve=true", "discord.oauth2.authorities.refresh-interval=1h" })
abstract class DemoAppTests {

	@LocalServerPort
	int port;

	@Autowired
	FakeDiscord fake;

	@Autowired
	OAuth2AuthorizedClientService authorizedClients;

	AppClient browser;

	@BeforeEach
	void newBrowser() {
		this.fake.autoApprove(true);
		this.fake.faults().clear();
		this.browser = new AppClient(this.port);
	}

}
