package io.github.discordoauth2;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A loopback HTTP server that answers with scripted responses, for answers FakeDiscord
 * does not produce (HTML error pages, oversized bodies, odd rate-limit headers). It
 * records what arrived.
 */
final class ScriptedServer implements AutoCloseable {

	record Reply(int status, String contentType, byte[] body, Map<String, String> headers) {

		static Reply json(int status, String json) {
			return new Reply(status, "application/json", json.getBytes(StandardCharsets.UTF_8), Map.of());
		}

		static Reply text(int status, String contentType, String text) {
			return new Reply(status, contentType, text.getBytes(StandardCharsets.UTF_8), Map.of());
		}

		Reply withHeaders(Map<String, String> extra) {
			return new Reply(this.status, this.contentType, this.body, extra);
		}

	}

	record Received(String method, String path, String query, Map<String, List<String>> headers, String body,
			int clientPort) {

		String header(String name) {
			for (Map.Entry<String, List<String>> entry : this.headers.entrySet()) {
				if (entry.getKey().equalsIgnoreCase(name)) {
					return entry.getValue().get(0);
				}
			}
			return null;
		}

	}

	private final HttpServer server;

	private final ConcurrentLinkedQueue<Reply> replies = new ConcurrentLinkedQueue<>();

	private final List<Received> received = Collections.synchronizedList(new ArrayList<>());

	private volatile java.util.concurrent.CountDownLatch gate = new java.util.concurrent.CountDownLatch(0);

	ScriptedServer() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.server.createContext("/", this::handle);
		this.server.start();
	}

	String baseUrl() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	ScriptedServer reply(Reply reply) {
		this.replies.add(reply);
		return this;
	}

	/** Holds every reply until the returned latch is counted down. */
	java.util.concurrent.CountDownLatch hold() {
		this.gate = new java.util.concurrent.CountDownLatch(1);
		return this.gate;
	}

	List<Received> received() {
		return List.copyOf(this.received);
	}

	Client client() {
		return Client.builder()
			.clientId(1100000000000000001L)
			.clientSecret("scripted-client-secret")
			.botToken("scripted-bot-token")
			.redirectUri("http://localhost:8080/callback")
			.baseUrl(baseUrl())
			// Answers are decoded as they arrive: a scripted 429 is not waited out and
			// sent again.
			.rateLimitMaxWait(Duration.ZERO)
			.build();
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange; InputStream in = exchange.getRequestBody()) {
			String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
			this.received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
					exchange.getRequestURI().getRawQuery(), Map.copyOf(exchange.getRequestHeaders()), body,
					exchange.getRemoteAddress().getPort()));
			try {
				this.gate.await();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			Reply reply = this.replies.poll();
			if (reply == null) {
				reply = Reply.json(500, "{\"message\":\"no scripted reply\",\"code\":0}");
			}
			exchange.getResponseHeaders().set("Content-Type", reply.contentType());
			reply.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
			boolean empty = reply.body().length == 0;
			exchange.sendResponseHeaders(reply.status(), empty ? -1 : reply.body().length);
			if (!empty) {
				try (OutputStream out = exchange.getResponseBody()) {
					out.write(reply.body());
				}
			}
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

}
