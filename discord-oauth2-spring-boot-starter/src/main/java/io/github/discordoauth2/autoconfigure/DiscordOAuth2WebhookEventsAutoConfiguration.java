package io.github.discordoauth2.autoconfigure;

import java.time.Clock;

import io.github.discordoauth2.security.DiscordWebhookEventHandler;
import io.github.discordoauth2.security.tokens.DiscordTokens;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the handler of Discord's signed webhook events, when
 * {@code discord.oauth2.webhook-events.public-key} is set: it keeps the token store
 * honest when a user removes the application in Discord. Each web stack puts it at
 * {@code discord.oauth2.webhook-events.path}
 * ({@code DiscordOAuth2WebhookEventsFilterAutoConfiguration} for servlet applications,
 * {@code DiscordOAuth2ReactiveWebhookEventsAutoConfiguration} for WebFlux).
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = DiscordOAuth2TokenStoreAutoConfiguration.class)
@ConditionalOnWebApplication
@ConditionalOnDiscordClientId
@ConditionalOnProperty(prefix = DiscordWebhookEventsProperties.PREFIX, name = "public-key")
@EnableConfigurationProperties(DiscordWebhookEventsProperties.class)
public final class DiscordOAuth2WebhookEventsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	DiscordWebhookEventHandler discordWebhookEventHandler(DiscordWebhookEventsProperties properties,
			ObjectProvider<DiscordTokens> tokens, ApplicationEventPublisher events) {
		properties.validate();
		String publicKey = properties.getPublicKey();
		if (publicKey == null) {
			throw new IllegalStateException("validate() accepted no public key");
		}
		return new DiscordWebhookEventHandler(publicKey, properties.getMaxAge(), Clock.systemUTC(),
				tokens.getIfAvailable(), events);
	}

}
