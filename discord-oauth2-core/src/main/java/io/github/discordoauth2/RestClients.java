package io.github.discordoauth2;

import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

/**
 * Builds the one {@link RestClient} of a {@link Client}: from the user's builder when one
 * is given (so proxies, SSL and observations come along), else on the request factory
 * that measured fastest for Discord's small keep-alive calls ({@code HttpURLConnection},
 * see {@code BENCHMARKS.md}).
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
	 * @return the client
	 */
	static RestClient create(RestClient.@Nullable Builder usersBuilder, boolean timeoutsSet, Duration connectTimeout,
			Duration readTimeout) {
		if (usersBuilder == null) {
			return RestClient.builder().requestFactory(requestFactory(connectTimeout, readTimeout)).build();
		}
		// A clone, so the caller's builder (and other clients built from it) stay
		// untouched.
		RestClient.Builder builder = usersBuilder.clone();
		if (timeoutsSet) {
			builder.requestFactory(requestFactory(connectTimeout, readTimeout));
		}
		return builder.build();
	}

	/**
	 * @return whether the client is entirely the core's own (no user builder, so no
	 * interceptor that could wrap the response): then closing an answer's body stream
	 * releases its connection
	 */
	static boolean bodyCloseReleases(RestClient.@Nullable Builder usersBuilder) {
		return usersBuilder == null;
	}

	private static SimpleClientHttpRequestFactory requestFactory(Duration connectTimeout, Duration readTimeout) {
		SimpleClientHttpRequestFactory factory = new SimpleClientHttpRequestFactory();
		factory.setConnectTimeout(connectTimeout);
		factory.setReadTimeout(readTimeout);
		return factory;
	}

}
