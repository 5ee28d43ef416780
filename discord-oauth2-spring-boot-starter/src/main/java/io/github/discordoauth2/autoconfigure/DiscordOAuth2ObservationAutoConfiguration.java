package io.github.discordoauth2.autoconfigure;

import io.github.discordoauth2.Client;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Observability of the calls to Discord: with an {@link ObservationRegistry} bean, every
 * call of the {@link Client} bean is observed as {@code http.client.requests} (method,
 * route template, status, outcome; no id or token in the tags), whichever request factory
 * it uses; with a {@link MeterRegistry}, rate-limit waits and HTTP 429 answers are
 * counted ({@link DiscordRateLimitMetrics}). Nothing here calls Discord by itself.
 *
 * @since 0.1.0
 */
@AutoConfiguration(before = DiscordOAuth2ClientAutoConfiguration.class)
@ConditionalOnClass({ Client.class, ObservationRegistry.class })
public final class DiscordOAuth2ObservationAutoConfiguration {

	@Bean
	DiscordClientBuilderCustomizer discordObservationCustomizer(ObjectProvider<ObservationRegistry> registry) {
		return (builder) -> registry.ifUnique(builder::observationRegistry);
	}

	/**
	 * Rate-limit metrics, with Micrometer's meters on the class path.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MeterRegistry.class)
	static class RateLimitMetricsConfiguration {

		@Bean
		DiscordClientBuilderCustomizer discordRateLimitMetricsCustomizer(ObjectProvider<MeterRegistry> registry) {
			return (builder) -> registry
				.ifUnique((meters) -> builder.rateLimitListener(new DiscordRateLimitMetrics(meters)));
		}

	}

}
