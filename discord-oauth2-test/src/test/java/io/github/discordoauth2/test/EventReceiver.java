package io.github.discordoauth2.test;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * An application's Webhook Events endpoint, written from Discord's documentation with the
 * JDK's HTTP server and EdDSA, knowing nothing of the fake's code: it verifies
 * {@code X-Signature-Ed25519} over {@code X-Signature-Timestamp} + raw body with the
 * portal's hex public key, answers 401 to a bad signature and 204 to everything else, and
 * keeps what it verified.
 */
final class EventReceiver implements AutoCloseable {

	/** DER header of an X.509 Ed25519 public key, before the raw 32 bytes. */
	private static final String X509_ED25519_PREFIX = "302a300506032b6570032100";

	/** One request as received. */
	record Received(String body, Map<String, List<String>> headers, boolean verified, int answered) {
		Map<String, Object> json() {
			@SuppressWarnings("unchecked")
			Map<String, Object> map = Http.JSON.readValue(this.body, Map.class);
			return map;
		}
	}

	private final HttpServer server;

	private final PublicKey publicKey;

	private final List<Received> received = new CopyOnWriteArrayList<>();

	EventReceiver(String publicKeyHex) {
		try {
			this.publicKey = KeyFactory.getInstance("Ed25519")
				.generatePublic(new X509EncodedKeySpec(HexFormat.of().parseHex(X509_ED25519_PREFIX + publicKeyHex)));
			this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		}
		catch (IOException | GeneralSecurityException e) {
			throw new IllegalStateException(e);
		}
		this.server.createContext("/discord/events", this::handle);
		this.server.start();
	}

	String url() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + "/discord/events";
	}

	List<Received> received() {
		return List.copyOf(this.received);
	}

	private void handle(HttpExchange exchange) throws IOException {
		byte[] raw;
		try (InputStream in = exchange.getRequestBody()) {
			raw = in.readAllBytes();
		}
		String body = new String(raw, StandardCharsets.UTF_8);
		boolean verified = verify(exchange.getRequestHeaders().getFirst("X-Signature-Ed25519"),
				exchange.getRequestHeaders().getFirst("X-Signature-Timestamp"), body);
		int status = verified ? 204 : 401;
		this.received.add(new Received(body, Map.copyOf(exchange.getRequestHeaders()), verified, status));
		exchange.sendResponseHeaders(status, -1);
		exchange.close();
	}

	private boolean verify(String signatureHex, String timestamp, String body) {
		if (signatureHex == null || timestamp == null) {
			return false;
		}
		try {
			Signature verifier = Signature.getInstance("Ed25519");
			verifier.initVerify(this.publicKey);
			verifier.update((timestamp + body).getBytes(StandardCharsets.UTF_8));
			return verifier.verify(HexFormat.of().parseHex(signatureHex));
		}
		catch (GeneralSecurityException | IllegalArgumentException e) {
			return false;
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

}
