package io.github.discordoauth2.login;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import io.github.discordoauth2.security.tokens.DiscordTokenStore;
import io.github.discordoauth2.support.BlockHoundSupport;
import io.github.discordoauth2.test.DemoData;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Logging out of a WebFlux application does what
 * {@code discord.oauth2.token-store.on-logout} says, here {@code revoke}: the
 * authorization is revoked at Discord and the stored tokens are gone, off the event loop
 * (BlockHound is on).
 */
@SpringBootTest(classes = ReactiveLoginTestApplication.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "discord.oauth2.token-store.on-logout=revoke")
class ReactiveLogoutIntegrationTests extends ComposedLoginTests {

	static {
		BlockHoundSupport.install();
	}

	@Autowired
	DiscordTokenStore store;

	private final TestBrowser browser = TestBrowser.withConnectionPerRequest();

	@Test
	void logoutRevokesAtDiscordAndForgetsTheTokens() {
		assertThat(this.browser.follow(url("/me")).statusCode()).isEqualTo(200);
		assertThat(this.store.load("discord", DemoData.USER_ID)).isNotNull();
		String csrf = this.browser.get(url("/csrf")).body();
		discord.fake().clearJournal();

		HttpResponse<String> logout = this.browser.post(url("/logout"),
				"_csrf=" + URLEncoder.encode(csrf, StandardCharsets.UTF_8));

		assertThat(TestBrowser.isRedirect(logout)).isTrue();
		assertThat(TestBrowser.location(logout).getPath()).isEqualTo("/");
		assertThat(this.store.load("discord", DemoData.USER_ID)).isNull();
		assertThat(discord.fake().journal())
			.anyMatch((request) -> request.path().equals("/api/v10/oauth2/token/revoke") && request.status() == 200);
		// The session is gone too: the next page starts a new login.
		assertThat(TestBrowser.location(this.browser.get(url("/me"))).getPath())
			.isEqualTo("/oauth2/authorization/discord");
	}

}
