package io.github.discordoauth2.autoconfigure;

import java.time.Duration;

import io.github.discordoauth2.Client;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.web.client.RestClient;

/**
 * Auto-configuration of the core Discord {@link Client} from {@code discord.oauth2.*}.
 *
 * <p>
 * The client is built on Boot's {@link RestClient.Builder} when the application has one
 * (so its proxy, SSL bundle, timeouts and observations apply), else on the core's own
 * default. Without {@code discord.oauth2.client-id} no client is created and nothing else
 * of the starter switches on.
 *
 */
@AutoConfiguration(afterName = "org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration")
@ConditionalOnClass(Client.class)
@EnableConfigurationProperties(DiscordOAuth2Properties.class)
public final class DiscordOAuth2ClientAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnDiscordClientId
	Client discordClient(DiscordOAuth2Properties properties, ObjectProvider<RestClient.Builder> restClientBuilder,
			ObjectProvider<DiscordClientBuilderCustomizer> customizers) {
		Client.Builder builder = Client.builder()
			.clientId(properties.clientIdAsLong())
			.clientSecret(properties.clientSecretStripped())
			.baseUrl(properties.getBaseUrl().strip())
			.rateLimitMaxWait(properties.getRateLimit().getMaxWait());
		// Without Boot's builder the core picks its own default (the request factory
		// measured fastest, with timeouts).
		restClientBuilder.ifUnique(builder::restClientBuilder);
		// Timeouts only when set: setting them replaces the request factory of Boot's
		// RestClient.Builder.
		Duration connectTimeout = properties.getHttp().getConnectTimeout();
		if (connectTimeout != null) {
			builder.connectTimeout(connectTimeout);
		}
		Duration readTimeout = properties.getHttp().getReadTimeout();
		if (readTimeout != null) {
			builder.readTimeout(readTimeout);
		}
		if (!properties.isRedirectUriTemplate()) {
			// A "{baseUrl}" template is resolved per request by Spring Security; the core
			// only takes a fixed URI.
			builder.redirectUri(properties.getRedirectUri().strip());
		}
		if (properties.getBotToken() != null && !properties.getBotToken().isBlank()) {
			builder.botToken(properties.getBotToken().strip());
		}
		customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
		return builder.build();
	}

}
