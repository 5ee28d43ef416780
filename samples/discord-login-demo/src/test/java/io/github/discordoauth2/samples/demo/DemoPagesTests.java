package io.github.discordoauth2.samples.demo;

import java.util.Map;

import io.github.discordoauth2.samples.demo.AppClient.Page;
import io.github.discordoauth2.test.DemoData;
import io.github.discordoauth2.test.RecordedRequest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One smoke test per page, each through a real login: the app on a random port, in demo
 * mode, with the embedded FakeDiscord approving at once (a scripted user who always
 * clicks Authorize).
 */
class DemoPagesTests extends DemoAppTests {

	@Test
	void homeOffersLoginWithDiscordAndSaysItIsInDemoMode() {
		Page home = browser.get("/");

		assertThat(home.status()).isEqualTo(200);
		assertThat(home.text("login")).isEqualTo("Login with Discord");
		assertThat(home.body()).contains("href=\"/oauth2/authorization/discord\"")
			.contains("Demo mode")
			.contains(fake.baseUrl());
	}

	@Test
	void loginGoesThroughDiscordAndComesBackLoggedIn() {
		Page landing = browser.login();

		assertThat(landing.status()).isEqualTo(200);
		assertThat(landing.path()).isEqualTo("/");
		assertThat(landing.text("viewer-name")).isEqualTo(DemoData.GLOBAL_NAME);
		assertThat(landing.has("logout")).isTrue();
		assertThat(fake.journal()).anyMatch(r -> r.path().endsWith("/oauth2/token") && r.status() == 200);
	}

	@Test
	void protectedPageSendsAnonymousUsersToDiscordAndBackToThatPage() {
		Page profile = browser.get("/profile");

		assertThat(profile.path()).isEqualTo("/profile");
		assertThat(profile.text("display-name")).isEqualTo(DemoData.GLOBAL_NAME);
	}

	@Test
	void profileShowsAvatarNamesEmailLocaleAndMfa() {
		browser.login();

		Page profile = browser.get("/profile");

		assertThat(profile.status()).isEqualTo(200);
		assertThat(profile.text("display-name")).isEqualTo(DemoData.GLOBAL_NAME);
		assertThat(profile.text("username")).isEqualTo("@" + DemoData.USERNAME);
		assertThat(profile.text("user-id")).isEqualTo(Long.toString(DemoData.USER_ID));
		assertThat(profile.text("email")).isEqualTo(DemoData.EMAIL + " verified");
		assertThat(profile.text("locale")).isEqualTo("en-US");
		assertThat(profile.text("mfa")).isEqualTo("enabled");
		assertThat(profile.body()).contains("id=\"avatar\"").contains("role_connections.write");
		// The avatar is drawn by the app in demo mode: the page works offline.
		assertThat(browser.get("/placeholder.svg?text=DU&seed=1").body()).startsWith("<svg").contains(">DU<");
	}

	@Test
	void guildsShowIconsOwnerBadgeAndMemberCounts() {
		browser.login();
		fake.clearJournal();

		Page guilds = browser.get("/guilds");

		assertThat(guilds.status()).isEqualTo(200);
		assertThat(guilds.text("guilds")).contains(DemoData.OWNED_GUILD_NAME + " owner 42 members · 7 online")
			.contains(DemoData.MEMBER_GUILD_NAME + " 1,234 members · 321 online")
			.doesNotContain(DemoData.JOIN_GUILD_NAME);
		assertThat(guilds.body()).contains("class=\"icon\"");
		assertThat(fake.journal()).anyMatch(r -> r.path().endsWith("/users/@me/guilds") && r.query() != null
				&& r.query().contains("with_counts=true"));
	}

	@Test
	void connectionsListTheLinkedAccounts() {
		browser.login();

		Page connections = browser.get("/connections");

		assertThat(connections.status()).isEqualTo(200);
		assertThat(connections.text("connections")).contains("github · demo-user verified public")
			.contains("twitch · demo_streams verified hidden");
	}

