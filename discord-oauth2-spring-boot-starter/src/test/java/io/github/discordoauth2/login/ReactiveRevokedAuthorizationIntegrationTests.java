package io.github.discordoauth2.login;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import io.github.discordoauth2.security.tokens.DiscordTokenStore;
import io.github.discordoauth2.support.BlockHoundSupport;
import io.github.discordoauth2.test.DemoData;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * On WebFlux and the starter's defaults (BlockHound on), a user who removed the
 * application in Discord and then opens a page is sent through the login again, not to an
 * error page; a request that must not be repeated is answered 401, not 500.
 */
@SpringBootTest(classes = ReactiveLoginTestApplication.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Tag("reactive")
class ReactiveRevokedAuthorizationIntegrationTests extends ComposedLoginTests {

	static {
		BlockHoundSupport.install();
	}

	@Autowired
	DiscordTokenStore store;

	private final TestBrowser browser = new TestBrowser();

	@BeforeEach
	void logIn() {
		this.store.update("discord", DemoData.USER_ID, (current) -> null);
		assertThat(this.browser.follow(url("/me")).statusCode()).isEqualTo(200);
		this.browser.clearVisited();
	}

	@Test
	void userWhoRevokedTheAppIsSentThroughTheLoginAndBackToThePage() {
		revokeAtDiscord();

		HttpResponse<String> me = this.browser.follow(url("/me"));

		assertThat(me.statusCode()).isEqualTo(200);
		assertThat(me.body()).isEqualTo(DemoData.USER_ID + ":" + DemoData.USERNAME);
		assertThat(this.browser.visited()).extracting(URI::getPath)
			.containsSubsequence("/me", "/me", "/oauth2/authorize", "/login/oauth2/code/discord", "/me");
	}

	@Test
	void postOfAUserWhoRevokedTheAppIsAnswered401AndTheNextPageLogsIn() {
		String csrf = this.browser.get(url("/csrf")).body();
		revokeAtDiscord();

		HttpResponse<String> sync = this.browser.post(url("/sync"),
				"_csrf=" + URLEncoder.encode(csrf, StandardCharsets.UTF_8));

		assertThat(sync.statusCode()).isEqualTo(401);
		assertThat(sync.body()).doesNotContain("Exception");
		assertThat(this.browser.follow(url("/me")).statusCode()).isEqualTo(200);
		assertThat(this.browser.visited()).extracting(URI::getPath).contains("/oauth2/authorize");
	}

	private void revokeAtDiscord() {
		// The user removed the app in Discord's settings: access and refresh token die at
		// once, long before their recorded expiry.
		discord.fake().revokeToken(this.store.load("discord", DemoData.USER_ID).getAccessToken().getTokenValue());
	}

}
