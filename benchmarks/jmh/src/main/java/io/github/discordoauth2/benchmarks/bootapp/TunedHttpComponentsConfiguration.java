package io.github.discordoauth2.benchmarks.bootapp;

import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Only with {@code bench.tuned-http-components=true}: the application chooses Boot's
 * HttpComponents factory with a pool as large as the benchmark's threads and no automatic
 * retries, to measure HttpComponents at its best inside a Boot app.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty("bench.tuned-http-components")
class TunedHttpComponentsConfiguration {

	@Bean
	ClientHttpRequestFactoryBuilder<?> tunedHttpComponents() {
		return ClientHttpRequestFactoryBuilder.httpComponents()
			.withConnectionManagerCustomizer((pool) -> pool.setMaxConnPerRoute(32).setMaxConnTotal(64))
			.withHttpClientCustomizer(HttpClientBuilder::disableAutomaticRetries);
	}

}