	@Test
	void joinAddsTheUserOnceAndThenReportsAlreadyMember() {
		browser.login();
		Page before = browser.get("/join");
		assertThat(before.text("join-guild")).isEqualTo(DemoData.JOIN_GUILD_NAME);
		assertThat(before.text("member-status")).isEqualTo("not a member yet");

		Page added = browser.submit(before, "/join");

		assertThat(added.path()).isEqualTo("/join");
		assertThat(added.text("join-result")).contains("added you").contains("201");
		assertThat(added.text("member-status")).isEqualTo("you are a member");
		assertThat(fake.isMember(DemoData.JOIN_GUILD_ID, DemoData.USER_ID)).isTrue();

		Page again = browser.submit(added, "/join");

		assertThat(again.text("join-result")).contains("already a member").contains("204");
	}

	@Test
	void ownerSyncsEveryoneWithTheTokensTheAppKeeps() {
		// Another user logged in earlier, in their own browser, and left.
		fake.actAs(DemoData.OTHER_USER_ID);
		try {
			new AppClient(port).login();
		}
		finally {
			fake.actAs(DemoData.USER_ID);
		}
		browser.login();
		// Role connections may only use registered metadata keys.
		Page page = browser.submit(browser.get("/linked-roles"), "/linked-roles/metadata");
		assertThat(page.has("sync-everyone")).isTrue();

		Page synced = browser.submit(page, "/linked-roles/sync");

		assertThat(synced.text("linked-roles-result")).startsWith("Synced 2 users;");
		assertThat(fake.roleConnection(DemoData.OTHER_USER_ID)).isPresent();
		assertThat(fake.roleConnection(DemoData.USER_ID)).isPresent();
	}

	@Test
	void onlyTheOwnerMayRegisterTheRecordsOrSyncEveryone() {
		fake.actAs(DemoData.OTHER_USER_ID);
		try {
			browser.login();
			Page page = browser.get("/linked-roles");
			assertThat(page.status()).isEqualTo(200);
			assertThat(page.has("register-metadata")).isFalse();
			assertThat(page.has("sync-everyone")).isFalse();
			assertThat(page.has("owner-only")).isTrue();
			String csrf = page.csrfToken("/linked-roles");

			assertThat(browser.post("/linked-roles/metadata", Map.of("_csrf", csrf)).status()).isEqualTo(403);
			assertThat(browser.post("/linked-roles/sync", Map.of("_csrf", csrf)).status()).isEqualTo(403);
		}
		finally {
			fake.actAs(DemoData.USER_ID);
		}
	}

	@Test
	void linkedRolesRegistersTheRecordsThenWritesTheUsersRoleConnection() {
		browser.login();
		Page page = browser.get("/linked-roles");
		assertThat(page.status()).isEqualTo(200);

		Page registered = browser.submit(page, "/linked-roles/metadata");

		assertThat(registered.text("linked-roles-result")).isEqualTo("Registered 3 metadata records with Discord.");
		assertThat(registered.text("records")).contains("verified_email")
			.contains("BOOLEAN_EQUAL")
			.contains("servers")
			.contains("linked_since");
		assertThat(fake.roleConnectionMetadata()).hasSize(3);

		Page updated = browser.submit(registered, "/linked-roles");

		assertThat(updated.text("linked-roles-result")).startsWith("Updated your role connection");
		assertThat(updated.text("platform-name")).isEqualTo("discord-oauth2 demo");
		assertThat(updated.text("platform-username")).isEqualTo(DemoData.USERNAME);
		assertThat(updated.text("role-connection")).contains("verified_email 1").containsPattern("servers \\d+");
		assertThat(fake.roleConnection(DemoData.USER_ID)).isPresent();
	}

