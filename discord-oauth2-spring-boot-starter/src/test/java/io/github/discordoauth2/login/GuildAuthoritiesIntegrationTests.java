package io.github.discordoauth2.login;

import java.util.List;

import io.github.discordoauth2.security.DiscordAuthoritiesChangedEvent;
import io.github.discordoauth2.support.MovableClock;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * Discord servers and roles as authorities in a servlet application with the starter's
 * default chain: the contract of {@link GuildAuthoritiesContract} on Tomcat.
 */
@SpringBootTest(classes = GuildsTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { GuildAuthoritiesContract.SCOPES, GuildAuthoritiesContract.GUILDS, GuildAuthoritiesContract.ROLES,
				GuildAuthoritiesContract.REQUIRED })
class GuildAuthoritiesIntegrationTests extends GuildAuthoritiesContract {

	@Autowired
	AuthoritiesEvents authoritiesEvents;

	@Override
	MovableClock clock() {
		return GuildsTestApplication.CLOCK;
	}

	@Override
	TestBrowser newBrowser() {
		return new TestBrowser();
	}

	@Override
	List<DiscordAuthoritiesChangedEvent> events() {
		return this.authoritiesEvents.events;
	}

}
