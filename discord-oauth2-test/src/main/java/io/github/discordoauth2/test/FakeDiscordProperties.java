package io.github.discordoauth2.test;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Points a Spring Boot application under test at a {@link FakeDiscord}.
 *
 * <pre>{@code
 * &#64;DynamicPropertySource
 * static void discord(DynamicPropertyRegistry registry) {
 *     FakeDiscordProperties.register(discord.fake(), registry);
 * }
 * }</pre>
 */
public final class FakeDiscordProperties {

	/**
	 * The property holding the application's public key (hex) that verifies signed
	 * webhook events.
	 * @since 0.1.0
	 */
	public static final String WEBHOOK_EVENTS_PUBLIC_KEY = "discord.oauth2.webhook-events.public-key";

	private FakeDiscordProperties() {
	}

	/**
	 * Sets {@code discord.oauth2.base-url}, {@code client-id}, {@code client-secret}, (if
	 * the fake has a bot) {@code bot-token}, and {@value #WEBHOOK_EVENTS_PUBLIC_KEY}, the
	 * key that verifies the fake's signed webhook events.
	 */
	public static void register(FakeDiscord fake, DynamicPropertyRegistry registry) {
		FakeDiscordServer.applicationProperties(fake).forEach((name, value) -> registry.add(name, () -> value));
	}

}
