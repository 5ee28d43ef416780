package io.github.discordoauth2.autoconfigure;

import java.time.Duration;

import io.github.discordoauth2.Client;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.util.ClassUtils;
import org.springframework.web.client.RestClient;

/**
 * Auto-configuration of the core Discord {@link Client} from {@code discord.oauth2.*}.
 *
 * <p>
 * The client is built on Boot's {@link RestClient.Builder} when the application has one
 * (so its customizers, observations, SSL bundle, redirects and timeouts apply), else on
 * the core's own default. Its request factory is the one the application chose; when it
 * chose none, the core's {@code HttpURLConnection} factory, which measured several times
 * cheaper than the JDK {@code HttpClient} that Boot falls back to, and cheaper than
 * HttpComponents (see {@code DiscordRequestFactorySelector}). Without
 * {@code discord.oauth2.client-id} no client is created and nothing else of the starter
 * switches on.
 *
 * @since 0.1.0
 */
@AutoConfiguration(afterName = {
		"org.springframework.boot.http.client.autoconfigure.imperative.ImperativeHttpClientAutoConfiguration",
		"org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration" })
@ConditionalOnClass(Client.class)
@EnableConfigurationProperties(DiscordOAuth2Properties.class)
public final class DiscordOAuth2ClientAutoConfiguration {

	private static final String BOOT_HTTP_CLIENT_CLASS = "org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder";

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnDiscordClientId
	Client discordClient(DiscordOAuth2Properties properties, ObjectProvider<RestClient.Builder> restClientBuilder,
			ObjectProvider<DiscordClientBuilderCustomizer> customizers, ConfigurableListableBeanFactory beanFactory) {
		Client.Builder builder = Client.builder()
			.clientId(properties.clientIdAsLong())
			.clientSecret(properties.clientSecretStripped())
			.baseUrl(properties.getBaseUrl().strip())
			.rateLimitMaxWait(properties.getRateLimit().getMaxWait());
		RestClient.Builder applicationBuilder = restClientBuilder.getIfUnique();
		if (applicationBuilder != null
				&& ClassUtils.isPresent(BOOT_HTTP_CLIENT_CLASS, beanFactory.getBeanClassLoader())) {
			// Keeps the application's builder (customizers, observations, converters) and
			// its HTTP settings, but not a slow factory it did not ask for; see
			// DiscordRequestFactorySelector.
			ClientHttpRequestFactory requestFactory = new DiscordRequestFactorySelector(beanFactory)
				.select(properties.getHttp());
			// A clone: the application's builder may be a singleton others build on.
			builder.restClientBuilder((requestFactory != null)
					? applicationBuilder.clone().requestFactory(requestFactory) : applicationBuilder);
		}
		else {
			if (applicationBuilder != null) {
				builder.restClientBuilder(applicationBuilder);
			}
			// Without Boot's HTTP client support the core's own default applies (the
			// HttpURLConnection factory, measured fastest); timeouts given to the core
			// replace the factory of an application's builder.
			Duration connectTimeout = properties.getHttp().getConnectTimeout();
			if (connectTimeout != null) {
				builder.connectTimeout(connectTimeout);
			}
			Duration readTimeout = properties.getHttp().getReadTimeout();
			if (readTimeout != null) {
				builder.readTimeout(readTimeout);
			}
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
