package io.github.discordoauth2.login;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import io.github.discordoauth2.security.tokens.DiscordTokenStore;
import io.github.discordoauth2.support.BlockHoundSupport;
import io.github.discordoauth2.test.DemoData;
import io.github.discordoauth2.test.Fault;
import org.junit.jupiter.api.Tag;
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
@Tag("reactive")
class ReactiveLogoutIntegrationTests extends ComposedLoginTests {

	static {
		BlockHoundSupport.install();
	}

	@Autowired
	DiscordTokenStore store;

	private final TestBrowser browser = new TestBrowser();

	@Test
	void logoutEndsTheWebSessionWithEverythingItHeld() {
		assertThat(this.browser.follow(url("/me")).statusCode()).isEqualTo(200);
		this.browser.get(url("/"), ReactiveLoginTestApplication.NOTE_HEADER, "kept in the session");
		HttpResponse<String> before = this.browser.get(url("/"));
		assertThat(before.headers().firstValue(ReactiveLoginTestApplication.NOTE_HEADER))
			.hasValue("kept in the session");
		String session = before.headers().firstValue(ReactiveLoginTestApplication.SESSION_HEADER).orElseThrow();
		String csrf = this.browser.get(url("/csrf")).body();

		this.browser.post(url("/logout"), "_csrf=" + URLEncoder.encode(csrf, StandardCharsets.UTF_8));

		HttpResponse<String> after = this.browser.get(url("/"));
		assertThat(after.headers().firstValue(ReactiveLoginTestApplication.NOTE_HEADER)).isEmpty();
		// Someone who kept the old session id is served in a new session.
		HttpResponse<String> withOldId = TestBrowser.withCookie(url("/"), "SESSION", session).get(url("/"));
		assertThat(withOldId.headers().firstValue(ReactiveLoginTestApplication.NOTE_HEADER)).isEmpty();
		assertThat(withOldId.headers().firstValue(ReactiveLoginTestApplication.SESSION_HEADER)).isPresent()
			.get()
			.isNotEqualTo(session);
	}

	@Test
	void logoutWhoseRevocationDiscordDoesNotConfirmTellsTheUser() {
		assertThat(this.browser.follow(url("/me")).statusCode()).isEqualTo(200);
		String csrf = this.browser.get(url("/csrf")).body();
		discord.fake().faults().next("POST /oauth2/token/revoke", 2, Fault.status(502));

		HttpResponse<String> logout = this.browser.post(url("/logout"),
				"_csrf=" + URLEncoder.encode(csrf, StandardCharsets.UTF_8));

		assertThat(TestBrowser.location(logout).getPath()).isEqualTo("/");
		assertThat(TestBrowser.location(logout).getQuery()).isEqualTo("discord-logout-error=revocation_failed");
		assertThat(this.store.load("discord", DemoData.USER_ID)).isNull();
	}

	@Test
	void logoutWithoutTheCsrfTokenIsRefusedAndKeepsEverything() {
		assertThat(this.browser.follow(url("/me")).statusCode()).isEqualTo(200);
		discord.fake().clearJournal();

		HttpResponse<String> forged = this.browser.post(url("/logout"), "");

		assertThat(forged.statusCode()).isEqualTo(403);
		assertThat(this.store.load("discord", DemoData.USER_ID)).isNotNull();
		assertThat(discord.fake().journal()).noneMatch((request) -> request.path().endsWith("/oauth2/token/revoke"));
		assertThat(this.browser.get(url("/me")).statusCode()).isEqualTo(200);
	}

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
