package io.github.discordoauth2;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.discordoauth2.exceptions.DiscordIoException;
import io.github.discordoauth2.exceptions.HttpException;
import io.github.discordoauth2.test.DemoData;
import io.github.discordoauth2.test.FakeDiscord;
import io.github.discordoauth2.test.Fault;
import io.github.discordoauth2.test.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * What a road repeats after a server or connection failure, and what it never repeats,
 * against FakeDiscord's fault injection (and, for cut connections, a socket that hangs
 * up): the one {@link AttemptPolicy}, carried out by both transports. Written once;
 * {@link ResilienceAgainstFakeDiscordTests} runs it on the blocking road and
 * {@link ReactiveResilienceAgainstFakeDiscordTests} on the non-blocking one.
 */
abstract class ResilienceAgainstFakeDiscordContract {

	/** The road every call of this suite takes. */
	final Road road;

	FakeDiscord fake;

	Client client;

	ResilienceAgainstFakeDiscordContract(Road road) {
		this.road = road;
	}

	@BeforeEach
	void start() {
		this.fake = FakeDiscord.builder().demoData().start();
		this.client = Client.builder()
			.clientId(this.fake.clientId())
			.clientSecret(this.fake.clientSecret())
			.redirectUri(DemoData.REDIRECT_URI)
			.baseUrl(this.fake.baseUrl())
			.build();
	}

	@AfterEach
	void stop() {
		this.fake.close();
	}

	FakeDiscord.Tokens tokens(String... scopes) {
		return this.fake.createToken(DemoData.USER_ID, Set.of(scopes));
	}

	long sent(String method, String path) {
		return journal().stream().filter((r) -> r.method().equals(method) && r.path().endsWith(path)).count();
	}

	List<RecordedRequest> journal() {
		return this.fake.journal();
	}

	@Test
	void gatewayErrorsOnAGetAreRetried() {
		this.fake.faults().next("GET /users/@me", 1, Fault.status(503)).next("GET /users/@me", 1, Fault.status(502));
		PartialAccessToken token = this.client.fromAccessToken(tokens("identify").accessToken());

		assertThat(this.road.fetchIdentify(token).id()).isEqualTo(DemoData.USER_ID);
		assertThat(journal()).extracting(RecordedRequest::status).containsExactly(503, 502, 200);
	}

	@Test
	void gatewayErrorsBeyondTheRetriesReachTheCaller() {
		this.fake.faults().next("GET /users/@me", Retries.MAX_RETRIES + 1, Fault.status(504));
		PartialAccessToken token = this.client.fromAccessToken(tokens("identify").accessToken());

		assertThatExceptionOfType(HttpException.class).isThrownBy(() -> this.road.fetchIdentify(token))
			.satisfies((ex) -> assertThat(ex.status()).isEqualTo(504));
		assertThat(sent("GET", "/users/@me")).isEqualTo(Retries.MAX_RETRIES + 1);
	}

	@Test
	void gatewayErrorOnAPutAndADeleteIsRetried() {
		this.fake.faults()
			.next("PUT /users/@me/applications/{id}/role-connection", 1, Fault.status(504))
			.next("DELETE /users/@me/applications/{id}/role-connection", 1, Fault.status(503));
		PartialAccessToken token = this.client.fromAccessToken(tokens("role_connections.write").accessToken());

		assertThat(this.road.updateMetadata(token, "Game", "player-1", Map.of()).platformName()).isEqualTo("Game");
		this.road.clearMetadata(token);
		assertThat(journal()).extracting(RecordedRequest::status).containsExactly(504, 200, 503, 204);
	}

	@Test
	void otherServerErrorsAreNotRetried() {
		this.fake.faults().next("GET /users/@me", 1, Fault.status(500));
		PartialAccessToken token = this.client.fromAccessToken(tokens("identify").accessToken());

		assertThatExceptionOfType(HttpException.class).isThrownBy(() -> this.road.fetchIdentify(token))
			.satisfies((ex) -> assertThat(ex.status()).isEqualTo(500));
		assertThat(sent("GET", "/users/@me")).isEqualTo(1);
	}

	@Test
	void refreshIsNeverRetriedAfterAGatewayError() {
		this.fake.faults().next("POST /oauth2/token", 1, Fault.status(502));
		String refreshToken = tokens("identify").refreshToken();

		assertThatExceptionOfType(HttpException.class)
			.isThrownBy(() -> this.road.refreshToken(this.client, refreshToken))
			.satisfies((ex) -> assertThat(ex.status()).isEqualTo(502));
		assertThat(sent("POST", "/oauth2/token")).isEqualTo(1);
	}

