package io.github.discordoauth2.login;

import java.util.List;

import io.github.discordoauth2.security.DiscordAuthoritiesChangedEvent;
import io.github.discordoauth2.support.BlockHoundSupport;
import io.github.discordoauth2.support.MovableClock;
import org.junit.jupiter.api.Tag;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * Discord servers and roles as authorities in a WebFlux application with the starter's
 * default chain: the contract of {@link GuildAuthoritiesContract} on Netty, under
 * BlockHound, so a check that blocked an event loop would fail it.
 */
@SpringBootTest(classes = ReactiveGuildsTestApplication.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { GuildAuthoritiesContract.SCOPES, GuildAuthoritiesContract.GUILDS, GuildAuthoritiesContract.ROLES,
				GuildAuthoritiesContract.REQUIRED })
@Tag("reactive")
class ReactiveGuildAuthoritiesIntegrationTests extends GuildAuthoritiesContract {

	static {
		BlockHoundSupport.install();
	}

	@Autowired
	AuthoritiesEvents authoritiesEvents;

	@Override
	MovableClock clock() {
		return ReactiveGuildsTestApplication.CLOCK;
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
