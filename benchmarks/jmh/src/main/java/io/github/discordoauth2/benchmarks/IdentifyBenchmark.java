package io.github.discordoauth2.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

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

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.HttpComponentsClientHttpRequestFactory;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

/**
 * The same {@code GET /api/v10/users/@me} with a Bearer token, decoded into a user
 * record, done by raw JDK clients and by {@link RestClient} over each request factory.
 * One state is shared by all threads, as one client is shared by all requests of a web
 * application.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class IdentifyBenchmark {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private HttpClient jdkHttpClient;

	private RestClient restClientSimple;

	private RestClient restClientJdk;

	private RestClient restClientHttpComponents;

	private CloseableHttpClient httpComponents;

	/** Builds every client once, and fails early if the server is not there. */
	@Setup
	public void setUp() throws IOException, InterruptedException {
		this.jdkHttpClient = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(TIMEOUT)
			.build();
		SimpleClientHttpRequestFactory simple = new SimpleClientHttpRequestFactory();
		simple.setConnectTimeout(TIMEOUT);
		simple.setReadTimeout(TIMEOUT);
		this.restClientSimple = restClient(simple);
		JdkClientHttpRequestFactory jdk = new JdkClientHttpRequestFactory(
				HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(TIMEOUT).build());
		jdk.setReadTimeout(TIMEOUT);
		this.restClientJdk = restClient(jdk);
		// The default pool allows 5 connections per route; 8 threads would queue behind
		// it.
		this.httpComponents = HttpClients.custom()
			.setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
				.setMaxConnPerRoute(32)
				.setMaxConnTotal(64)
				.build())
			.build();
		HttpComponentsClientHttpRequestFactory components = new HttpComponentsClientHttpRequestFactory(
				this.httpComponents);
		components.setConnectionRequestTimeout(TIMEOUT);
		components.setReadTimeout(TIMEOUT);
		this.restClientHttpComponents = restClient(components);
		if (rawHttpUrlConnection().id() == 0 || rawJdkHttpClient().id() == 0) {
			throw new IllegalStateException("the benchmark server at " + BenchTarget.URL + " returned no user");
		}
	}

	/** Closes the pooled clients. */
	@TearDown
	public void tearDown() throws IOException {
		this.httpComponents.close();
	}

	private static RestClient restClient(ClientHttpRequestFactory factory) {
		return RestClient.builder()
			.requestFactory(factory)
			.baseUrl(BenchTarget.BASE_URL)
			.defaultHeader(HttpHeaders.USER_AGENT, BenchTarget.USER_AGENT)
			.build();
	}

	/**
	 * {@code HttpURLConnection} (JDK keep-alive cache) + Jackson 3 reading the stream.
	 */
	@Benchmark
	public BenchUser rawHttpUrlConnection() throws IOException {
		HttpURLConnection connection = (HttpURLConnection) new URL(BenchTarget.URL).openConnection();
		connection.setConnectTimeout((int) TIMEOUT.toMillis());
		connection.setReadTimeout((int) TIMEOUT.toMillis());
		connection.setRequestProperty("Authorization", "Bearer " + BenchTarget.TOKEN);
		connection.setRequestProperty("User-Agent", BenchTarget.USER_AGENT);
		connection.setRequestProperty("Accept", "application/json");
		if (connection.getResponseCode() != 200) {
			throw new IllegalStateException("status " + connection.getResponseCode());
		}
		// Closing (not disconnecting) hands the connection back to the keep-alive cache.
		try (InputStream body = connection.getInputStream()) {
			return BenchTarget.MAPPER.readValue(body, BenchUser.class);
		}
	}

	/**
	 * {@code java.net.http.HttpClient} (HTTP/1.1, pooled) + Jackson 3 reading the bytes.
	 */
	@Benchmark
	public BenchUser rawJdkHttpClient() throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(URI.create(BenchTarget.URL))
			.timeout(TIMEOUT)
			.header("Authorization", "Bearer " + BenchTarget.TOKEN)
			.header("User-Agent", BenchTarget.USER_AGENT)
			.header("Accept", "application/json")
			.GET()
			.build();
		HttpResponse<byte[]> response = this.jdkHttpClient.send(request, HttpResponse.BodyHandlers.ofByteArray());
		if (response.statusCode() != 200) {
			throw new IllegalStateException("status " + response.statusCode());
		}
		return BenchTarget.MAPPER.readValue(response.body(), BenchUser.class);
	}

	/**
	 * {@code RestClient} over {@link SimpleClientHttpRequestFactory}
	 * ({@code HttpURLConnection}).
	 */
	@Benchmark
	public BenchUser restClientSimple() {
		return identify(this.restClientSimple);
	}

	/**
	 * {@code RestClient} over {@link JdkClientHttpRequestFactory}
	 * ({@code java.net.http}).
	 */
	@Benchmark
	public BenchUser restClientJdk() {
		return identify(this.restClientJdk);
	}

	/**
	 * {@code RestClient} over Apache HttpClient 5 (an extra dependency; only for
	 * comparison).
	 */
	@Benchmark
	public BenchUser restClientHttpComponents() {
		return identify(this.restClientHttpComponents);
	}

	private static BenchUser identify(RestClient client) {
		return client.get()
			.uri(BenchTarget.PATH)
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + BenchTarget.TOKEN)
			.accept(MediaType.APPLICATION_JSON)
			.exchange((request, response) -> {
				if (response.getStatusCode().value() != 200) {
					throw new IllegalStateException("status " + response.getStatusCode());
				}
				return BenchTarget.MAPPER.readValue(response.getBody(), BenchUser.class);
			});
	}

}
