package io.github.discordoauth2.samples.demo;

import java.time.Duration;
import java.util.Map;

import io.github.discordoauth2.samples.demo.AppClient.Page;
import io.github.discordoauth2.test.DemoData;
import io.github.discordoauth2.test.Fault;
import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Errors a user can cause end on a page that says what happened and what to do, with a
 * fitting status, and never on a white-label page or a stack trace. Same application
 * context as {@link DemoPagesTests}.
 */
class DemoErrorPagesTests extends DemoAppTests {

	@Test
	void cancelOnTheConsentScreenExplainsThatNothingWasShared() {
		fake.autoApprove(false);
		Page consent = browser.login();
		assertThat(consent.uri().toString()).startsWith(fake.baseUrl() + "/oauth2/authorize");

		Page cancelled = browser.decide(consent, "cancel");

		assertThat(cancelled.path()).isEqualTo(LoginFailureController.PATH);
		assertThat(cancelled.status()).isEqualTo(401);
		assertThat(cancelled.text("problem-title")).isEqualTo("You cancelled the login");
		assertThat(cancelled.text("problem-what")).contains("shared nothing");
		assertThat(cancelled.text("problem-action")).isEqualTo("Login with Discord");
		assertFriendly(cancelled);
	}

	@Test
	void aCallbackThisBrowserDidNotStartIsRefusedWithAnExplanation() {
		Page forged = browser.get("/login/oauth2/code/discord?code=stolen&state=forged");

		assertThat(forged.path()).isEqualTo(LoginFailureController.PATH);
		assertThat(forged.text("problem-title")).isEqualTo("The login could not be finished");
		assertThat(browser.get("/").has("login")).isTrue();
	}

	@Test
	void aScopeTheUserDidNotGrantIsNamedOnTheErrorPage() {
		fake.autoApprove(false);
		Page consent = browser.login();
		// As if the user had approved only some of the requested permissions.
		Map<String, String> form = new java.util.LinkedHashMap<>(consent.hiddenInputs());
		form.put("scope", "identify email");
		form.put("decision", "authorize");
		browser.post(fake.baseUrl() + "/oauth2/authorize", form);

		Page guilds = browser.get("/guilds");

		assertThat(guilds.status()).isEqualTo(403);
		assertThat(guilds.text("problem-title")).isEqualTo("This page needs a permission you did not grant");
		assertThat(guilds.text("problem-what")).contains("\"guilds\"");
		assertFriendly(guilds);
	}

	@Test
	void anExpiredTokenEndsTheSessionAndOffersAFreshLogin() {
		browser.login();
		fake.expireAccessToken(currentAccessToken());

		Page profile = browser.get("/profile");

		assertThat(profile.status()).isEqualTo(401);
		assertThat(profile.text("problem-title")).isEqualTo("Discord no longer accepts your login");
		assertThat(profile.text("problem-action")).isEqualTo("Login with Discord");
		assertFriendly(profile);
		assertThat(browser.get("/").has("login")).as("logged out locally").isTrue();
	}

	@Test
	void aTokenRevokedAtDiscordEndsTheSessionToo() {
		browser.login();
		assertThat(fake.revokeToken(currentAccessToken())).isTrue();

		Page connections = browser.get("/connections");

		assertThat(connections.status()).isEqualTo(401);
		assertThat(connections.text("problem-title")).isEqualTo("Discord no longer accepts your login");
		// The button starts a fresh login, which works again.
		Page again = browser.get("/oauth2/authorization/discord");
		assertThat(again.text("viewer-name")).isEqualTo(DemoData.GLOBAL_NAME);
	}

	@Test
	void rateLimitingSaysHowLongToWait() {
		browser.login();
		fake.faults().next("GET /users/@me/guilds", 1, Fault.rateLimited(Duration.ofSeconds(120)));

		Page guilds = browser.get("/guilds");

		assertThat(guilds.status()).isEqualTo(429);
		assertThat(guilds.retryAfter()).isEqualTo("120");
		assertThat(guilds.text("problem-title")).isEqualTo("Discord asks us to slow down");
		assertThat(guilds.text("problem-todo")).isEqualTo("Wait 120 seconds, then try again.");
		assertFriendly(guilds);
	}

