package io.github.discordoauth2.login;

import java.net.http.HttpResponse;
import java.time.Duration;

import io.github.discordoauth2.security.tokens.DiscordTokenStore;
import io.github.discordoauth2.support.BlockHoundSupport;
import io.github.discordoauth2.test.DemoData;
import io.github.discordoauth2.test.FakeDiscordExtension;
import io.github.discordoauth2.test.FakeDiscordProperties;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The WebFlux twin of {@link ShortLivedTokensIntegrationTests}: a login whose token lives
 * 4 seconds, against the default refresh-ahead of 60, is stored and the page answers.
 */
@SpringBootTest(classes = ReactiveLoginTestApplication.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Tag("reactive")
class ReactiveShortLivedTokensIntegrationTests {

	static {
		BlockHoundSupport.install();
	}

	@RegisterExtension
	static FakeDiscordExtension discord = FakeDiscordExtension.configure((builder) -> builder.demoData()
		.autoApprove(true)
		.allowLoopbackRedirects(true)
		.accessTokenTtl(Duration.ofSeconds(4)));

	@DynamicPropertySource
	static void discordProperties(DynamicPropertyRegistry registry) {
		FakeDiscordProperties.register(discord.fake(), registry);
	}

	@LocalServerPort
	int port;

	@Autowired
	DiscordTokenStore store;

	@Test
	void aLoginWithATokenShorterThanRefreshAheadIsStoredAndTheUserGetsThePage() {
		TestBrowser browser = new TestBrowser();

		HttpResponse<String> me = browser.follow("http://127.0.0.1:" + this.port + "/me");

		assertThat(me.statusCode()).isEqualTo(200);
		assertThat(me.body()).isEqualTo(DemoData.USER_ID + ":" + DemoData.USERNAME);
		assertThat(browser.visited()).filteredOn((uri) -> uri.getPath().equals("/oauth2/authorize")).hasSize(1);
		assertThat(this.store.load("discord", DemoData.USER_ID)).isNotNull();
	}

}
