package io.github.discordoauth2.test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fake's own HTTP/1.1 server, spoken to over a plain socket the way clients other
 * than the JDK's speak to it.
 */
class ListenerTests {

	private static final String UA = "User-Agent: DiscordBot (https://example.com/tests, 1.0)\r\n";

	@Test
	void keepAliveAnswersSeveralRequestsOnOneConnection() throws IOException {
		try (FakeDiscord fake = FakeDiscord.builder().demoData().start(); Socket socket = socket(fake)) {
			OutputStream out = socket.getOutputStream();
			InputStream in = socket.getInputStream();
			for (int i = 0; i < 3; i++) {
				out.write(("GET /api/v10/users/@me HTTP/1.1\r\nHost: x\r\n" + UA + "\r\n")
					.getBytes(StandardCharsets.US_ASCII));
				out.flush();
				String head = readHead(in);
				assertThat(head).startsWith("HTTP/1.1 401").doesNotContain("Connection: close");
				in.readNBytes(contentLength(head));
			}
			assertThat(fake.journal()).hasSize(3);
		}
	}

	@Test
	void chunkedBodiesAndExpectContinueAreRead() throws IOException {
		try (FakeDiscord fake = FakeDiscord.builder().demoData().start(); Socket socket = socket(fake)) {
			String form = "grant_type=client_credentials&scope=identify";
			String basic = Http.basic(fake.clientId(), fake.clientSecret());
			OutputStream out = socket.getOutputStream();
			out.write(("POST /api/v10/oauth2/token HTTP/1.1\r\nHost: x\r\n" + UA + "Authorization: " + basic
					+ "\r\nContent-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked\r\n"
					+ "Expect: 100-continue\r\n\r\n")
				.getBytes(StandardCharsets.US_ASCII));
			out.flush();
			InputStream in = socket.getInputStream();
			assertThat(readHead(in)).startsWith("HTTP/1.1 100");
			String half = form.substring(0, 10);
			String rest = form.substring(10);
			out.write((Integer.toHexString(half.length()) + "\r\n" + half + "\r\n" + Integer.toHexString(rest.length())
					+ ";ext=1\r\n" + rest + "\r\n0\r\n\r\n")
				.getBytes(StandardCharsets.US_ASCII));
			out.flush();
			String head = readHead(in);
			assertThat(head).startsWith("HTTP/1.1 200");
			assertThat(new String(in.readNBytes(contentLength(head)), StandardCharsets.UTF_8))
				.contains("\"access_token\"");
		}
	}

	@Test
	void http10ClosesAfterTheAnswerAndGarbageGets400() throws IOException {
		try (FakeDiscord fake = FakeDiscord.builder().demoData().start()) {
			try (Socket socket = socket(fake)) {
				socket.getOutputStream()
					.write(("GET /api/v10/users/@me HTTP/1.0\r\n" + UA + "\r\n").getBytes(StandardCharsets.US_ASCII));
				String all = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
				assertThat(all).startsWith("HTTP/1.1 401").contains("Connection: close");
			}
			try (Socket socket = socket(fake)) {
				socket.getOutputStream().write("HELLO\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
				String all = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
				assertThat(all).startsWith("HTTP/1.1 400").doesNotContain("Exception");
			}
		}
	}

	private static Socket socket(FakeDiscord fake) throws IOException {
		Socket socket = new Socket("127.0.0.1", fake.port());
		socket.setSoTimeout(5000);
		return socket;
	}

	private static String readHead(InputStream in) throws IOException {
		ByteArrayOutputStream head = new ByteArrayOutputStream();
		int b;
		while ((b = in.read()) >= 0) {
			head.write(b);
			String s = head.toString(StandardCharsets.ISO_8859_1);
			if (s.endsWith("\r\n\r\n")) {
				return s;
			}
		}
		return head.toString(StandardCharsets.ISO_8859_1);
	}

	private static int contentLength(String head) {
		for (String line : head.split("\r\n")) {
			if (line.regionMatches(true, 0, "Content-Length:", 0, 15)) {
				return Integer.parseInt(line.substring(15).trim());
			}
		}
		return 0;
	}

}
