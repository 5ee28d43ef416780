package io.github.discordoauth2.login;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.Map;

import io.github.discordoauth2.support.EmbeddedPostgresSupport;
import io.github.discordoauth2.test.DemoData;
import io.github.discordoauth2.test.FakeDiscord;
import io.github.discordoauth2.test.RecordedRequest;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two instances of one servlet application share PostgreSQL through Spring Session JDBC
 * and the JDBC token store: a role taken away at Discord is seen on the user's next
 * request after the interval on the other instance, without a new login and with one call
 * to Discord for both instances; a user who leaves the server is logged out everywhere.
 */
class SeveralInstancesAuthoritiesOnPostgresTests {

	private static EmbeddedPostgres postgres;

	private static FakeDiscord discord;

	private static ConfigurableApplicationContext a;

	private static ConfigurableApplicationContext b;

	@BeforeAll
	static void start() {
		postgres = EmbeddedPostgresSupport.start();
		discord = FakeDiscord.builder().demoData().allowLoopbackRedirects(true).autoApprove(true).start();
		a = instance();
		b = instance();
	}

	@AfterAll
	static void stop() throws Exception {
		for (ConfigurableApplicationContext context : new ConfigurableApplicationContext[] { a, b }) {
			if (context != null) {
				context.close();
			}
		}
		if (discord != null) {
			discord.close();
		}
		if (postgres != null) {
			postgres.close();
		}
	}

	@Test
	void aRoleTakenAwayIsSeenOnTheOtherInstanceAndLeavingEndsTheSessionEverywhere() {
		TestBrowser moderator = new TestBrowser();
		discord.actAs(DemoData.USER_ID);
		assertThat(moderator.follow(url(a, "/moderators")).body()).isEqualTo("moderators");
		assertThat(moderator.get(url(b, "/moderators")).statusCode()).as("B, same session").isEqualTo(200);

		discord.guild(GuildAuthoritiesContract.GUILD)
			.member(DemoData.USER_ID)
			.revokeRole(GuildAuthoritiesContract.MODERATOR);
		GuildsTestApplication.CLOCK.advance(GuildAuthoritiesContract.INTERVAL);
		discord.clearJournal();

		assertThat(moderator.get(url(b, "/moderators")).statusCode()).as("B checks and refuses").isEqualTo(403);
		assertThat(moderator.get(url(a, "/moderators")).statusCode()).as("A reads B's check from the session")
			.isEqualTo(403);
		assertThat(moderator.get(url(a, "/authorities")).body())
			.contains("DISCORD_GUILD_" + GuildAuthoritiesContract.GUILD)
			.doesNotContain("ROLE_MODERATOR");
		assertThat(discord.journal()).as("one check for both instances, and no new login")
			.extracting(RecordedRequest::path)
			.containsExactly(GuildAuthoritiesContract.MEMBER_ROUTE);

		discord.guild(GuildAuthoritiesContract.GUILD).removeMember(DemoData.USER_ID);
		GuildsTestApplication.CLOCK.advance(GuildAuthoritiesContract.INTERVAL);

		HttpResponse<String> page = moderator.follow(url(a, "/authorities"));
		assertThat(page.uri().getPath()).isEqualTo("/login");
		assertThat(page.body())
			.contains("You are no longer a member of the Discord server " + GuildAuthoritiesContract.GUILD);
		HttpResponse<String> onB = moderator.get(url(b, "/authorities"));
		assertThat(onB.statusCode()).as("the session is gone on B too").isEqualTo(302);
		assertThat(URI.create(onB.headers().firstValue("Location").orElseThrow()).getPath())
			.isEqualTo("/oauth2/authorization/discord");
	}

	private static ConfigurableApplicationContext instance() {
		return new SpringApplicationBuilder(GuildsTestApplication.class)
			.properties(Map.ofEntries(Map.entry("server.port", "0"),
					Map.entry("spring.datasource.url", postgres.getJdbcUrl("postgres", "postgres")),
					Map.entry("spring.session.jdbc.initialize-schema", "always"),
					Map.entry("discord.oauth2.token-store.initialize-schema", "always"),
					Map.entry("discord.oauth2.base-url", discord.baseUrl()),
					Map.entry("discord.oauth2.client-id", Long.toString(discord.clientId())),
					Map.entry("discord.oauth2.client-secret", discord.clientSecret()),
					Map.entry("discord.oauth2.scopes", "identify,guilds.members.read"),
					Map.entry("discord.oauth2.authorities.guilds", Long.toString(GuildAuthoritiesContract.GUILD)),
					Map.entry("discord.oauth2.authorities.roles." + GuildAuthoritiesContract.MODERATOR,
							"ROLE_MODERATOR"),
					Map.entry("discord.oauth2.login.required-guilds", Long.toString(GuildAuthoritiesContract.GUILD))))
			.run();
	}

	private static String url(ConfigurableApplicationContext instance, String path) {
		return "http://localhost:" + ((WebServerApplicationContext) instance).getWebServer().getPort() + path;
	}

}
