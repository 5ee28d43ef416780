package io.github.discordoauth2.test;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Points a Spring Boot application under test at a {@link FakeDiscord}.
 *
 * <pre>
 * &#64;DynamicPropertySource
 * static void discord(DynamicPropertyRegistry registry) {
 *     FakeDiscordProperties.register(discord.fake(), registry);
 * }
 * </pre>
 *
 * @since 0.1.0
 */
public final class FakeDiscordProperties {

	private FakeDiscordProperties() {
	}

	/**
	 * Sets {@code discord.oauth2.base-url}, {@code client-id}, {@code client-secret} and
	 * (if the fake has a bot) {@code bot-token}.
	 * @param fake the running fake
	 * @param registry the registry of the test's {@code @DynamicPropertySource} method
	 */
	public static void register(FakeDiscord fake, DynamicPropertyRegistry registry) {
		registry.add("discord.oauth2.base-url", fake::baseUrl);
		registry.add("discord.oauth2.client-id", () -> Long.toString(fake.clientId()));
		registry.add("discord.oauth2.client-secret", fake::clientSecret);
		String botToken = fake.botToken();
		if (botToken != null) {
			registry.add("discord.oauth2.bot-token", () -> botToken);
		}
	}

}
