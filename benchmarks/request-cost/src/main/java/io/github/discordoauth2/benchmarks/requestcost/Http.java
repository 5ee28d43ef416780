package io.github.discordoauth2.benchmarks.requestcost;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A minimal HTTP/1.1 client for the logins and the probes: one {@code GET} per connection
 * ({@code Connection: close}), the answer read to its end. One connection per request
 * keeps the logins clear of a keep-alive bug of the WebFlux server (Reactor Netty 1.3.6
 * now and then stops reading a reused connection; see docs/spring-boot.md), and costs
 * every application the same.
 */
final class Http {

	private static final int TIMEOUT_MILLIS = 30_000;

	private Http() {
	}

	/** An answer: its status, its headers (names in lower case) and its body. */
	record Answer(int status, Map<String, List<String>> headers, String body) {

		/** The first value of a header. */
		@Nullable String header(String name) {
			List<String> values = this.headers.get(name.toLowerCase(Locale.ROOT));
			return (values == null || values.isEmpty()) ? null : values.get(0);
		}

		/** Every value of a header. */
		List<String> all(String name) {
			return this.headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
		}

	}

	/** Sends a {@code GET} with the given {@code Cookie} header, if any. */
	static Answer get(URI uri, @Nullable String cookies) {
		String path = uri.getRawPath() + ((uri.getRawQuery() != null) ? "?" + uri.getRawQuery() : "");
		StringBuilder request = new StringBuilder().append("GET ")
			.append(path.isEmpty() ? "/" : path)
			.append(" HTTP/1.1\r\nHost: ")
			.append(uri.getHost())
			.append(':')
			.append(uri.getPort())
			.append("\r\nAccept: text/html,application/xhtml+xml\r\nUser-Agent: request-cost\r\nConnection: close\r\n");
		if (cookies != null && !cookies.isEmpty()) {
			request.append("Cookie: ").append(cookies).append("\r\n");
		}
		request.append("\r\n");
		try (Socket socket = new Socket()) {
			socket.setTcpNoDelay(true);
			socket.setSoTimeout(TIMEOUT_MILLIS);
			socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), TIMEOUT_MILLIS);
			OutputStream out = socket.getOutputStream();
			out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
			out.flush();
			return parse(readAll(socket.getInputStream()), uri);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("GET " + uri.getHost() + ":" + uri.getPort() + uri.getRawPath() + " failed",
					ex);
		}
	}

	private static byte[] readAll(InputStream in) throws IOException {
		ByteArrayOutputStream all = new ByteArrayOutputStream();
		byte[] buffer = new byte[8192];
		for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
			all.write(buffer, 0, n);
		}
		return all.toByteArray();
	}

	private static Answer parse(byte[] bytes, URI uri) {
		String text = new String(bytes, StandardCharsets.ISO_8859_1);
		int end = text.indexOf("\r\n\r\n");
		if (end < 0) {
			throw new IllegalStateException("incomplete answer from " + uri.getHost() + ":" + uri.getPort()
					+ uri.getRawPath() + " (" + bytes.length + " bytes)");
		}
		String[] lines = text.substring(0, end).split("\r\n");
		String[] statusLine = lines[0].split(" ", 3);
		Map<String, List<String>> headers = new LinkedHashMap<>();
		for (int i = 1; i < lines.length; i++) {
			int colon = lines[i].indexOf(':');
			if (colon > 0) {
				headers
					.computeIfAbsent(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
							(name) -> new ArrayList<>())
					.add(lines[i].substring(colon + 1).trim());
			}
		}
		// A chunked body keeps its chunk sizes here; the probes only look for words in
		// it.
		String body = new String(bytes, end + 4, bytes.length - end - 4, StandardCharsets.UTF_8);
		return new Answer(Integer.parseInt(statusLine[1]), headers, body);
	}

}
