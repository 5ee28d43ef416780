package io.github.discordoauth2.benchmarks;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

import io.github.discordoauth2.Client;
import io.github.discordoauth2.PartialAccessToken;
import io.github.discordoauth2.exceptions.RateLimitedException;
import io.github.discordoauth2.test.DemoData;
import io.github.discordoauth2.test.FakeDiscord;
import io.github.discordoauth2.test.RateLimits;
import io.github.discordoauth2.test.RecordedRequest;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Rate-limit efficiency: FakeDiscord enforces {@value #LIMIT} requests per
 * {@link #WINDOW} per route and token; N threads call {@code GET /users/@me} with one
 * token for D seconds. Prints how many calls went through against how many the limit
 * allows, and how many 429s Discord had to give, for the core and for a careful
 * hand-written client (each thread sleeps {@code retry_after} after a 429, as users of a
 * never-waiting library do). Usage: {@code RateLimitEfficiency [seconds=20] [threads=8]}.
 */
public final class RateLimitEfficiency {

	static final int LIMIT = 5;

	static final Duration WINDOW = Duration.ofSeconds(2);

	private RateLimitEfficiency() {
	}

	/** Runs both clients one after the other and prints a markdown table. */
	public static void main(String[] args) throws Exception {
		int seconds = (args.length > 0) ? Integer.parseInt(args[0]) : 20;
		int threads = (args.length > 1) ? Integer.parseInt(args[1]) : 8;
		Duration duration = Duration.ofSeconds(seconds);
		try (FakeDiscord fake = FakeDiscord.builder()
			.demoData()
			.rateLimits(RateLimits.builder().everyRoute(LIMIT, WINDOW).build())
			.start()) {
			Client client = Client.builder()
				.clientId(fake.clientId())
				.clientSecret(fake.clientSecret())
				.baseUrl(fake.baseUrl())
				.build();
			List<String> rows = new ArrayList<>();
			String coreToken = fake.createToken(DemoData.USER_ID, Set.of("identify")).accessToken();
			PartialAccessToken token = client.fromAccessToken(coreToken);
			rows.add(run("core fetchIdentify() (default max wait)", fake, threads, duration, token::fetchIdentify));

			String rawToken = fake.createToken(DemoData.USER_ID, Set.of("identify")).accessToken();
			HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
			rows.add(run("hand-written: sleep retry_after after each 429", fake, threads, duration,
					() -> naiveCall(http, fake.baseUrl(), rawToken)));

			System.out.printf(Locale.ROOT, "Limit: %d requests per %d ms per route and token; %d threads, %d s each.%n",
					LIMIT, WINDOW.toMillis(), threads, seconds);
			System.out.println("| client | calls answered 200 | allowed by the limit | efficiency | 429s received |"
					+ " refused before sending | other errors |");
			System.out.println("|---|---:|---:|---:|---:|---:|---:|");
			rows.forEach(System.out::println);
		}
	}

	private static String run(String name, FakeDiscord fake, int threads, Duration duration, Call call)
			throws InterruptedException {
		fake.clearJournal();
		fake.resetStats();
		AtomicLong refused = new AtomicLong();
		AtomicLong errors = new AtomicLong();
		CountDownLatch start = new CountDownLatch(1);
		Instant end = Instant.now().plus(duration);
		List<Thread> workers = new ArrayList<>();
		for (int i = 0; i < threads; i++) {
			Thread worker = new Thread(() -> {
				try {
					start.await();
				}
				catch (InterruptedException ex) {
					return;
				}
				while (Instant.now().isBefore(end)) {
					try {
						call.run();
					}
					catch (RateLimitedException ex) {
						refused.incrementAndGet();
					}
					catch (Exception ex) {
						errors.incrementAndGet();
					}
				}
			});
			worker.start();
			workers.add(worker);
		}
		Instant started = Instant.now();
		start.countDown();
		for (Thread worker : workers) {
			worker.join();
		}
		Instant stop = started.plus(duration);
		// Only answers inside the measured span count; a window is opened by its first
		// request.
		List<RecordedRequest> inSpan = fake.journal()
			.stream()
			.filter((r) -> r.path().endsWith("/users/@me") && !r.at().isBefore(started) && r.at().isBefore(stop))
			.toList();
		long ok = inSpan.stream().filter((r) -> r.status() == 200).count();
		long tooMany = fake.stats().rateLimited();
		long windows = (duration.toMillis() + WINDOW.toMillis() - 1) / WINDOW.toMillis();
		long allowed = windows * LIMIT;
		return String.format(Locale.ROOT, "| %s | %d | %d | %.1f%% | %d | %d | %d |", name, ok, allowed,
				100.0 * ok / allowed, tooMany, refused.get(), errors.get());
	}

	private static @Nullable Object naiveCall(HttpClient http, String baseUrl, String token) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/api/v10/users/@me"))
			.header("Authorization", "Bearer " + token)
			.header("User-Agent", Client.userAgent())
			.GET()
			.build();
		HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
		if (response.statusCode() == 429) {
			JsonNode body = BenchTarget.MAPPER.readTree(response.body());
			double retryAfter = body.path("retry_after").asDouble(1.0);
			Thread.sleep((long) Math.ceil(retryAfter * 1000));
			return null;
		}
		if (response.statusCode() != 200) {
			throw new IllegalStateException("status " + response.statusCode());
		}
		return BenchTarget.MAPPER.readValue(response.body(), BenchUser.class);
	}

	/** One call of the client under test. */
	@FunctionalInterface
	private interface Call {

		@Nullable Object run() throws Exception;

	}

}