	@Test
	void codeExchangeIsNeverRetriedAfterAGatewayError() {
		this.fake.faults().next("POST /oauth2/token", 1, Fault.status(503));
		String code = this.fake.createAuthorizationCode(DemoData.USER_ID, DemoData.REDIRECT_URI, Set.of("identify"));

		assertThatExceptionOfType(HttpException.class).isThrownBy(() -> this.road.exchangeCode(this.client, code))
			.satisfies((ex) -> assertThat(ex.status()).isEqualTo(503));
		assertThat(sent("POST", "/oauth2/token")).isEqualTo(1);
	}

	@Test
	void aSlowAnswerTimesOutNamingTheCallAndIsNotRetried() {
		Client impatient = Client.builder()
			.clientId(this.fake.clientId())
			.baseUrl(this.fake.baseUrl())
			.connectTimeout(Duration.ofMillis(100))
			.readTimeout(Duration.ofMillis(300))
			.build();
		String accessToken = tokens("identify").accessToken();
		this.fake.faults().next("GET /users/@me", 1, Fault.delay(Duration.ofSeconds(2)));

		assertThatExceptionOfType(DiscordIoException.class)
			.isThrownBy(() -> this.road.fetchIdentify(impatient.fromAccessToken(accessToken)))
			.satisfies((ex) -> assertThat(ex.getMessage()).contains("GET /users/@me")
				.containsIgnoringCase("time")
				.doesNotContain(accessToken));
		assertThat(this.fake.stats().requests()).as("requests that reached the fake").isEqualTo(1);
	}

	@Test
	void cutConnectionIsRetriedForAGetButNeverForARefresh() throws IOException {
		try (HangingUpServer server = new HangingUpServer(2,
				"{\"id\":\"" + DemoData.USER_ID + "\",\"username\":\"u\"}")) {
			Client client = Client.builder().clientId(1).clientSecret("s3cret-value").baseUrl(server.baseUrl()).build();
			assertThat(this.road.fetchIdentify(client.fromAccessToken("some-access-token")).id())
				.isEqualTo(DemoData.USER_ID);
		}
		try (HangingUpServer server = new HangingUpServer(2, "{}")) {
			Client client = Client.builder().clientId(1).clientSecret("s3cret-value").baseUrl(server.baseUrl()).build();
			assertThatExceptionOfType(DiscordIoException.class)
				.isThrownBy(() -> this.road.refreshToken(client, "rt-value"))
				.satisfies((ex) -> assertThat(ex.getMessage()).contains("POST /oauth2/token")
					.doesNotContain("rt-value")
					.doesNotContain("s3cret-value"));
			assertThat(server.connections()).as("a refresh is sent once").isEqualTo(1);
		}
	}

	/**
	 * Hangs up on the first connections right after reading the request; answers 200 with
	 * a body afterwards.
	 */
	private static final class HangingUpServer implements AutoCloseable {

		private final ServerSocket socket;

		private final AtomicInteger connections = new AtomicInteger();

		private final Thread acceptor;

		HangingUpServer(int hangUps, String body) throws IOException {
			this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
			this.acceptor = new Thread(() -> {
				while (!this.socket.isClosed()) {
					try (Socket connection = this.socket.accept()) {
						int number = this.connections.incrementAndGet();
						BufferedReader reader = new BufferedReader(
								new InputStreamReader(connection.getInputStream(), StandardCharsets.ISO_8859_1));
						for (String line = reader.readLine(); line != null
								&& !line.isEmpty(); line = reader.readLine()) {
							// Headers only: the answer does not depend on them.
						}
						if (number <= hangUps) {
							continue;
						}
						byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
						OutputStream out = connection.getOutputStream();
						out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n"
								+ "Content-Length: " + bytes.length + "\r\n\r\n")
							.getBytes(StandardCharsets.ISO_8859_1));
						out.write(bytes);
						out.flush();
					}
					catch (IOException ex) {
						// Closed by close(), or a client that went away: either way, next
						// connection.
					}
				}
			}, "hanging-up-server");
			this.acceptor.setDaemon(true);
			this.acceptor.start();
		}

		String baseUrl() {
			return "http://127.0.0.1:" + this.socket.getLocalPort();
		}

		int connections() {
			return this.connections.get();
		}

		@Override
		public void close() throws IOException {
			this.socket.close();
		}

	}

}
