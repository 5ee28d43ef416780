package io.github.discordoauth2.login;

import io.github.discordoauth2.support.BlockHoundSupport;
import org.junit.jupiter.api.Tag;

import org.springframework.boot.test.context.SpringBootTest;

/**
 * Discord's webhook events in a WebFlux application, under BlockHound: the signature
 * check and the store update never block an event loop.
 */
@SpringBootTest(classes = ReactiveLoginTestApplication.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "discord.oauth2.scopes=identify,guilds")
@Tag("reactive")
class ReactiveWebhookEventsIntegrationTests extends WebhookEventsSpec {

	static {
		BlockHoundSupport.install();
	}

}
