package io.github.discordoauth2.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import java.util.function.IntFunction;

import io.github.discordoauth2.Client;
import io.github.discordoauth2.PartialAccessToken;
import io.github.discordoauth2.RateLimitListener;
import io.github.discordoauth2.ReactiveClient;
import io.github.discordoauth2.ReactivePartialAccessToken;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.netty.http.HttpResources;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The blocking {@link Client} against the non-blocking {@link ReactiveClient} at a given
 * number of calls in flight, interleaved as in {@link Interleaved}. A blocking variant
 * runs one platform thread per call in flight; a reactive variant subscribes that many
 * independent chains from one thread, each sending its next call when its last one ends,
 * so the calls run on Reactor Netty's event loops. Caller (thread or chain) {@code i}
 * always uses token {@code i}, as concurrent requests of a web application come from
 * different users: each token is its own rate-limit bucket, and nginx's headers leave
 * every bucket room to spare. Besides calls per second and CPU per call, each slice
 * reports the peak of live JVM threads, the threads the calls ended on, the Reactor Netty
 * event loops alive, the calls that failed, and the waits of 10 ms or more and 429s the
 * core's rate limiter reported. Usage:
 * {@code ReactiveInterleaved [inFlight=1,8,256] [rounds=9] [sliceMillis=1500] [warmupMillis=3000]}.
 */
public final class ReactiveInterleaved {

	/** One token per caller, at most this many callers. */
	private static final int TOKENS = 256;

	private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

	/** Each kind of failure seen (type and message), and how often. */
	private static final Map<String, LongAdder> FAILURES = new ConcurrentHashMap<>();

	private ReactiveInterleaved() {
	}

