package io.github.discordoauth2.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import io.github.discordoauth2.exceptions.Credential;

import org.springframework.http.HttpHeaders;

/**
 * Heap retained by the core's rate limiter with 100,000 distinct tokens, before and after
 * their windows are over. The limiter runs on a clock driven by hand, so the figures do
 * not depend on the machine's speed. It is package-private (not API), so this tool
 * reaches it by reflection. Usage: {@code LimiterMemory [tokens=100000]}.
 */
public final class LimiterMemory {

	private static final String CORE = "io.github.discordoauth2.";

	private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

	private final Object limiter;

	private final Method beforeRequest;

	private final Method afterResponse;

	private final Method size;

	private final Constructor<?> key;

	private final Method read;

	private LimiterMemory() throws ReflectiveOperationException {
		Class<?> limiterClass = Class.forName(CORE + "RateLimiter");
		Class<?> keyClass = Class.forName(CORE + "RateLimitKey");
		Class<?> responseClass = Class.forName(CORE + "RateLimitResponse");
		Constructor<?> constructor = limiterClass.getDeclaredConstructor(Duration.class, LongSupplier.class);
		constructor.setAccessible(true);
		LongSupplier clock = this.nanos::get;
		this.limiter = constructor.newInstance(Duration.ZERO, clock);
		this.beforeRequest = accessible(limiterClass.getDeclaredMethod("beforeRequest", keyClass, Duration.class));
		this.afterResponse = accessible(
				limiterClass.getDeclaredMethod("afterResponse", keyClass, responseClass, boolean.class));
		this.size = accessible(limiterClass.getDeclaredMethod("size"));
		this.key = keyClass.getDeclaredConstructor(String.class, String.class, Map.class, String.class, String.class,
				Credential.class);
		this.key.setAccessible(true);
		this.read = accessible(responseClass.getDeclaredMethod("read", int.class, HttpHeaders.class, byte[].class));
	}

	/** Prints a markdown table of entries and retained heap at each step. */
	public static void main(String[] args) throws Exception {
		int tokens = (args.length > 0) ? Integer.parseInt(args[0]) : 100_000;
		System.out.println("| step | limiter entries | retained heap (MiB) | bytes per entry |");
		System.out.println("|---|---:|---:|---:|");

		LimiterMemory oneWindow = new LimiterMemory();
		long base = oneWindow.retainedHeap();
		oneWindow.row("empty limiter", base);
		Object open = oneWindow.answer(5, "60.0");
		for (int i = 0; i < tokens; i++) {
			oneWindow.call(i, open);
		}
		oneWindow.row(String.format(Locale.ROOT, "%,d tokens within one 60 s window", tokens), base);
		oneWindow.nanos.addAndGet(Duration.ofSeconds(61).toNanos());
		Object later = oneWindow.answer(1_000_000, "60.0");
		for (int i = 0; i < 20_000; i++) {
			oneWindow.call(-1, later);
		}
		oneWindow.row("after the windows are over and 20,000 more calls of one token", base);

		LimiterMemory flowing = new LimiterMemory();
		long flowingBase = flowing.retainedHeap();
		Object oneSecond = flowing.answer(5, "1.0");
		int most = 0;
		for (int i = 0; i < tokens; i++) {
			flowing.call(i, oneSecond);
			flowing.nanos.addAndGet(Duration.ofMillis(1).toNanos());
			most = Math.max(most, flowing.entries());
		}
		flowing.row(String.format(Locale.ROOT, "%,d tokens, one per ms, 1 s windows (at most %,d entries on the way)",
				tokens, most), flowingBase);
		System.out.printf(Locale.ROOT, "JVM %s, max heap %d MiB%n", System.getProperty("java.version"),
				Runtime.getRuntime().maxMemory() >> 20);
	}

	private void call(int token, Object answer) throws ReflectiveOperationException {
		Object key = this.key.newInstance("GET", "/users/@me", Map.of(), "", identity(token), Credential.USER_TOKEN);
		this.beforeRequest.invoke(this.limiter, key, Duration.ZERO);
		this.afterResponse.invoke(this.limiter, key, answer, true);
	}

	/** The 24-hex-digit form the core keeps of a credential. */
	private static String identity(int token) {
		return String.format(Locale.ROOT, "%024x", token & 0xffffffffL);
	}

	private Object answer(int limit, String resetAfter) throws ReflectiveOperationException {
		HttpHeaders headers = new HttpHeaders();
		headers.set("X-RateLimit-Limit", Integer.toString(limit));
		headers.set("X-RateLimit-Remaining", Integer.toString(limit - 1));
		headers.set("X-RateLimit-Reset-After", resetAfter);
		headers.set("X-RateLimit-Bucket", "abcd1234");
		return this.read.invoke(null, 200, headers, "{}".getBytes(StandardCharsets.UTF_8));
	}

	private int entries() throws ReflectiveOperationException {
		return (int) this.size.invoke(this.limiter);
	}

	private void row(String step, long base) throws ReflectiveOperationException {
		int entries = entries();
		long heap = retainedHeap() - base;
		System.out.printf(Locale.ROOT, "| %s | %,d | %.1f | %s |%n", step, entries, heap / 1048576.0,
				// Per entry only where entries dominate: an emptied map keeps its table.
				(entries >= 1_000) ? Long.toString(Math.max(0, heap) / entries) : "-");
	}

	private long retainedHeap() {
		long used = Long.MAX_VALUE;
		for (int i = 0; i < 5; i++) {
			System.gc();
			used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
		}
		// The limiter must stay reachable until it is measured.
		return used + ((this.limiter.hashCode() == 42) ? 1 : 0);
	}

	private static Method accessible(Method method) {
		method.setAccessible(true);
		return method;
	}

}
