package io.github.discordoauth2;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import io.github.discordoauth2.ScriptedServer.Reply;
import io.github.discordoauth2.support.UrlConnectionRequestFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.StreamingHttpOutputMessage;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The core's {@code HttpURLConnection} request factory on its own, under a plain
 * {@link RestClient}: what it sends and how it reads answers, against a loopback server.
 */
class UrlConnectionRequestFactoryTests {

	private ScriptedServer server;

	private UrlConnectionRequestFactory factory;

	private RestClient restClient;

	@BeforeEach
	void start() throws IOException {
		this.server = new ScriptedServer();
		this.factory = new UrlConnectionRequestFactory();
		this.restClient = RestClient.builder().requestFactory(this.factory).baseUrl(this.server.baseUrl()).build();
	}

	@AfterEach
	void stop() {
		this.server.close();
	}

	@Test
	void answerHeadersAreReadByAnyCaseAndInFull() {
		this.server.reply(Reply.json(200, "{}").withHeaders(Map.of("X-RateLimit-Remaining", "4")));
		this.restClient.get().uri("/h").exchange((request, response) -> {
			HttpHeaders headers = response.getHeaders();
			assertThat(headers.getFirst("x-ratelimit-remaining")).isEqualTo("4");
			assertThat(headers.getFirst("X-RATELIMIT-REMAINING")).isEqualTo("4");
			assertThat(headers.getFirst("X-Absent")).isNull();
			assertThat(headers.getContentType()).hasToString("application/json");
			assertThat(headers.getContentLength()).isEqualTo(2);
			assertThat(headers.getValuesAsList("Content-Type")).containsExactly("application/json");
			// A change works on a copy, as on Spring's own answers.
			headers.set("X-RateLimit-Remaining", "3");
			assertThat(headers.getFirst("x-ratelimit-remaining")).isEqualTo("3");
			return null;
		});
	}

	@Test
	void anAnswerClosedUnreadLeavesTheNextCallItsOwnAnswer() {
		this.server.reply(Reply.json(200, "{\"first\":true}"));
		this.server.reply(Reply.json(200, "{\"second\":true}"));
		this.restClient.get().uri("/a").exchange((request, response) -> null);
		String second = this.restClient.get()
			.uri("/b")
			.exchange((request, response) -> new String(response.getBody().readAllBytes(), StandardCharsets.UTF_8));
		assertThat(second).isEqualTo("{\"second\":true}");
		// Whether that call reused the connection is the JDK's timing: it drains unread
		// bytes that have not arrived yet on its own cleaner thread before it hands the
		// connection back. A fully read answer is handed back at once (below).
	}

	@Test
	void anErrorAnswerHasItsBodyAndKeepsItsConnection() {
		this.server.reply(Reply.json(404, "{\"code\":10004}"));
		this.server.reply(Reply.json(200, "{}"));
		String body = this.restClient.get()
			.uri("/missing")
			.exchange((request, response) -> new String(response.getBody().readAllBytes(), StandardCharsets.UTF_8));
		assertThat(body).isEqualTo("{\"code\":10004}");
		this.restClient.get().uri("/next").exchange((request, response) -> response.getBody().readAllBytes());
		assertThat(this.server.received()).extracting(ScriptedServer.Received::clientPort)
			.containsOnly(this.server.received().get(0).clientPort());
	}

	@Test
	void aBodyIsSentWithItsLength() {
		this.server.reply(Reply.json(200, "{}"));
		byte[] body = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
		this.restClient.post().uri("/p").httpRequest((request) -> {
			request.getHeaders().setContentLength(body.length);
			request.getHeaders().set(HttpHeaders.CONTENT_TYPE, "application/json");
		}).body((StreamingHttpOutputMessage.Body) (out) -> out.write(body)).exchange((request, response) -> null);
		ScriptedServer.Received received = this.server.received().get(0);
		assertThat(received.body()).isEqualTo("{\"a\":1}");
		assertThat(received.header("Content-Length")).isEqualTo("7");
		assertThat(received.header("Transfer-Encoding")).isNull();
	}

	@Test
	void aBodyWrittenByAMessageConverterIsSentWithItsLengthToo() {
		this.server.reply(Reply.json(200, "{}"));
		this.restClient.post()
			.uri("/p")
			.attribute("seen", "yes")
			.body("plain text")
			.exchange((request, response) -> assertThat(request.getAttributes()).containsEntry("seen", "yes"));
		ScriptedServer.Received received = this.server.received().get(0);
		assertThat(received.body()).isEqualTo("plain text");
		assertThat(received.header("Content-Length")).isEqualTo("10");
	}

	@Test
	void aPutOrDeleteWithoutAcceptAsksForAnythingNotHtml() {
		this.server.reply(Reply.json(200, "{}"));
		this.server.reply(Reply.json(204, ""));
		this.restClient.put().uri("/r").exchange((request, response) -> null);
		this.restClient.delete().uri("/r").exchange((request, response) -> null);
		assertThat(this.server.received()).extracting((received) -> received.header("Accept"))
			.containsExactly("*/*", "*/*");
	}

	@Test
	void repeatedRequestHeadersAreAllSentAndCookiesJoined() {
		this.server.reply(Reply.json(200, "{}"));
		this.restClient.get()
			.uri("/c")
			.header("X-Many", "1", "2")
			.header(HttpHeaders.COOKIE, "a=1", "b=2")
			.exchange((request, response) -> null);
		ScriptedServer.Received received = this.server.received().get(0);
		assertThat(received.headers().get("X-many")).containsExactly("1", "2");
		assertThat(received.header("Cookie")).isEqualTo("a=1; b=2");
	}

	@Test
	void theReadTimeoutEndsAWaitForASilentServer() {
		CountDownLatch held = this.server.hold();
		this.server.reply(Reply.json(200, "{}"));
		this.factory.setReadTimeout(Duration.ofMillis(200));
		try {
			assertThatExceptionOfType(ResourceAccessException.class)
				.isThrownBy(() -> this.restClient.get().uri("/slow").exchange((request, response) -> null));
		}
		finally {
			held.countDown();
		}
	}

	@Test
	void theRequestKnowsItsMethodAndUri() throws IOException {
		URI uri = URI.create(this.server.baseUrl() + "/x?y=1");
		assertThat(this.factory.createRequest(uri, HttpMethod.DELETE)).satisfies((request) -> {
			assertThat(request.getMethod()).isEqualTo(HttpMethod.DELETE);
			assertThat(request.getURI()).isEqualTo(uri);
		});
	}

	@Test
	void badSettingsAndUrisAreRefusedSayingWhich() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.factory.setReadTimeout(Duration.ofSeconds(-1)))
			.withMessageContaining("read timeout");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.factory.createRequest(URI.create("file:///etc/hosts"), HttpMethod.GET))
			.withMessageContaining("file://");
	}

	@Test
	void itsDescriptionShowsItsSettings() {
		this.factory.setConnectTimeout(Duration.ofSeconds(3));
		assertThat(this.factory.getConnectTimeout()).isEqualTo(Duration.ofSeconds(3));
		assertThat(this.factory.getReadTimeout()).isNull();
		assertThat(this.factory.isFollowRedirects()).isTrue();
		assertThat(this.factory).hasToString("UrlConnectionRequestFactory[connectTimeout=3000ms, readTimeout=-1ms]");
	}

}
