package io.github.discordoauth2.autoconfigure.servlet;

import io.github.discordoauth2.autoconfigure.DiscordOAuth2WebhookEventsAutoConfiguration;
import io.github.discordoauth2.autoconfigure.DiscordWebhookEventsProperties;
import io.github.discordoauth2.security.DiscordWebhookEventHandler;
import io.github.discordoauth2.security.web.DiscordWebhookEventsFilter;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;

/**
 * Puts Discord's webhook events endpoint in front of Spring Security's filter chain in a
 * servlet application, at {@code discord.oauth2.webhook-events.path}.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = DiscordOAuth2WebhookEventsAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnBean(DiscordWebhookEventHandler.class)
@EnableConfigurationProperties(DiscordWebhookEventsProperties.class)
public final class DiscordOAuth2WebhookEventsFilterAutoConfiguration {

	/**
	 * Order of the filter: before Spring Security's (-100), so that the signature, not a
	 * login or CSRF token, decides.
	 */
	public static final int FILTER_ORDER = -110;

	@Bean
	@ConditionalOnMissingBean(name = "discordWebhookEventsFilter")
	FilterRegistrationBean<DiscordWebhookEventsFilter> discordWebhookEventsFilter(DiscordWebhookEventHandler handler,
			DiscordWebhookEventsProperties properties) {
		FilterRegistrationBean<DiscordWebhookEventsFilter> registration = new FilterRegistrationBean<>(
				new DiscordWebhookEventsFilter(handler, properties.getPath()));
		registration.setOrder(FILTER_ORDER);
		registration.addUrlPatterns(properties.getPath());
		return registration;
	}

}
