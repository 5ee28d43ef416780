package io.github.discordoauth2.linkedroles;

import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import io.github.discordoauth2.security.tokens.DiscordTokenStore;
import io.github.discordoauth2.security.tokens.DiscordTokensRemovedEvent;
import io.github.discordoauth2.security.tokens.JdbcDiscordTokenStore;
import io.github.discordoauth2.security.tokens.UserWalkReport;
import io.github.discordoauth2.support.MovableClock;
import io.github.discordoauth2.test.DemoData;
import io.github.discordoauth2.test.FakeDiscordExtension;
import io.github.discordoauth2.test.FakeDiscordProperties;
import io.github.discordoauth2.test.FakeRoleConnectionMetadata;
import io.github.discordoauth2.test.FakeUser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The linked-roles application of the docs, end to end against FakeDiscord: three users
 * verify through the verification URL, one of them then removes the app in Discord, and
 * the documented nightly job syncs the other two, drops the third with a removal event
 * and reports exactly that; the next night it syncs two and removes none.
 */
@SpringBootTest(classes = LinkedRolesApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "discord.oauth2.scopes=identify,role_connections.write", "linked-roles.sync-cron=-",
				"spring.datasource.url=jdbc:h2:mem:linked-roles;DB_CLOSE_DELAY=-1" })
class LinkedRolesIntegrationTests {

	private static final long ALICE = DemoData.USER_ID;

	private static final long BOB = DemoData.OTHER_USER_ID;

	private static final long CAROL = 1100000000000000102L;

	@RegisterExtension
	static FakeDiscordExtension discord = FakeDiscordExtension.configure((builder) -> builder.demoData()
		.autoApprove(true)
		.allowLoopbackRedirects(true)
		.user(FakeUser.of(CAROL, "carol")));

	@DynamicPropertySource
	static void discordProperties(DynamicPropertyRegistry registry) {
		FakeDiscordProperties.register(discord.fake(), registry);
	}

	@LocalServerPort
	int port;

	@Autowired
	LinkedRolesApplication.LinkedRoles linkedRoles;

	@Autowired
	LinkedRolesApplication.RemovedTokens removedTokens;

	@Autowired
	LinkedRolesApplication.Levels levels;

	@Autowired
	DiscordTokenStore store;

	@Test
	void nightlyJobSyncsTheUsersAndDropsTheOneWhoRemovedTheApp() throws Exception {
		assertThat(discord.fake().roleConnectionMetadata()).extracting(FakeRoleConnectionMetadata::key)
			.containsExactly("level", "player");
		for (long user : List.of(ALICE, BOB, CAROL)) {
			verify(user);
		}
		assertThat(discord.fake().roleConnection(CAROL)).isPresent();
		// Carol removes the app in her Discord settings.
		discord.fake().revokeToken(this.store.load("discord", CAROL).getAccessToken().getTokenValue());
		this.levels.level.set(2);

		UserWalkReport tonight = this.linkedRoles.syncAll().orElseThrow();

		assertThat(levels()).containsExactly(2, 2, 1);
		assertThat(tonight).isEqualTo(new UserWalkReport(3, 1, 0, List.of()));
		assertThat(this.store.load("discord", CAROL)).isNull();
		assertThat(this.removedTokens.events).singleElement().satisfies((event) -> {
			assertThat(event.userId()).isEqualTo(CAROL);
			assertThat(event.reason()).isEqualTo(DiscordTokensRemovedEvent.Reason.REFUSED);
		});
		// Another instance, or a late scheduler, the same night: the lease is taken.
		assertThat(this.linkedRoles.syncAll()).isEmpty();

		// The next night.
		MovableClock clock = new MovableClock();
		clock.advance(Duration.ofDays(1));
		((JdbcDiscordTokenStore) this.store).setLeaseClock(clock);
		this.levels.level.set(3);

		UserWalkReport nextNight = this.linkedRoles.syncAll().orElseThrow();

		assertThat(levels()).containsExactly(3, 3, 1);
		assertThat(nextNight).isEqualTo(new UserWalkReport(2, 0, 0, List.of()));
		assertThat(this.removedTokens.events).hasSize(1);
	}

	/** The user follows the server's "Linked Roles" to the verification URL. */
	private void verify(long userId) throws Exception {
		discord.fake().actAs(userId);
		HttpClient browser = HttpClient.newBuilder()
			.cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
			.followRedirects(HttpClient.Redirect.ALWAYS)
			.build();
		HttpResponse<String> page = browser.send(
				HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/linked-roles")).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).startsWith("Your roles are up to date");
		assertThat(discord.fake().roleConnection(userId)).isPresent();
	}

	/** The level in Alice's, Bob's and Carol's role connections at Discord. */
	private List<Integer> levels() {
		return List.of(ALICE, BOB, CAROL)
			.stream()
			.map((user) -> Integer.valueOf(discord.fake().roleConnection(user).orElseThrow().metadata().get("level")))
			.toList();
	}

}
