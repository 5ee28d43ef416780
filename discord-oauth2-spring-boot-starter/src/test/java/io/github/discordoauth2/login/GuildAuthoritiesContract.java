package io.github.discordoauth2.login;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import io.github.discordoauth2.security.DiscordAuthoritiesChangedEvent;
import io.github.discordoauth2.support.MovableClock;
import io.github.discordoauth2.test.DemoData;
import io.github.discordoauth2.test.Fault;
import io.github.discordoauth2.test.GuildHandle;
import io.github.discordoauth2.test.RecordedRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Discord servers and roles as authorities, the same on both stacks, against FakeDiscord
 * with three users: {@code demo_user} (a member with the Moderator role),
 * {@code member_user} (a member without it) and {@code outsider} (not a member). The
 * application requires membership of "Java Friends", maps Moderator to
 * {@code ROLE_MODERATOR} and gates {@code /moderators} on {@code hasRole('MODERATOR')}.
 * Subclasses run it on a servlet and on a WebFlux application.
 */
abstract class GuildAuthoritiesContract extends ComposedLoginTests {

	static final long GUILD = DemoData.MEMBER_GUILD_ID;

	static final long MODERATOR = DemoData.MODERATOR_ROLE_ID;

	static final long REGULAR = DemoData.REGULAR_ROLE_ID;

	static final String SCOPES = "discord.oauth2.scopes=identify,guilds.members.read";

	static final String GUILDS = "discord.oauth2.authorities.guilds=" + GUILD;

	static final String ROLES = "discord.oauth2.authorities.roles." + MODERATOR + "=ROLE_MODERATOR";

	static final String REQUIRED = "discord.oauth2.login.required-guilds=" + GUILD;

	static final Duration INTERVAL = Duration.ofMinutes(5);

	static final String MEMBER_ROUTE = "/api/v10/users/@me/guilds/" + GUILD + "/member";

	abstract MovableClock clock();

	abstract TestBrowser newBrowser();

	abstract List<DiscordAuthoritiesChangedEvent> events();

	@BeforeEach
	void discordAsSeeded() {
		GuildHandle guild = discord.fake().guild(GUILD);
		guild.addMember(DemoData.USER_ID).grantRole(MODERATOR);
		guild.addMember(DemoData.MEMBER_USER_ID).grantRole(REGULAR);
		guild.removeMember(DemoData.OUTSIDER_USER_ID);
		events().clear();
	}

	@Test
	void aNonMemberIsRefusedAtLoginAndTheLoginPageSaysWhy() {
		TestBrowser outsider = newBrowser();
		discord.fake().actAs(DemoData.OUTSIDER_USER_ID);

		HttpResponse<String> page = outsider.follow(url("/authorities"));

		assertThat(page.uri().getPath()).isEqualTo("/login");
		assertThat(page.uri().getQuery()).isEqualTo("error");
		assertThat(page.body()).contains("Membership of the Discord server " + GUILD + " is required to log in.")
			.doesNotContain("Invalid credentials");
		assertThat(outsider.get(url("/authorities")).statusCode()).as("not logged in").isEqualTo(302);
	}

	@Test
	void membersCarryTheGuildTheirRolesAndTheMappedRole() {
		TestBrowser moderator = logIn(DemoData.USER_ID);
		TestBrowser member = logIn(DemoData.MEMBER_USER_ID);

		assertThat(moderator.get(url("/authorities")).body()).contains("DISCORD_GUILD_" + GUILD,
				"DISCORD_ROLE_" + MODERATOR, "ROLE_MODERATOR");
		assertThat(member.get(url("/authorities")).body()).contains("DISCORD_GUILD_" + GUILD, "DISCORD_ROLE_" + REGULAR)
			.doesNotContain("ROLE_MODERATOR")
			.doesNotContain("DISCORD_ROLE_" + MODERATOR);
	}

	@Test
	void theRoleGatedPageAnswersTheModeratorAndRefusesTheMemberWithoutTheRole() {
		assertThat(logIn(DemoData.USER_ID).get(url("/moderators"))).satisfies((page) -> {
			assertThat(page.statusCode()).isEqualTo(200);
			assertThat(page.body()).isEqualTo("moderators");
		});
		assertThat(logIn(DemoData.MEMBER_USER_ID).get(url("/moderators")).statusCode()).isEqualTo(403);
	}

