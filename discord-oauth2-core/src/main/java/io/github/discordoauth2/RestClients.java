package io.github.discordoauth2;

import java.time.Duration;

import io.github.discordoauth2.support.UrlConnectionRequestFactory;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.web.client.RestClient;

/**
 * Builds the one {@link RestClient} of a {@link Client}: from the user's builder when one
 * is given (so proxies, SSL and observations come along), else on the request factory
 * that measured fastest for Discord's small keep-alive calls
 * ({@link UrlConnectionRequestFactory}, see {@code BENCHMARKS.md}).
 */
final class RestClients {

	private RestClients() {
	}

	/**
	 * @param usersBuilder the builder handed to
	 * {@code Client.builder().restClientBuilder(..)}, or {@code null}
	 * @param timeoutsSet whether {@code connectTimeout} or {@code readTimeout} was set
	 * explicitly (then they replace the user's request factory)
	 * @param connectTimeout the connect timeout
	 * @param readTimeout the read timeout
	 * @param observationRegistry where calls are observed, or {@code null}
	 * @return the client
	 */
	static RestClient create(RestClient.@Nullable Builder usersBuilder, boolean timeoutsSet, Duration connectTimeout,
			Duration readTimeout, @Nullable ObservationRegistry observationRegistry) {
		RestClient.Builder builder;
		if (usersBuilder == null) {
			builder = RestClient.builder().requestFactory(requestFactory(connectTimeout, readTimeout));
		}
		else {
			// A clone, so the caller's builder (and other clients built from it) stay
			// untouched.
			builder = usersBuilder.clone();
			if (timeoutsSet) {
				builder.requestFactory(requestFactory(connectTimeout, readTimeout));
			}
		}
		if (observationRegistry != null) {
			// Whichever request factory is used: RestClient observes above it.
			builder.observationRegistry(observationRegistry)
				.observationConvention(new DiscordClientRequestObservationConvention());
		}
		return builder.build();
	}

	private static UrlConnectionRequestFactory requestFactory(Duration connectTimeout, Duration readTimeout) {
		UrlConnectionRequestFactory factory = new UrlConnectionRequestFactory();
		factory.setConnectTimeout(connectTimeout);
		factory.setReadTimeout(readTimeout);
		return factory;
	}

}
