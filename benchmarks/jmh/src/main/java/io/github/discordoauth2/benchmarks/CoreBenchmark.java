package io.github.discordoauth2.benchmarks;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

import io.github.discordoauth2.Client;
import io.github.discordoauth2.PartialAccessToken;
import io.github.discordoauth2.model.User;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import org.springframework.http.client.HttpComponentsClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

/**
 * The core's {@code fetchIdentify()} with its defaults (request factory, timeouts, rate
 * limiter), against the same server and in the same run as {@link IdentifyBenchmark}'s
 * baselines.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class CoreBenchmark {

	private PartialAccessToken token;

	private PartialAccessToken tokenOnHttpComponents;

	private CloseableHttpClient httpComponents;

	/** One client and one token shared by all threads, as in a web application. */
	@Setup
	public void setUp() {
		Client client = Client.builder()
			.clientId(1100000000000000001L)
			.clientSecret("bench-client-secret")
			.baseUrl(BenchTarget.BASE_URL)
			.build();
		this.token = client.fromAccessToken(BenchTarget.TOKEN);
		// What a user who adds httpclient5 hands in: a pooled client without its own
		// retries (the core's road
		// does the retrying, and HttpClient's default would repeat 429s and 503s behind
		// the rate limiter's back).
		this.httpComponents = HttpClients.custom()
			.setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
				.setMaxConnPerRoute(32)
				.setMaxConnTotal(64)
				.build())
			.disableAutomaticRetries()
			.build();
		Client onHttpComponents = Client.builder()
			.clientId(1100000000000000001L)
			.clientSecret("bench-client-secret")
			.baseUrl(BenchTarget.BASE_URL)
			.restClientBuilder(RestClient.builder()
				.requestFactory(new HttpComponentsClientHttpRequestFactory(this.httpComponents)))
			.build();
		this.tokenOnHttpComponents = onHttpComponents.fromAccessToken(BenchTarget.TOKEN);
		if (this.token.fetchIdentify().id() == 0 || this.tokenOnHttpComponents.fetchIdentify().id() == 0) {
			throw new IllegalStateException("the benchmark server at " + BenchTarget.URL + " returned no user");
		}
	}

	/** Closes the pooled client. */
	@TearDown
	public void tearDown() throws IOException {
		this.httpComponents.close();
	}

	/** {@code GET /users/@me} through the core's one request road. */
	@Benchmark
	public User coreFetchIdentify() {
		return this.token.fetchIdentify();
	}

	/**
	 * The same with a user-supplied {@code RestClient.Builder} on Apache HttpClient 5.
	 */
	@Benchmark
	public User coreFetchIdentifyOnHttpComponents() {
		return this.tokenOnHttpComponents.fetchIdentify();
	}

}