	// The client's rate limiter rightly holds the token route back for the 90 s Discord
	// asked for, so the
	// tests after this one need a fresh application context (and so a fresh Client).
	@Test
	@DirtiesContext(methodMode = DirtiesContext.MethodMode.AFTER_METHOD)
	void rateLimitingDuringTheLoginItselfIsExplainedToo() {
		fake.faults().next("POST /oauth2/token", 1, Fault.rateLimited(Duration.ofSeconds(90)));

		Page failed = browser.login();

		assertThat(failed.path()).isEqualTo(LoginFailureController.PATH);
		assertThat(failed.text("problem-title")).isEqualTo("Discord asks us to slow down");
		assertThat(failed.text("problem-todo")).isEqualTo("Wait 90 seconds, then try again.");
		assertFriendly(failed);
	}

	@Test
	void aRefusedBotTokenIsBlamedOnTheSetupAndKeepsTheUserLoggedIn() {
		browser.login();
		fake.faults().next("GET /applications/{application.id}/role-connections/metadata", 1, Fault.status(401));

		Page linkedRoles = browser.get("/linked-roles");

		assertThat(linkedRoles.status()).isEqualTo(503);
		assertThat(linkedRoles.text("problem-title")).isEqualTo("The app's bot could not sign in to Discord");
		assertThat(linkedRoles.text("problem-todo")).contains("DISCORD_BOT_TOKEN");
		assertFriendly(linkedRoles);
		assertThat(browser.get("/profile").text("display-name")).isEqualTo(DemoData.GLOBAL_NAME);
	}

	@Test
	void aRefusedBotTokenWhileJoiningIsBlamedOnTheSetupAndKeepsTheUserLoggedIn() {
		browser.login();
		Page join = browser.get("/join");
		boolean memberBefore = fake.isMember(DemoData.JOIN_GUILD_ID, DemoData.USER_ID);
		fake.faults().next("PUT /guilds/{guild.id}/members/{user.id}", 1, Fault.status(401));

		Page refused = browser.submit(join, "/join");

		assertThat(refused.status()).isEqualTo(503);
		assertThat(refused.text("problem-title")).isEqualTo("The app's bot could not sign in to Discord");
		assertFriendly(refused);
		assertThat(fake.isMember(DemoData.JOIN_GUILD_ID, DemoData.USER_ID)).isEqualTo(memberBefore);
		assertThat(browser.get("/profile").text("display-name")).isEqualTo(DemoData.GLOBAL_NAME);
	}

	@Test
	void discordFailingShowsATemporaryErrorNotAStackTrace() {
		browser.login();
		fake.faults().next("GET /users/@me/connections", 5, Fault.status(500));

		Page connections = browser.get("/connections");

		assertThat(connections.status()).isEqualTo(502);
		assertThat(connections.text("problem-title")).isEqualTo("Discord could not answer");
		assertFriendly(connections);
	}

	@Test
	void unknownPagesGetTheAppsOwnNotFoundPage() {
		browser.login();

		Page missing = browser.get("/no-such-page");

		assertThat(missing.status()).isEqualTo(404);
		assertThat(missing.text("problem-title")).isEqualTo("This page does not exist");
		assertFriendly(missing);
	}

	private String currentAccessToken() {
		OAuth2AuthorizedClient client = authorizedClients.loadAuthorizedClient("discord",
				Long.toString(DemoData.USER_ID));
		assertThat(client).as("authorized client of the demo user").isNotNull();
		return client.getAccessToken().getTokenValue();
	}

	private static void assertFriendly(Page page) {
		assertThat(page.body()).contains("id=\"problem\"")
			.doesNotContain("Whitelabel")
			.doesNotContainIgnoringCase("exception")
			.doesNotContain("\tat ")
			.doesNotContain("io.github.discordoauth2.");
	}

}
