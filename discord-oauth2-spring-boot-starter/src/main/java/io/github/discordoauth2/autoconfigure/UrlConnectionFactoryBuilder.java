package io.github.discordoauth2.autoconfigure;

import io.github.discordoauth2.support.UrlConnectionRequestFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.HttpRedirects;
import org.springframework.boot.ssl.SslBundle;

/**
 * Builds the core's {@link UrlConnectionRequestFactory} from the application's
 * {@link HttpClientSettings} ({@code spring.http.clients.*}), as Boot's own
 * {@link ClientHttpRequestFactoryBuilder#simple()} builds Spring's
 * {@code HttpURLConnection} factory: the same timeouts, redirects and SSL bundle, at a
 * lower cost per call.
 */
final class UrlConnectionFactoryBuilder implements ClientHttpRequestFactoryBuilder<UrlConnectionRequestFactory> {

	@Override
	public UrlConnectionRequestFactory build(@Nullable HttpClientSettings settings) {
		UrlConnectionRequestFactory factory = new UrlConnectionRequestFactory();
		if (settings == null) {
			return factory;
		}
		if (settings.connectTimeout() != null) {
			factory.setConnectTimeout(settings.connectTimeout());
		}
		if (settings.readTimeout() != null) {
			factory.setReadTimeout(settings.readTimeout());
		}
		factory.setFollowRedirects(settings.redirects() != HttpRedirects.DONT_FOLLOW);
		SslBundle sslBundle = settings.sslBundle();
		if (sslBundle != null) {
			if (sslBundle.getOptions().isSpecified()) {
				// As Boot's own HttpURLConnection factory: the JDK connection has no
				// per-client ciphers or protocols.
				throw new DiscordOAuth2ConfigurationException("spring.http.clients.ssl.bundle",
						"has ciphers or protocols set, which HttpURLConnection cannot apply per client",
						"Remove the bundle's options, or choose a client library that can apply them "
								+ "with spring.http.clients.imperative.factory (for example http-components).");
			}
			// One SSL context for the factory's life, not one per connection.
			factory.setSslSocketFactory(sslBundle.createSslContext().getSocketFactory());
		}
		return factory;
	}

}