	/** Builds the clients, runs the rounds and prints the tables. */
	public static void main(String[] args) throws Exception {
		Interleaved.Settings settings = Interleaved.Settings
			.parse((args.length > 0) ? args : new String[] { "1,8,256" });
		// WebClient.builder().build() runs on Reactor Netty's shared resources: the pool
		// of HttpResources (at least 500 connections) and its event loops. A pool made
		// with ConnectionProvider.builder() gets far fewer unless told.
		int sharedPool = HttpResources.get().maxConnections();
		int builderPool = ConnectionProvider.DEFAULT_POOL_MAX_CONNECTIONS;
		System.out.printf(Locale.ROOT,
				"Reactor Netty here: default WebClient's shared pool %d connections; ConnectionProvider.builder()"
						+ " default %d connections; pending acquires 2 × the pool; %d event loops%n",
				sharedPool, builderPool, LoopResources.DEFAULT_IO_WORKER_COUNT);
		IdentifyBenchmark raw = new IdentifyBenchmark();
		raw.setUp();
		ConnectionProvider small = ConnectionProvider.builder("bench-builder-defaults").build();
		// What Spring's ReactorClientHttpConnector() does, on that smaller pool.
		WebClient.Builder onSmallPool = WebClient.builder()
			.clientConnector(new ReactorClientHttpConnector(HttpClient.create(small).compress(true)));
		WebClient rawWebClient = WebClient.builder()
			.baseUrl(BenchTarget.BASE_URL)
			.defaultHeader(HttpHeaders.USER_AGENT, BenchTarget.USER_AGENT)
			.build();

		Map<String, Interleaved.Variant> variants = new LinkedHashMap<>();
		variants.put("raw HttpURLConnection + Jackson, a thread per call",
				blocking((caller) -> raw::rawHttpUrlConnection, null));
		Counted blocking = new Counted();
		PartialAccessToken[] blockingTokens = tokens(blocking.client()::fromAccessToken, PartialAccessToken[]::new);
		variants.put("core Client fetchIdentify(), a thread per call",
				blocking((caller) -> blockingTokens[caller]::fetchIdentify, blocking));
		Counted reactive = new Counted();
		ReactivePartialAccessToken[] reactiveTokens = tokens(ReactiveClient.of(reactive.client())::fromAccessToken,
				ReactivePartialAccessToken[]::new);
		variants.put("core ReactiveClient fetchIdentify(), default WebClient (pool of " + sharedPool + ")",
				reactive((chain) -> reactiveTokens[chain].fetchIdentify(), reactive));
		Counted reactiveSmall = new Counted();
		ReactivePartialAccessToken[] smallTokens = tokens(
				ReactiveClient.of(reactiveSmall.client(), onSmallPool)::fromAccessToken,
				ReactivePartialAccessToken[]::new);
		variants.put("core ReactiveClient fetchIdentify(), ConnectionProvider.builder() defaults (pool of "
				+ builderPool + ")", reactive((chain) -> smallTokens[chain].fetchIdentify(), reactiveSmall));
		variants.put("raw WebClient + Jackson, default WebClient (pool of " + sharedPool + ")",
				reactive((chain) -> rawWebClient.get()
					.uri(BenchTarget.PATH)
					.header(HttpHeaders.AUTHORIZATION, "Bearer " + BenchTarget.TOKEN)
					.accept(MediaType.APPLICATION_JSON)
					.retrieve()
					.bodyToMono(byte[].class)
					.map((body) -> BenchTarget.MAPPER.readValue(body, BenchUser.class)), null));
		for (Interleaved.Variant variant : variants.values()) {
			// Fails early, before any slice, if a variant cannot reach the server.
			double[] check = variant.slice(1, 200);
			if (check[5] > 0) {
				throw new IllegalStateException("a variant failed against " + BenchTarget.URL);
			}
		}
		System.err.println("== clients ready; load average " + Interleaved.loadAverage());
		try {
			Interleaved.runAndPrint(variants, settings, (n) -> n + ((n == 1) ? " call in flight" : " calls in flight"),
					List.of(new Interleaved.Extra("Peak live JVM threads during the slice", false),
							new Interleaved.Extra("Threads the calls ended on (calling threads, or event loops)",
									false),
							new Interleaved.Extra("Reactor Netty event-loop threads alive (reactor-http-*)", false),
							new Interleaved.Extra("Failed calls", true),
							new Interleaved.Extra("Waits of 10 ms or more the rate limiter reported", true),
							new Interleaved.Extra("429 answers", true)));
		}
		finally {
			raw.tearDown();
			small.dispose();
		}
		System.out.println();
		System.out.println("Kinds of failure: " + (FAILURES.isEmpty() ? "none" : ""));
		FAILURES.forEach((kind, count) -> System.out.printf(Locale.ROOT, "- %,d × %s%n", count.sum(), kind));
	}

	private static <T> T[] tokens(Function<String, T> wrap, IntFunction<T[]> array) {
		T[] tokens = array.apply(TOKENS);
		for (int i = 0; i < TOKENS; i++) {
			tokens[i] = wrap.apply(BenchTarget.TOKEN + "-" + i);
		}
		return tokens;
	}

	/**
	 * A thread per call in flight, each sending its next call when its last one returns
	 * ({@link Interleaved#measure}); a failed call is counted, and the thread goes on.
	 */
	private static Interleaved.Variant blocking(IntFunction<Interleaved.Call> callOfCaller, @Nullable Counted counted) {
		return (threads, millis) -> {
			AtomicInteger nextCaller = new AtomicInteger();
			// Threads are new in every slice, so each takes the next caller's call.
			ThreadLocal<Interleaved.Call> mine = ThreadLocal
				.withInitial(() -> callOfCaller.apply(nextCaller.getAndIncrement()));
			Set<Thread> endedOn = ConcurrentHashMap.newKeySet();
			LongAdder errors = new LongAdder();
			long[] limiterBefore = limiter(counted);
			THREADS.resetPeakThreadCount();
			double[] slice = Interleaved.measure(() -> {
				Object user;
				try {
					user = mine.get().run();
				}
				catch (Exception ex) {
					failed(ex);
					throw ex;
				}
				endedOn.add(Thread.currentThread());
				return user;
			}, threads, millis, errors);
			return figures(slice[0], slice[1], endedOn.size(), errors.sum(), limiterBefore, counted);
		};
	}

