package io.github.discordoauth2.autoconfigure.reactive;

import io.github.discordoauth2.autoconfigure.DiscordOAuth2WebhookEventsAutoConfiguration;
import io.github.discordoauth2.autoconfigure.DiscordWebhookEventsProperties;
import io.github.discordoauth2.security.DiscordWebhookEventHandler;
import io.github.discordoauth2.security.web.server.DiscordWebhookEventsWebFilter;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;

/**
 * Puts Discord's webhook events endpoint in front of Spring Security's web filter chain
 * in a WebFlux application, at {@code discord.oauth2.webhook-events.path}.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = DiscordOAuth2WebhookEventsAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@ConditionalOnBean(DiscordWebhookEventHandler.class)
@EnableConfigurationProperties(DiscordWebhookEventsProperties.class)
public final class DiscordOAuth2ReactiveWebhookEventsAutoConfiguration {

	/**
	 * Order of the web filter: before Spring Security's (-100), so that the signature,
	 * not a login or CSRF token, decides.
	 */
	public static final int FILTER_ORDER = -110;

	@Bean
	@Order(FILTER_ORDER)
	@ConditionalOnMissingBean
	DiscordWebhookEventsWebFilter discordWebhookEventsWebFilter(DiscordWebhookEventHandler handler,
			DiscordWebhookEventsProperties properties) {
		return new DiscordWebhookEventsWebFilter(handler, properties.getPath());
	}

}
