package io.github.discordoauth2;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The route templates that observations of Discord calls carry instead of ids.
 */
class DiscordClientRequestObservationConventionTests {

	@Test
	void snowflakesAreNamedAfterTheirCollection() {
		assertThat(DiscordClientRequestObservationConvention
			.template("/api/v10/guilds/1100000000000000200/members/1100000000000000100"))
			.isEqualTo("/api/v10/guilds/{guild_id}/members/{user_id}");
		assertThat(DiscordClientRequestObservationConvention
			.template("/api/v10/users/@me/applications/1100000000000000001/role-connection"))
			.isEqualTo("/api/v10/users/@me/applications/{application_id}/role-connection");
	}

	@Test
	void pathsWithoutIdsStayAsTheyAre() {
		assertThat(DiscordClientRequestObservationConvention.template("/api/v10/oauth2/token"))
			.isEqualTo("/api/v10/oauth2/token");
		assertThat(DiscordClientRequestObservationConvention.template("/api/v10/users/@me"))
			.isEqualTo("/api/v10/users/@me");
	}

}