	/**
	 * As many independent chains as calls in flight, all subscribed from this thread;
	 * each sends its next call when its last one ends (on whichever thread that is),
	 * until the slice is over. A failed call is counted, and its chain goes on at once.
	 */
	private static Interleaved.Variant reactive(IntFunction<Mono<?>> callOfChain, @Nullable Counted counted) {
		return (inFlight, millis) -> {
			LongAdder calls = new LongAdder();
			LongAdder errors = new LongAdder();
			AtomicReference<@Nullable Throwable> broken = new AtomicReference<>();
			Set<Thread> endedOn = ConcurrentHashMap.newKeySet();
			CountDownLatch done = new CountDownLatch(inFlight);
			long[] limiterBefore = limiter(counted);
			THREADS.resetPeakThreadCount();
			long cpuBefore = Interleaved.PROCESS.getProcessCpuTime();
			long started = System.nanoTime();
			long end = started + millis * 1_000_000L;
			for (int chain = 0; chain < inFlight; chain++) {
				Mono<?> call = callOfChain.apply(chain);
				Mono.defer(() -> call).doOnNext((user) -> {
					calls.increment();
					endedOn.add(Thread.currentThread());
				}).onErrorResume((ex) -> {
					failed(ex);
					errors.increment();
					return Mono.empty();
				}).repeat(() -> System.nanoTime() - end < 0).subscribe(null, (ex) -> {
					broken.compareAndSet(null, ex);
					done.countDown();
				}, done::countDown);
			}
			if (!done.await(millis + 60_000, TimeUnit.MILLISECONDS)) {
				throw new IllegalStateException("calls still in flight a minute after the slice");
			}
			long elapsed = System.nanoTime() - started;
			long cpuNanos = Interleaved.PROCESS.getProcessCpuTime() - cpuBefore;
			Throwable failure = broken.get();
			if (failure != null) {
				throw new IllegalStateException("a chain broke", failure);
			}
			long n = Math.max(1, calls.sum());
			return figures(n * 1e9 / elapsed, cpuNanos / 1000.0 / n, endedOn.size(), errors.sum(), limiterBefore,
					counted);
		};
	}

	private static void failed(Throwable ex) {
		String message = String.valueOf(ex.getMessage());
		String kind = ex.getClass().getName() + ": " + message.substring(0, Math.min(message.length(), 200));
		FAILURES.computeIfAbsent(kind, (k) -> new LongAdder()).increment();
	}

	private static long[] limiter(@Nullable Counted counted) {
		return (counted != null) ? new long[] { counted.waits.sum(), counted.tooMany.sum() } : new long[2];
	}

	private static double[] figures(double callsPerSecond, double cpuMicrosPerCall, int endedOn, long errors,
			long[] limiterBefore, @Nullable Counted counted) {
		long[] limiterAfter = limiter(counted);
		int eventLoops = 0;
		for (Thread thread : Thread.getAllStackTraces().keySet()) {
			if (thread.getName().startsWith("reactor-http-")) {
				eventLoops++;
			}
		}
		return new double[] { callsPerSecond, cpuMicrosPerCall, THREADS.getPeakThreadCount(), endedOn, eventLoops,
				errors, limiterAfter[0] - limiterBefore[0], limiterAfter[1] - limiterBefore[1] };
	}

	/**
	 * A {@link Client} of the core's defaults against nginx, counting what its rate
	 * limiter reports.
	 */
	private static final class Counted implements RateLimitListener {

		final LongAdder waits = new LongAdder();

		final LongAdder tooMany = new LongAdder();

		private final Client client = Client.builder()
			.clientId(1100000000000000001L)
			.clientSecret("bench-client-secret")
			.baseUrl(BenchTarget.BASE_URL)
			.rateLimitListener(this)
			.build();

		Client client() {
			return this.client;
		}

		@Override
		public void onWait(String method, String route, Duration waited) {
			this.waits.increment();
		}

		@Override
		public void onRateLimited(String method, String route, boolean global) {
			this.tooMany.increment();
		}

	}

}
