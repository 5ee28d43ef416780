package io.github.discordoauth2.autoconfigure;

import io.github.discordoauth2.Client;

/**
 * Callback to adjust the {@link Client.Builder} of the auto-configured {@link Client}
 * bean after the {@code discord.oauth2.*} properties were applied, e.g. to hand in a
 * differently configured {@code RestClient.Builder}. Every bean of this type is applied,
 * in {@code @Order}.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface DiscordClientBuilderCustomizer {

	/**
	 * Customizes the builder.
	 * @param builder the builder of the {@code Client} bean
	 */
	void customize(Client.Builder builder);

}
