package io.github.discordoauth2;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.github.discordoauth2.ScriptedServer.Reply;
import io.github.discordoauth2.exceptions.HttpException;
import io.github.discordoauth2.exceptions.InvalidGrantException;
import io.github.discordoauth2.exceptions.RateLimitedException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.http.converter.ByteArrayHttpMessageConverter;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The request road's seams: the rate-limit hook sees every request and answer, may retry
 * only what is safe to repeat, and concurrent refreshes of one refresh token share one
 * call.
 */
class RequestRoadTests {

	private static final String TOKEN_JSON = "{\"access_token\":\"at\",\"token_type\":\"Bearer\",\"expires_in\":604800,"
			+ "\"refresh_token\":\"rt-new\",\"scope\":\"identify\"}";

	private ScriptedServer server;

	@BeforeEach
	void start() throws IOException {
		this.server = new ScriptedServer();
	}

	@AfterEach
	void stop() {
		this.server.close();
	}

	/** A hook that records what it sees and asks for one retry after a 429. */
	static final class RecordingHook implements RateLimitHook {

		final List<String> events = Collections.synchronizedList(new ArrayList<>());

		final List<RateLimitKey> keys = Collections.synchronizedList(new ArrayList<>());

		final List<RateLimitResponse> responses = Collections.synchronizedList(new ArrayList<>());

		@Override
		public void beforeRequest(RateLimitKey key, Duration maxWait) {
			this.events.add("before " + key.route() + " maxWait=" + maxWait.toSeconds());
			this.keys.add(key);
		}

		@Override
		public boolean afterResponse(RateLimitKey key, RateLimitResponse response, boolean retryable) {
			this.events.add("after " + response.status() + " retryable=" + retryable);
			this.responses.add(response);
			return response.status() == 429;
		}

		@Override
		public void onFailure(RateLimitKey key, RuntimeException failure) {
			this.events.add("failure");
		}

	}

	private Client client(RateLimitHook hook) {
		return Client.builder()
			.clientId(1100000000000000001L)
			.clientSecret("scripted-client-secret")
			.botToken("scripted-bot-token")
			.redirectUri("http://localhost:8080/callback")
			.baseUrl(this.server.baseUrl())
			.rateLimitMaxWait(Duration.ofSeconds(7))
			.rateLimitHook(hook)
			.build();
	}

