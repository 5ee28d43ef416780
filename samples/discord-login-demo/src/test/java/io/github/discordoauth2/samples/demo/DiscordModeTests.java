package io.github.discordoauth2.samples.demo;

import io.github.discordoauth2.Client;
import io.github.discordoauth2.samples.demo.AppClient.Page;
import io.github.discordoauth2.test.FakeDiscord;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.security.core.userdetails.UserDetailsService;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With a client id configured, the same app talks to discord.com: no embedded
 * FakeDiscord, the starter's {@link Client} points at Discord, and the pages say so. (No
 * request reaches Discord.)
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "discord.oauth2.client-id=123456789012345678", "discord.oauth2.client-secret=not-a-real-secret",
				"discord.oauth2.bot-token=", "demo.join-guild-id=" })
class DiscordModeTests {

	@LocalServerPort
	int port;

	@Autowired
	ApplicationContext context;

	@Autowired
	Client client;

	@Test
	void theAppTalksToDiscordAndStartsNoFake() {
		assertThat(this.context.getBeansOfType(FakeDiscord.class)).isEmpty();
		assertThat(this.client.baseUrl()).isEqualTo("https://discord.com");
		assertThat(this.client.clientId()).isEqualTo(123456789012345678L);
		assertThat(this.client.hasBotToken()).isFalse();

		Page home = new AppClient(this.port).get("/");

		assertThat(home.status()).isEqualTo(200);
		assertThat(home.body()).contains("Discord mode").contains("https://discord.com").doesNotContain("Demo mode");
		assertThat(home.text("login")).isEqualTo("Login with Discord");
	}

	@Test
	void talkingToDiscordTheAppOffersNoSharedLocalAccount() {
		Page home = new AppClient(this.port).get("/");

		assertThat(home.body()).doesNotContain("id=\"local-login\"").doesNotContain("<code>demo</code>");
		assertThat(this.context.getBeansOfType(UserDetailsService.class)).isEmpty();
	}

}
