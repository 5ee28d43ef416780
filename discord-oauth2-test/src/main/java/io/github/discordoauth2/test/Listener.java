package io.github.discordoauth2.test;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;

/**
 * The socket side of the fake: a small HTTP/1.1 server (keep-alive, Content-Length and
 * chunked request bodies, {@code Expect: 100-continue}), one thread per connection.
 *
 * <p>
 * Like OkHttp's MockWebServer it owns its sockets instead of using the JDK's
 * {@code com.sun.net.httpserver}: that server writes headers and body in two packets and
 * turns TCP_NODELAY on only through the JVM-wide {@code sun.net.httpserver.nodelay}
 * property, so every keep-alive answer waited for a delayed ACK (about 22 requests per
 * second instead of over a thousand, see docs/fake-discord.md). Here each socket gets
 * TCP_NODELAY and each answer is written in one piece.
 */
final class Listener implements AutoCloseable {

	/** Request bodies above this are read away and answered 413. */
	static final int MAX_BODY = 1 << 20;

	private static final int MAX_LINE = 16 * 1024;

	private static final int MAX_HEADERS = 200;

	/** Idle keep-alive connections close after this, as the JDK's server does. */
	private static final int IDLE_MILLIS = 30_000;

	private static final AtomicInteger INSTANCES = new AtomicInteger();

	/** One request as it came off the wire. */
	record Incoming(String method, String target, Map<String, List<String>> headers, byte[] body, boolean tooLarge,
			String remote) {
	}

	/**
	 * Turns a request into an answer; {@link Response#DISCONNECT} drops the connection.
	 */
	interface Handler {

		Response handle(Incoming request);

	}

	private final ServerSocket server;

	private final ExecutorService executor;

	private final String baseUrl;

	private final Set<Socket> open = ConcurrentHashMap.newKeySet();

	private final AtomicBoolean closed = new AtomicBoolean();

	Listener(String host, int port) {
		int instance = INSTANCES.incrementAndGet();
		AtomicInteger threads = new AtomicInteger();
		ThreadFactory factory = r -> {
			Thread t = new Thread(r, "fake-discord-" + instance + "-" + threads.incrementAndGet());
			t.setDaemon(true);
			return t;
		};
		// A cached pool: concurrent clients and delayed faults must not queue behind each
		// other.
		this.executor = Executors.newCachedThreadPool(factory);
		try {
			this.server = new ServerSocket();
			this.server.bind(new InetSocketAddress(InetAddress.getByName(host), port), 64);
		}
		catch (IOException e) {
			this.executor.shutdownNow();
			throw new UncheckedIOException("FakeDiscord could not listen on " + host + ":" + port
					+ " (port taken? use port(0) for a random free port)", e);
		}
		String shown = host.equals("0.0.0.0") ? "127.0.0.1" : host.contains(":") ? "[" + host + "]" : host;
		this.baseUrl = "http://" + shown + ":" + this.server.getLocalPort();
	}

	String baseUrl() {
		return this.baseUrl;
	}

	int port() {
		return this.server.getLocalPort();
	}

	void start(Handler handler) {
		this.executor.execute(() -> accept(handler));
	}

	private void accept(Handler handler) {
		while (!this.closed.get()) {
			try {
				Socket socket = this.server.accept();
				socket.setTcpNoDelay(true);
				socket.setSoTimeout(IDLE_MILLIS);
				this.open.add(socket);
				this.executor.execute(() -> serve(socket, handler));
			}
			catch (IOException | RuntimeException e) {
				if (this.closed.get()) {
					return;
				}
			}
		}
	}