	@Test
	void hookSeesRouteTemplateMajorParameterTokenHashAndRateLimitHeaders() {
		RecordingHook hook = new RecordingHook();
		this.server.reply(Reply.json(200, "{\"roles\":[],\"deaf\":false,\"mute\":false,\"flags\":0}")
			.withHeaders(Map.of("X-RateLimit-Bucket", "b1", "X-RateLimit-Remaining", "4", "X-RateLimit-Reset-After",
					"1.25")));
		client(hook).fromAccessToken("user-token-a").fetchGuildMember(1200000000000000002L);
		RateLimitKey key = hook.keys.get(0);
		assertThat(key.method()).isEqualTo("GET");
		assertThat(key.route()).isEqualTo("/users/@me/guilds/{guild_id}/member");
		assertThat(key.majorParameter()).isEqualTo("1200000000000000002");
		assertThat(key.tokenIdentity()).isNotEmpty()
			.doesNotContain("user-token-a")
			.isEqualTo(Secrets.identity("Bearer user-token-a"))
			.isNotEqualTo(Secrets.identity("Bearer user-token-b"));
		RateLimitResponse response = hook.responses.get(0);
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.bucket()).isEqualTo("b1");
		assertThat(response.remaining()).isEqualTo(4);
		assertThat(response.resetAfter()).isEqualTo(Duration.ofMillis(1250));
		assertThat(hook.events).containsExactly("before /users/@me/guilds/{guild_id}/member maxWait=7",
				"after 200 retryable=true");
	}

	@Test
	void hookMayRetryA429OnARetryableRequest() {
		RecordingHook hook = new RecordingHook();
		this.server.reply(Reply.json(429, "{\"message\":\"slow\",\"retry_after\":0.25,\"global\":true}"));
		this.server.reply(Reply.json(200, "{\"id\":\"1\",\"username\":\"u\"}"));
		assertThat(client(hook).fromAccessToken("t").fetchIdentify().id()).isEqualTo(1L);
		assertThat(this.server.received()).hasSize(2);
		assertThat(hook.responses.get(0).retryAfter()).isEqualTo(Duration.ofMillis(250));
		assertThat(hook.responses.get(0).global()).isTrue();
	}

	@Test
	void codeExchangeIsNeverRepeated() {
		RecordingHook hook = new RecordingHook();
		this.server.reply(Reply.json(429, "{\"message\":\"slow\",\"retry_after\":0.25,\"global\":false}"));
		this.server.reply(Reply.json(200, TOKEN_JSON));
		assertThatExceptionOfType(RateLimitedException.class).isThrownBy(() -> client(hook).exchangeCode("code"));
		assertThat(this.server.received()).hasSize(1);
		assertThat(hook.events).containsExactly("before /oauth2/token maxWait=7", "after 429 retryable=false");
	}

	@Test
	void hookHearsAboutIoFailures() throws IOException {
		RecordingHook hook = new RecordingHook();
		int port;
		try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		Client offline = Client.builder().clientId(1).baseUrl("http://127.0.0.1:" + port).rateLimitHook(hook).build();
		assertThatExceptionOfType(io.github.discordoauth2.exceptions.DiscordIoException.class)
			.isThrownBy(() -> offline.fromAccessToken("t").fetchIdentify());
		assertThat(hook.events).endsWith("failure");
	}

	@Test
	void concurrentRefreshesOfOneRefreshTokenShareOneCall() throws Exception {
		Client client = client(RateLimitHook.NONE);
		this.server.reply(Reply.json(200, TOKEN_JSON));
		CountDownLatch release = this.server.hold();
		ExecutorService pool = Executors.newFixedThreadPool(2);
		try {
			Future<AccessToken> first = pool.submit(() -> client.refreshToken("rt-old"));
			awaitReceived(1);
			List<Thread> waiting = new ArrayList<>();
			Future<AccessToken> second = pool.submit(() -> {
				waiting.add(Thread.currentThread());
				return client.refreshToken("rt-old");
			});
			awaitParked(waiting);
			release.countDown();
			AccessToken a = first.get(10, TimeUnit.SECONDS);
			AccessToken b = second.get(10, TimeUnit.SECONDS);
			assertThat(a).isSameAs(b);
			assertThat(this.server.received()).hasSize(1);
		}
		finally {
			release.countDown();
			pool.shutdownNow();
		}
	}

	@Test
	void aSharedRefreshFailureReachesEveryCaller() {
		this.server.reply(Reply.json(400, "{\"error\":\"invalid_grant\"}"));
		assertThatExceptionOfType(InvalidGrantException.class)
			.isThrownBy(() -> client(RateLimitHook.NONE).refreshToken("rt-gone"));
	}

	@Test
	void refreshStateDoesNotGrowWithTheNumberOfUsers() throws Exception {
		Client client = client(RateLimitHook.NONE);
		int users = 200;
		for (int i = 0; i < users; i++) {
			// Successes, Discord's refusals and unreadable answers alike.
			this.server.reply((i % 3 == 0) ? Reply.json(400, "{\"error\":\"invalid_grant\"}")
					: (i % 3 == 1) ? Reply.json(200, TOKEN_JSON) : Reply.text(200, "text/plain", "oops"));
		}
		ExecutorService pool = Executors.newFixedThreadPool(4);
		try {
			List<Future<?>> calls = new ArrayList<>();
			for (int i = 0; i < users; i++) {
				String refreshToken = "rt-of-user-" + i;
				calls.add(pool.submit(() -> {
					try {
						client.refreshToken(refreshToken);
					}
					catch (RuntimeException ex) {
						// Failures must leave nothing behind either.
					}
				}));
			}
			for (Future<?> call : calls) {
				call.get(30, TimeUnit.SECONDS);
			}
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(this.server.received()).hasSize(users);
		assertThat(client.refreshesInFlight()).isZero();
	}

	@Test
	void theDefaultClientKeepsItsConnectionAcrossAnswersOfEveryKind() {
		// UrlConnectionRequestFactory closes an answer by closing its stream only: that
		// alone must hand the connection back for the next call.
		Client client = this.server.client();
		this.server.reply(Reply.json(200, "{\"id\":\"1\",\"username\":\"u\"}"));
		this.server.reply(Reply.json(404, "{\"message\":\"Unknown Guild\",\"code\":10004}"));
		this.server.reply(Reply.text(200, "text/html", "<html>not json</html>"));
		this.server.reply(Reply.json(200, "{\"id\":\"1\",\"username\":\"u\"}"));
		PartialAccessToken token = client.fromAccessToken("t");
		token.fetchIdentify();
		assertThatExceptionOfType(HttpException.class).isThrownBy(() -> token.fetchGuildMember(1200000000000000002L));
		assertThatExceptionOfType(HttpException.class).isThrownBy(token::fetchIdentify);
		token.fetchIdentify();
		assertThat(this.server.received()).extracting(ScriptedServer.Received::clientPort)
			.hasSize(4)
			.containsOnly(this.server.received().get(0).clientPort());
	}

	@Test
	void usersRestClientBuilderIsClonedNotChanged() {
		RestClient.Builder users = RestClient.builder().defaultHeader("X-App", "mine");
		this.server.reply(Reply.json(200, "{\"id\":\"1\",\"username\":\"u\"}"));
		Client client = Client.builder().clientId(1).baseUrl(this.server.baseUrl()).restClientBuilder(users).build();
		client.fromAccessToken("t").fetchIdentify();
		ScriptedServer.Received request = this.server.received().get(0);
		assertThat(request.header("X-App")).isEqualTo("mine");
		assertThat(request.header("User-Agent")).startsWith("DiscordBot (");
	}

	@Test
	void usersMessageConvertersPlayNoPart() {
		RestClient.Builder bare = RestClient.builder()
			.messageConverters((converters) -> converters
				.removeIf((converter) -> converter instanceof ByteArrayHttpMessageConverter));
		this.server.reply(Reply.json(200, TOKEN_JSON));
		Client client = Client.builder()
			.clientId(1)
			.clientSecret("s3cret")
			.baseUrl(this.server.baseUrl())
			.restClientBuilder(bare)
			.build();
		client.refreshToken("rt");
		assertThat(this.server.received().get(0).body()).isEqualTo("grant_type=refresh_token&refresh_token=rt");
		assertThat(this.server.received().get(0).header("Content-Length"))
			.isEqualTo(Integer.toString("grant_type=refresh_token&refresh_token=rt".length()));
	}

	private void awaitReceived(int count) throws InterruptedException {
		for (int i = 0; i < 1000 && this.server.received().size() < count; i++) {
			Thread.sleep(5);
		}
		assertThat(this.server.received()).hasSize(count);
	}

	private static void awaitParked(List<Thread> threads) throws InterruptedException {
		for (int i = 0; i < 1000; i++) {
			if (!threads.isEmpty() && threads.get(0).getState() == Thread.State.WAITING) {
				return;
			}
			Thread.sleep(5);
		}
		throw new AssertionError("second refresh never waited for the first");
	}

}
