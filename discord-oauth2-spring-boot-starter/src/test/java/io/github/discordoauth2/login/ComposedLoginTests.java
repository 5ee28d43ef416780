package io.github.discordoauth2.login;

import io.github.discordoauth2.test.FakeDiscordExtension;
import io.github.discordoauth2.test.FakeDiscordProperties;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * What the composition integration tests share: FakeDiscord, the properties pointing at
 * it, and the port of the application under test.
 * <p>
 * Each class starts its own FakeDiscord on a new port, while Spring's context cache keys
 * on the property source method, not on the port it yields. Without closing the context
 * after each class, a later class with the same settings would be served an application
 * still pointing at an earlier, stopped FakeDiscord.
 */
@DirtiesContext
abstract class ComposedLoginTests {

	@RegisterExtension
	static FakeDiscordExtension discord = FakeDiscordExtension.withDemoData();

	@DynamicPropertySource
	static void discordProperties(DynamicPropertyRegistry registry) {
		FakeDiscordProperties.register(discord.fake(), registry);
	}

	@LocalServerPort
	int port;

	String url(String path) {
		return "http://127.0.0.1:" + this.port + path;
	}

}
