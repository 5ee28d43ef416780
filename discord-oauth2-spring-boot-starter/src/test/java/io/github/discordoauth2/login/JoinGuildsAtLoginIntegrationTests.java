package io.github.discordoauth2.login;

import java.net.http.HttpResponse;

import io.github.discordoauth2.test.DemoData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code discord.oauth2.login.join-guilds}: the bot adds a user who is in no server to
 * the required one at login, before the gate is checked, so the login goes through and
 * the membership is an authority at once.
 */
@SpringBootTest(classes = GuildsTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "discord.oauth2.scopes=identify,guilds.join,guilds.members.read",
				"discord.oauth2.login.join-guilds=" + DemoData.JOIN_GUILD_ID,
				"discord.oauth2.login.required-guilds=" + DemoData.JOIN_GUILD_ID })
class JoinGuildsAtLoginIntegrationTests extends ComposedLoginTests {

	@AfterEach
	void leave() {
		discord.fake().guild(DemoData.JOIN_GUILD_ID).removeMember(DemoData.OUTSIDER_USER_ID);
	}

	@Test
	void theUserIsAddedToTheServerBeforeTheRequiredMembershipIsChecked() {
		discord.fake().actAs(DemoData.OUTSIDER_USER_ID);
		assertThat(discord.fake().isMember(DemoData.JOIN_GUILD_ID, DemoData.OUTSIDER_USER_ID)).isFalse();

		HttpResponse<String> page = new TestBrowser().follow(url("/authorities"));

		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("DISCORD_GUILD_" + DemoData.JOIN_GUILD_ID);
		assertThat(discord.fake().isMember(DemoData.JOIN_GUILD_ID, DemoData.OUTSIDER_USER_ID)).isTrue();
		assertThat(discord.fake().journal()).extracting((request) -> request.method() + " " + request.path())
			.containsSubsequence(
					"PUT /api/v10/guilds/" + DemoData.JOIN_GUILD_ID + "/members/" + DemoData.OUTSIDER_USER_ID,
					"GET /api/v10/users/@me/guilds/" + DemoData.JOIN_GUILD_ID + "/member");
	}

}