	@Test
	void thirtyRequestsWithinOneIntervalCostNoDiscordCallAndTheNextCheckOneCall() {
		TestBrowser moderator = logIn(DemoData.USER_ID);
		discord.fake().clearJournal();

		for (int i = 0; i < 30; i++) {
			assertThat(moderator.get(url("/moderators")).statusCode()).as("request %d", i).isEqualTo(200);
		}
		assertThat(discord.fake().journal()).isEmpty();

		clock().advance(INTERVAL);
		assertThat(moderator.get(url("/moderators")).statusCode()).isEqualTo(200);
		assertThat(moderator.get(url("/moderators")).statusCode()).isEqualTo(200);
		assertThat(discord.fake().journal()).extracting(RecordedRequest::path).containsExactly(MEMBER_ROUTE);
	}

	@Test
	void aRoleTakenAwayAtDiscordEndsAccessOnTheFirstRequestAfterTheInterval() {
		TestBrowser moderator = logIn(DemoData.USER_ID);
		discord.fake().guild(GUILD).member(DemoData.USER_ID).revokeRole(MODERATOR);

		assertThat(moderator.get(url("/moderators")).statusCode()).as("within the interval").isEqualTo(200);
		clock().advance(INTERVAL);
		assertThat(moderator.get(url("/moderators")).statusCode()).as("after it").isEqualTo(403);
		assertThat(moderator.get(url("/authorities")).body()).contains("DISCORD_GUILD_" + GUILD)
			.doesNotContain("ROLE_MODERATOR");
		assertThat(events()).singleElement().satisfies((event) -> {
			assertThat(event.userId()).isEqualTo(DemoData.USER_ID);
			assertThat(event.before()).contains("ROLE_MODERATOR", "DISCORD_ROLE_" + MODERATOR);
			assertThat(event.after()).containsExactly("DISCORD_GUILD_" + GUILD);
		});

		discord.fake().guild(GUILD).member(DemoData.USER_ID).grantRole(MODERATOR);
		clock().advance(INTERVAL);
		assertThat(moderator.get(url("/moderators")).statusCode()).as("given back").isEqualTo(200);
	}

	@Test
	void aUserWhoLeavesTheServerIsLoggedOutWithTheReasonOnTheLoginPage() {
		TestBrowser moderator = logIn(DemoData.USER_ID);
		discord.fake().guild(GUILD).removeMember(DemoData.USER_ID);
		clock().advance(INTERVAL);

		HttpResponse<String> page = moderator.follow(url("/moderators"));

		assertThat(page.uri().getPath()).isEqualTo("/login");
		assertThat(page.body()).contains("You are no longer a member of the Discord server " + GUILD);
		assertSessionEnded(moderator);
		assertThat(events()).singleElement().satisfies((event) -> assertThat(event.after()).isEmpty());
	}

	@Test
	void aUserWhoRemovedTheAppInDiscordIsLoggedOutWithTheReason() {
		TestBrowser moderator = logIn(DemoData.USER_ID);
		discord.fake().deauthorize(DemoData.USER_ID);
		clock().advance(INTERVAL);

		HttpResponse<String> page = moderator.follow(url("/moderators"));

		assertThat(page.uri().getPath()).isEqualTo("/login");
		assertThat(page.body()).contains("Your Discord authorization for this site has ended");
		assertSessionEnded(moderator);
	}

	@Test
	void whileDiscordFailsTheLastKnownRolesStayAndDiscordIsNotAskedOnEveryRequest() {
		TestBrowser moderator = logIn(DemoData.USER_ID);
		discord.fake().faults().next("GET /users/@me/guilds/*/member", 100, Fault.status(500));
		clock().advance(INTERVAL);
		discord.fake().clearJournal();

		for (int i = 0; i < 10; i++) {
			assertThat(moderator.get(url("/moderators")).statusCode()).as("request %d", i).isEqualTo(200);
		}
		assertThat(discord.fake().journal()).as("one attempt, then the backoff").hasSize(1);

		// Beyond max-stale (one hour after the last successful check) they are dropped.
		clock().advance(Duration.ofHours(1));
		assertThat(moderator.get(url("/moderators")).statusCode()).isEqualTo(403);
		assertThat(moderator.get(url("/authorities")).body()).doesNotContain("DISCORD_");
	}

	TestBrowser logIn(long userId) {
		TestBrowser browser = newBrowser();
		discord.fake().actAs(userId);
		HttpResponse<String> page = browser.follow(url("/authorities"));
		assertThat(page.statusCode()).as("user %d logs in", userId).isEqualTo(200);
		return browser;
	}

	void assertSessionEnded(TestBrowser browser) {
		HttpResponse<String> again = browser.get(url("/moderators"));
		assertThat(again.statusCode()).isEqualTo(302);
		assertThat(URI.create(again.headers().firstValue("Location").orElseThrow()).getPath())
			.isEqualTo("/oauth2/authorization/discord");
	}

}