	@Test
	void logoutIsAPostThatRevokesTheTokenAtDiscord() {
		Page home = browser.login();
		String accessToken = authorizedClients.loadAuthorizedClient("discord", Long.toString(DemoData.USER_ID))
			.getAccessToken()
			.getTokenValue();
		fake.clearJournal();

		Page loggedOut = browser.submit(home, "/logout");

		assertThat(loggedOut.path()).isEqualTo("/");
		assertThat(loggedOut.has("logged-out")).isTrue();
		assertThat(loggedOut.has("login")).isTrue();
		assertThat(fake.journal()).extracting(RecordedRequest::path)
			.anyMatch(path -> path.endsWith("/oauth2/token/revoke"));
		assertThat(fake.journal()).filteredOn(r -> r.path().endsWith("/oauth2/token/revoke"))
			.allMatch(r -> r.status() == 200);
		assertThat(fake.revokeToken(accessToken)).as("token still alive at Discord").isFalse();
		assertThat((Object) authorizedClients.loadAuthorizedClient("discord", Long.toString(DemoData.USER_ID)))
			.as("authorized client kept after logout")
			.isNull();
	}

	@Test
	void logoutWithoutTheCsrfTokenIsRefused() {
		browser.login();

		Page forged = browser.post("/logout", java.util.Map.of());

		assertThat(forged.status()).isEqualTo(403);
		assertThat(browser.get("/").has("logout")).isTrue();
	}

	@Test
	void membersPageShowsTheDiscordAuthoritiesAndTheModeratorsPageNeedsTheRole() {
		browser.login();

		Page members = browser.get("/members");
		assertThat(members.status()).isEqualTo(200);
		assertThat(members.text("authorities")).contains("DISCORD_GUILD_" + DemoData.MEMBER_GUILD_ID)
			.contains("DISCORD_ROLE_" + DemoData.MODERATOR_ROLE_ID)
			.contains("ROLE_MODERATOR");
		assertThat(members.text("role-at-discord")).isEqualTo("hold");
		assertThat(members.text("interval")).isEqualTo("60 minutes");
		Page moderators = browser.get("/moderators");
		assertThat(moderators.status()).isEqualTo(200);
		assertThat(moderators.text("moderators-title")).isEqualTo("Moderators' room");

		try {
			Map<String, String> form = new java.util.LinkedHashMap<>();
			form.put("_csrf", members.csrfToken("/members/moderator-role"));
			form.put("give", "false");
			Page taken = browser.post("/members/moderator-role", form);
			assertThat(taken.text("role-change")).contains("do not hold the Moderator role");
			assertThat(taken.text("role-at-discord")).isEqualTo("do not hold");
			assertThat(fake.guild(DemoData.MEMBER_GUILD_ID).member(DemoData.USER_ID).roles())
				.doesNotContain(DemoData.MODERATOR_ROLE_ID);
			// Within the interval the site still goes by Discord's last answer.
			assertThat(browser.get("/moderators").status()).isEqualTo(200);
		}
		finally {
			fake.guild(DemoData.MEMBER_GUILD_ID).member(DemoData.USER_ID).grantRole(DemoData.MODERATOR_ROLE_ID);
		}
	}

	@Test
	void aLocalAccountIsToldWhatTheMembersPageNeeds() {
		Page login = browser.get("/login");
		java.util.regex.Matcher csrf = java.util.regex.Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"")
			.matcher(login.body());
		assertThat(csrf.find()).as("the login form's CSRF token").isTrue();
		Map<String, String> form = new java.util.LinkedHashMap<>();
		form.put("_csrf", csrf.group(1));
		form.put("username", "demo");
		form.put("password", "demo");
		assertThat(browser.post("/login", form).text("viewer-name")).isEqualTo("demo");

		Page members = browser.get("/members");

		assertThat(members.status()).isEqualTo(403);
		assertThat(members.text("problem-title")).isEqualTo("The members page is not for you (yet)");
		assertThat(members.text("problem-what")).contains("DISCORD_GUILD_" + DemoData.MEMBER_GUILD_ID);
	}

}