	private void serve(Socket socket, Handler handler) {
		String remote = socket.getInetAddress().getHostAddress();
		try (socket) {
			InputStream in = new BufferedInputStream(socket.getInputStream());
			OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 16 * 1024);
			while (!this.closed.get()) {
				String requestLine = readLine(in);
				while (requestLine != null && requestLine.isEmpty()) {
					requestLine = readLine(in);
				}
				if (requestLine == null) {
					return;
				}
				String[] parts = requestLine.split(" ");
				if (parts.length != 3 || !parts[2].startsWith("HTTP/1.")) {
					write(out, "GET",
							Response.json(400, Json.obj().with("message", "400: Bad Request").with("code", 0)), false);
					return;
				}
				Map<String, List<String>> headers = readHeaders(in);
				boolean http11 = !parts[2].equals("HTTP/1.0");
				if (http11 && "100-continue".equalsIgnoreCase(first(headers, "Expect"))) {
					out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
					out.flush();
				}
				ByteArrayOutputStream body = new ByteArrayOutputStream();
				boolean tooLarge = readBody(in, headers, body);
				String method = parts[0].toUpperCase(Locale.ROOT);
				Response response = handler
					.handle(new Incoming(method, parts[1], headers, body.toByteArray(), tooLarge, remote));
				if (response == Response.DISCONNECT) {
					return;
				}
				String connection = first(headers, "Connection");
				boolean keepAlive = http11 ? !"close".equalsIgnoreCase(connection)
						: "keep-alive".equalsIgnoreCase(connection);
				write(out, method, response, keepAlive);
				if (!keepAlive) {
					return;
				}
			}
		}
		catch (IOException | RuntimeException e) {
			// The client went away or spoke nonsense; nothing more to say to it.
		}
		finally {
			this.open.remove(socket);
		}
	}

	private static Map<String, List<String>> readHeaders(InputStream in) throws IOException {
		Map<String, List<String>> headers = new LinkedHashMap<>();
		for (int i = 0;; i++) {
			String line = readLine(in);
			if (line == null || i > MAX_HEADERS) {
				throw new IOException("truncated or oversized header block");
			}
			if (line.isEmpty()) {
				return headers;
			}
			int colon = line.indexOf(':');
			if (colon <= 0) {
				throw new IOException("malformed header line");
			}
			headers.computeIfAbsent(normalize(line.substring(0, colon).trim()), k -> new ArrayList<>())
				.add(line.substring(colon + 1).trim());
		}
	}

	/**
	 * Reads the body into {@code out}; true when it was larger than {@link #MAX_BODY}.
	 */
	private static boolean readBody(InputStream in, Map<String, List<String>> headers, ByteArrayOutputStream out)
			throws IOException {
		String encoding = first(headers, "Transfer-encoding");
		if (encoding != null && encoding.toLowerCase(Locale.ROOT).contains("chunked")) {
			boolean tooLarge = false;
			while (true) {
				String size = readLine(in);
				if (size == null) {
					throw new IOException("truncated chunk");
				}
				int semicolon = size.indexOf(';');
				long n = Long.parseLong((semicolon >= 0 ? size.substring(0, semicolon) : size).trim(), 16);
				if (n == 0) {
					while (true) {
						String trailer = readLine(in);
						if (trailer == null || trailer.isEmpty()) {
							return tooLarge;
						}
					}
				}
				tooLarge |= copy(in, n, out);
				readLine(in);
			}
		}
		String length = first(headers, "Content-length");
		return length != null && copy(in, Long.parseLong(length.trim()), out);
	}

	/**
	 * Copies {@code n} bytes, keeping at most {@link #MAX_BODY}; true if some were
	 * dropped.
	 */
	private static boolean copy(InputStream in, long n, ByteArrayOutputStream out) throws IOException {
		if (n < 0) {
			throw new IOException("negative length");
		}
		byte[] buf = new byte[8192];
		long left = n;
		boolean dropped = false;
		while (left > 0) {
			int read = in.read(buf, 0, (int) Math.min(buf.length, left));
			if (read < 0) {
				throw new IOException("truncated body");
			}
			if (out.size() + read <= MAX_BODY) {
				out.write(buf, 0, read);
			}
			else {
				dropped = true;
			}
			left -= read;
		}
		return dropped;
	}

	private static void write(OutputStream out, String method, Response response, boolean keepAlive)
			throws IOException {
		int status = response.status();
		boolean noBody = method.equals("HEAD") || status == 204 || status == 304;
		byte[] body = noBody ? new byte[0] : response.body();
		StringBuilder head = new StringBuilder(256).append("HTTP/1.1 ")
			.append(status)
			.append(' ')
			.append(reason(status))
			.append("\r\n");
		response.headers().forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
		head.append("Date: ")
			.append(DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC)))
			.append("\r\nVia: 1.1 fake-discord\r\n");
		if (status != 204 && status != 304) {
			head.append("Content-Length: ").append(body.length).append("\r\n");
		}
		if (!keepAlive) {
			head.append("Connection: close\r\n");
		}
		out.write(head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
		out.write(body);
		// One flush: headers and body leave together.
		out.flush();
	}

	private static @Nullable String readLine(InputStream in) throws IOException {
		ByteArrayOutputStream line = new ByteArrayOutputStream(128);
		int b;
		while ((b = in.read()) >= 0) {
			if (b == '\n') {
				byte[] bytes = line.toByteArray();
				int end = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
				return new String(bytes, 0, end, StandardCharsets.ISO_8859_1);
			}
			if (line.size() >= MAX_LINE) {
				throw new IOException("line too long");
			}
			line.write(b);
		}
		return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
	}

	private static @Nullable String first(Map<String, List<String>> headers, String name) {
		List<String> values = headers.get(normalize(name));
		return values == null || values.isEmpty() ? null : values.get(0);
	}

	/** Header names as the JDK's server spelled them, so the journal reads the same. */
	private static String normalize(String name) {
		return name.isEmpty() ? name
				: Character.toUpperCase(name.charAt(0)) + name.substring(1).toLowerCase(Locale.ROOT);
	}

	static String reason(int status) {
		return switch (status) {
			case 200 -> "OK";
			case 201 -> "Created";
			case 204 -> "No Content";
			case 302 -> "Found";
			case 400 -> "Bad Request";
			case 401 -> "Unauthorized";
			case 403 -> "Forbidden";
			case 404 -> "Not Found";
			case 405 -> "Method Not Allowed";
			case 413 -> "Request Entity Too Large";
			case 429 -> "Too Many Requests";
			case 500 -> "Internal Server Error";
			case 502 -> "Bad Gateway";
			case 503 -> "Service Unavailable";
			case 504 -> "Gateway Timeout";
			default -> "Error";
		};
	}

	/** Stops at once; open connections are dropped. Calling it again does nothing. */
	@Override
	public void close() {
		if (!this.closed.compareAndSet(false, true)) {
			return;
		}
		try {
			this.server.close();
		}
		catch (IOException e) {
			// Closing anyway.
		}
		for (Socket s : this.open) {
			try {
				s.close();
			}
			catch (IOException e) {
				// Closing anyway.
			}
		}
		this.executor.shutdownNow();
		try {
			this.executor.awaitTermination(1, TimeUnit.SECONDS);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}

}
