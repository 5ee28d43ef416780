package io.github.discordoauth2.login;

import org.springframework.boot.test.context.SpringBootTest;

/**
 * Discord's webhook events in a servlet application.
 */
@SpringBootTest(classes = LoginTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "discord.oauth2.scopes=identify,guilds")
class WebhookEventsIntegrationTests extends WebhookEventsSpec {

}
