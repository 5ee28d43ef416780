package io.github.discordoauth2.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;

/**
 * The socket side of the fake: the JDK's HTTP server on its own thread pool, bound before
 * anything is routed so that the base URL is known to the endpoints.
 */
final class Listener implements AutoCloseable {

	private static final AtomicInteger INSTANCES = new AtomicInteger();

	private final HttpServer server;

	private final ExecutorService executor;

	private final String baseUrl;

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
			this.server = HttpServer.create(new InetSocketAddress(InetAddress.getByName(host), port), 64);
		}
		catch (IOException e) {
			executor.shutdownNow();
			throw new UncheckedIOException("FakeDiscord could not listen on " + host + ":" + port
					+ " (port taken? use port(0) for a random free port)", e);
		}
		server.setExecutor(executor);
		String shown = host.equals("0.0.0.0") ? "127.0.0.1" : host.contains(":") ? "[" + host + "]" : host;
		this.baseUrl = "http://" + shown + ":" + server.getAddress().getPort();
	}

	String baseUrl() {
		return baseUrl;
	}

	int port() {
		return server.getAddress().getPort();
	}

	void start(HttpHandler handler) {
		server.createContext("/", handler);
		server.start();
	}

	/** Stops at once; open connections are dropped. Calling it again does nothing. */
	@Override
	public void close() {
		if (!closed.compareAndSet(false, true)) {
			return;
		}
		server.stop(0);
		executor.shutdownNow();
		try {
			executor.awaitTermination(1, TimeUnit.SECONDS);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}

}
