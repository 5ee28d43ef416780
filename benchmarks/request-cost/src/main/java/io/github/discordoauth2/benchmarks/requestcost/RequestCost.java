package io.github.discordoauth2.benchmarks.requestcost;

import java.io.File;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.ToDoubleFunction;

import io.github.discordoauth2.benchmarks.requestcost.AppProcess.Spec;
import io.github.discordoauth2.benchmarks.requestcost.AppProcess.Stack;
import io.github.discordoauth2.benchmarks.requestcost.byhand.reactive.ByHandReactiveApp;
import io.github.discordoauth2.benchmarks.requestcost.byhand.servlet.ByHandServletApp;
import io.github.discordoauth2.benchmarks.requestcost.starter.reactive.StarterReactiveApp;
import io.github.discordoauth2.benchmarks.requestcost.starter.servlet.StarterServletApp;
import io.github.discordoauth2.test.FakeDiscord;
import org.jspecify.annotations.Nullable;

/**
 * What a controller's {@code AccessToken} costs per request, and what a login costs, in
 * the starter's applications against Spring Security's {@code oauth2Login()} set up by
 * hand, on Spring MVC and on WebFlux.
 *
 * <p>
 * On each stack the starter runs with its memory and its JDBC token store, and the
 * application set up by hand with Spring Security's in-memory authorized clients (the
 * baseline every application is compared with) and with its
 * {@code JdbcOAuth2AuthorizedClientService} on PostgreSQL (on WebFlux behind a
 * bounded-elastic adapter, Spring Security having no reactive JDBC service), so that a
 * JDBC application is also compared with the by-hand one that writes to a database too.
 *
 * <p>
 * Each application runs in a JVM of its own ({@link AppProcess}) and is logged in once
 * through FakeDiscord; wrk then loads {@code /tok} (the controller takes the user's token
 * and returns its scopes, without calling Discord) and {@code /plain} (authenticated,
 * takes nothing) with that session's cookie. A login slice has a few clients log in again
 * and again through FakeDiscord's auto-approved consent. Every (application, endpoint)
 * pair and every application's logins run in slices, round after round in a new shuffled
 * order, so that the machine's other load falls on all of them alike; the tables give the
 * median slice. Before that, the applications are warmed up until their JIT compilers are
 * nearly idle (or the warm-up time is up, which the output then says). For each slice the
 * harness also reads the application JVM's CPU time (its JIT compiler threads apart) and
 * PostgreSQL's, and counts the statements PostgreSQL ran ({@code pg_stat_statements}).
 * After the rounds, a batch of single requests counts the database statements of one
 * {@code /tok} and one {@code /plain} exactly. Every slice is also written to
 * {@code slices.csv}.
 *
 * <p>
 * Usage:
 * {@code RequestCost [rounds=5] [sliceSeconds=4] [warmupSeconds=150] [loginSliceSeconds=3]
 * [loginClients=4] [batch=500]}. Environment: {@code REQUESTCOST_WRK} (wrk's threads and
 * connections, default {@code -t2 -c8}), {@code REQUESTCOST_JVM} (the applications' JVM
 * options, default {@code -Xmx512m}), {@code REQUESTCOST_STACKS}
 * ({@code servlet,reactive}), {@code REQUESTCOST_DIR} (logs and the database, default
 * {@code target/requestcost}).
 */
public final class RequestCost {

	private static final List<String> ENDPOINTS = List.of("/tok", "/plain");

	/**
	 * The share of an application's CPU time below which its JIT compiler counts as done.
	 */
	private static final double QUIET = 0.05;

	/** The cell of an application's logins in a round. */
	private static final String LOGIN = "login";

	/** Spring Security's table for {@code JdbcOAuth2AuthorizedClientService}. */
	private static final String BY_HAND_SCHEMA = "classpath:org/springframework/security/oauth2/client/"
			+ "oauth2-client-schema-postgres.sql";

	private RequestCost() {
	}

	/** Runs everything and prints the tables. */
	public static void main(String[] args) throws Exception {
		Settings settings = Settings.parse(args);
		Path dir = Path.of(env("REQUESTCOST_DIR", "target/requestcost")).toAbsolutePath();
		Files.createDirectories(dir);
		Wrk wrk = new Wrk(Arrays.asList(env("REQUESTCOST_WRK", "-t2 -c8").trim().split("\\s+")));
		List<String> jvm = Arrays.asList(env("REQUESTCOST_JVM", "-Xmx512m").trim().split("\\s+"));
		List<String> stacks = Arrays.asList(env("REQUESTCOST_STACKS", "servlet,reactive").split(","));
		System.out.printf(Locale.ROOT,
				"== settings: %d rounds; in each, %d s per (application, endpoint) and %d s of logins per application "
						+ "(%d clients), in a shuffled order; warm-up until the JIT compilers are quiet, at most %d s; "
						+ "wrk %s; application JVMs %s; batch of %d requests for the database counts%n",
				settings.rounds(), settings.sliceSeconds(), settings.loginSeconds(), settings.loginClients(),
				settings.warmupSeconds(), String.join(" ", wrk.options()), String.join(" ", jvm), settings.batch());

		List<AppProcess> apps = new ArrayList<>();
		try (FakeDiscord fake = FakeDiscord.builder().demoData().autoApprove(true).allowLoopbackRedirects(true).start();
				Database database = Database.start(dir.resolve("pgdata"))) {
			Map<AppProcess, String> databases = new LinkedHashMap<>();
			long started = System.nanoTime();
			for (Spec spec : specs(stacks)) {
				List<String> appArgs = new ArrayList<>();
				if (spec.byHand()) {
					appArgs.addAll(List.of("--bench.discord.base-url=" + fake.baseUrl(),
							"--bench.discord.client-id=" + fake.clientId(),
							"--bench.discord.client-secret=" + fake.clientSecret()));
				}
				else {
					appArgs.addAll(List.of("--discord.oauth2.base-url=" + fake.baseUrl(),
							"--discord.oauth2.client-id=" + fake.clientId(),
							"--discord.oauth2.client-secret=" + fake.clientSecret(),
							// Only for the line that says which token store it took.
							"--logging.level.io.github.discordoauth2.autoconfigure=INFO"));
				}
				String databaseName = spec.key().replace('-', '_');
				if (spec.jdbc()) {
					appArgs.addAll(List.of("--spring.datasource.url=" + database.create(databaseName),
							"--spring.datasource.username=postgres", "--spring.datasource.password=postgres"));
				}
				if (spec.jdbc() && spec.byHand()) {
					// Spring Security's own table, made by Boot's SQL initialization as a
					// user would.
					appArgs.addAll(List.of("--bench.byhand.store=jdbc", "--spring.sql.init.mode=always",
							"--spring.sql.init.schema-locations=" + BY_HAND_SCHEMA));
				}
				else if (spec.jdbc()) {
					appArgs.add("--discord.oauth2.token-store.initialize-schema=always");
				}
				else if (!spec.byHand()) {
					appArgs.add("--discord.oauth2.token-store.type=memory");
				}
				AppProcess app = AppProcess.start(spec, System.getProperty("java.class.path"), jvm, appArgs,
						dir.resolve("logs"));
				apps.add(app);
				if (spec.jdbc()) {
					databases.put(app, databaseName);
				}
			}
			// All at once: on a busy machine, one after the other takes minutes.
			for (AppProcess app : apps) {
				app.awaitReady(Duration.ofMinutes(4));
				Spec spec = app.spec();
				System.out.printf(Locale.ROOT, "== %s (%s) answers on port %d after %.1f s, %d class path entries%s%n",
						spec.key(), spec.label(), app.port(), (System.nanoTime() - started) / 1e9,
						AppProcess.classPath(System.getProperty("java.class.path"), spec)
							.split(File.pathSeparator).length,
						spec.byHand() ? "" : "; " + app.storeLine());
			}
			System.out.println("== PostgreSQL CPU time " + (database.cpuKnown() ? "read from its processes"
					: "unknown (postmaster.pid not readable): the PostgreSQL CPU column is empty"));

			Map<AppProcess, String> cookies = new LinkedHashMap<>();
			for (AppProcess app : apps) {
				String cookie = new Browser().login(app.baseUrl());
				cookies.put(app, cookie);
				System.out.printf(Locale.ROOT, "== %s logged in once; /tok answers \"%s\"%n", app.spec().key(),
						probe(app, "/tok", cookie));
				probe(app, "/plain", cookie);
			}

			Path slicesFile = dir.resolve("slices.csv");
			System.out.println("== every slice, in the order run: " + slicesFile);
			try (PrintWriter log = new PrintWriter(Files.newBufferedWriter(slicesFile, StandardCharsets.UTF_8))) {
				log.println(
						"phase,application,endpoint,seconds,per_second,app_cpu_us,jit_cpu_us,postgres_cpu_us,p50_ms,"
								+ "p99_ms,requests_or_logins,errors_or_failures,timeouts,token_table_selects_or_statements");
				Harness harness = new Harness(settings, wrk, database, databases, cookies, log);
				runPhases(harness, apps);
			}
		}
		finally {
			apps.forEach(AppProcess::close);
		}
	}

	private static void runPhases(Harness harness, List<AppProcess> apps) throws Exception {
		System.out.println("== load average before the warm-up: " + loadAverage());
		harness.rounds(apps);
		Map<AppProcess, Map<String, double[]>> batches = harness.databaseBatches();
		System.out.println("== load average after the database batches: " + loadAverage());
		System.out.println();
		harness.print(apps, batches);
	}

	private static List<Spec> specs(List<String> stacks) {
		List<Spec> specs = new ArrayList<>();
		if (stacks.contains("servlet")) {
			specs.add(new Spec("servlet-byhand",
					"by hand: `oauth2Login()` + `@RegisteredOAuth2AuthorizedClient`, in-memory authorized clients",
					Stack.SERVLET, true, false, ByHandServletApp.class.getName()));
			specs.add(new Spec("servlet-memory", "starter, `AccessToken`, `token-store.type=memory`", Stack.SERVLET,
					false, false, StarterServletApp.class.getName()));
			specs.add(new Spec("servlet-jdbc", "starter, `AccessToken`, JDBC store on PostgreSQL", Stack.SERVLET, false,
					true, StarterServletApp.class.getName()));
			specs.add(new Spec("servlet-byhand-jdbc",
					"by hand: `oauth2Login()` + `@RegisteredOAuth2AuthorizedClient`, Spring Security's "
							+ "`JdbcOAuth2AuthorizedClientService` on PostgreSQL",
					Stack.SERVLET, true, true, ByHandServletApp.class.getName()));
		}
		if (stacks.contains("reactive")) {
			specs.add(new Spec("reactive-byhand",
					"by hand: `oauth2Login()` + `@RegisteredOAuth2AuthorizedClient`, in-memory authorized clients",
					Stack.REACTIVE, true, false, ByHandReactiveApp.class.getName()));
			specs.add(new Spec("reactive-memory", "starter, `ReactiveAccessToken`, `token-store.type=memory`",
					Stack.REACTIVE, false, false, StarterReactiveApp.class.getName()));
			specs.add(new Spec("reactive-jdbc", "starter, `ReactiveAccessToken`, JDBC store on PostgreSQL",
					Stack.REACTIVE, false, true, StarterReactiveApp.class.getName()));
			specs.add(new Spec("reactive-byhand-jdbc",
					"by hand: `oauth2Login()` + `@RegisteredOAuth2AuthorizedClient`, Spring Security's "
							+ "`JdbcOAuth2AuthorizedClientService` on PostgreSQL behind a bounded-elastic adapter",
					Stack.REACTIVE, true, true, ByHandReactiveApp.class.getName()));
		}
		return specs;
	}

	/**
	 * One request with the session, which must answer 200 with what the endpoint returns.
	 * @return the body
	 */
	static String probe(AppProcess app, String endpoint, String cookie) {
		Http.Answer answer = Http.get(URI.create(app.baseUrl() + endpoint), cookie);
		String expected = endpoint.equals("/tok") ? "identify" : "plain";
		if (answer.status() != 200 || !answer.body().contains(expected)) {
			throw new IllegalStateException(app.spec().key() + endpoint + " answered " + answer.status()
					+ " (expected 200 and \"" + expected + "\"): the session is not logged in");
		}
		return answer.body().trim();
	}

	static String loadAverage() {
		try {
			String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
			return parts[0] + " " + parts[1] + " " + parts[2];
		}
		catch (java.io.IOException | RuntimeException ex) {
			return "unknown";
		}
	}

	private static String env(String name, String fallback) {
		String value = System.getenv(name);
		return (value == null || value.isBlank()) ? fallback : value;
	}

	/**
	 * The command line.
	 */
	record Settings(int rounds, int sliceSeconds, int warmupSeconds, int loginSeconds, int loginClients, int batch) {

		static Settings parse(String[] args) {
			int[] values = { 5, 4, 150, 3, 4, 500 };
			for (int i = 0; i < Math.min(args.length, values.length); i++) {
				values[i] = Integer.parseInt(args[i]);
			}
			return new Settings(values[0], values[1], values[2], values[3], values[4], values[5]);
		}

	}

	/**
	 * One request slice.
	 *
	 * @param perSecond requests per second
	 * @param appCpuMicros the application JVM's CPU time per request, its JIT compiler
	 * threads left out
	 * @param jitMicros the JIT compiler threads' CPU time per request
	 * @param databaseCpuMicros PostgreSQL's CPU time per request
	 * @param p50Millis median latency
	 * @param p99Millis 99th percentile latency
	 * @param requests requests answered
	 * @param errors wrk's socket errors and answers of 400 or more
	 * @param timeouts requests over wrk's timeout
	 * @param reads SELECTs of the token table during the slice (JDBC applications)
	 */
	record Slice(double perSecond, double appCpuMicros, double jitMicros, double databaseCpuMicros, double p50Millis,
			double p99Millis, long requests, long errors, long timeouts, long reads) {
	}

	/**
	 * One login slice.
	 *
	 * @param perSecond completed logins per second
	 * @param appCpuMillis the application JVM's CPU time per login, its JIT compiler
	 * threads left out
	 * @param jitMillis the JIT compiler threads' CPU time per login
	 * @param databaseCpuMillis PostgreSQL's CPU time per login
	 * @param logins completed logins
	 * @param failures logins that failed
	 * @param statements the database's statements during the slice (JDBC applications)
	 */
	record LoginSlice(double perSecond, double appCpuMillis, double jitMillis, double databaseCpuMillis, long logins,
			long failures, Database.@Nullable Counts statements) {
	}

	/** The rounds, and the tables. */
	private static final class Harness {

		private final Settings settings;

		private final Wrk wrk;

		private final Database database;

		private final Map<AppProcess, String> databases;

		private final Map<AppProcess, String> cookies;

		private final Map<AppProcess, Map<String, List<Slice>>> slices = new LinkedHashMap<>();

		private final Map<AppProcess, List<LoginSlice>> loginSlices = new LinkedHashMap<>();

		private final List<String> loginFailures = new ArrayList<>();

		private final PrintWriter log;

		/** What the slices now running are for, in {@code slices.csv}. */
		private String phase = "warm-up";

		Harness(Settings settings, Wrk wrk, Database database, Map<AppProcess, String> databases,
				Map<AppProcess, String> cookies, PrintWriter log) {
			this.log = log;
			this.settings = settings;
			this.wrk = wrk;
			this.database = database;
			this.databases = databases;
			this.cookies = cookies;
		}

		/**
		 * The rounds: every (application, endpoint) pair and every application's logins,
		 * in a new shuffled order each round, after the warm-up.
		 */
		void rounds(List<AppProcess> apps) throws Exception {
			List<Map.Entry<AppProcess, String>> cells = new ArrayList<>();
			for (AppProcess app : apps) {
				for (String endpoint : ENDPOINTS) {
					cells.add(Map.entry(app, endpoint));
				}
				cells.add(Map.entry(app, LOGIN));
			}
			warmUp(apps, cells);
			for (int round = 0; round < this.settings.rounds(); round++) {
				this.phase = "round " + (round + 1);
				Collections.shuffle(cells);
				for (Map.Entry<AppProcess, String> cell : cells) {
					if (cell.getValue().equals(LOGIN)) {
						this.loginSlices.computeIfAbsent(cell.getKey(), (a) -> new ArrayList<>())
							.add(loginSlice(cell.getKey(), this.settings.loginSeconds()));
					}
					else {
						this.slices.computeIfAbsent(cell.getKey(), (a) -> new LinkedHashMap<>())
							.computeIfAbsent(cell.getValue(), (e) -> new ArrayList<>())
							.add(slice(cell.getKey(), cell.getValue(), this.settings.sliceSeconds()));
					}
				}
				System.out.printf(Locale.ROOT, "== round %d of %d done; load average %s%n", round + 1,
						this.settings.rounds(), loadAverage());
			}
		}

		/**
		 * Passes over every cell, slices as long as the measured ones, until an
		 * application's JIT compiler took less than {@value #QUIET} of its CPU time in
		 * each of its request and login slices of a pass (it then sits out the later
		 * passes), or the warm-up's time is up (the first pass always runs to its end).
		 * On a busy machine the compiler threads get their turn late, and an application
		 * still compiling would be measured half warm.
		 */
		private void warmUp(List<AppProcess> apps, List<Map.Entry<AppProcess, String>> cells) throws Exception {
			long start = System.nanoTime();
			long deadline = start + this.settings.warmupSeconds() * 1_000_000_000L;
			Map<AppProcess, Double> compiling = new LinkedHashMap<>();
			Map<AppProcess, Integer> passes = new LinkedHashMap<>();
			apps.forEach((app) -> compiling.put(app, 1.0));
			List<Map.Entry<AppProcess, String>> order = new ArrayList<>(cells);
			boolean first = true;
			while (System.nanoTime() - deadline < 0) {
				Collections.shuffle(order);
				Map<AppProcess, Double> share = new LinkedHashMap<>();
				for (Map.Entry<AppProcess, String> cell : order) {
					AppProcess app = cell.getKey();
					if (Objects.requireNonNull(compiling.get(app)) < QUIET) {
						continue;
					}
					if (!first && System.nanoTime() - deadline >= 0) {
						break;
					}
					if (cell.getValue().equals(LOGIN)) {
						// The login code is other code than the requests': it warms on
						// its
						// own, and a warm /tok says nothing about it.
						LoginSlice logins = loginSlice(app, this.settings.loginSeconds());
						share.merge(app, logins.jitMillis() / (logins.jitMillis() + logins.appCpuMillis()), Math::max);
						continue;
					}
					Slice slice = slice(app, cell.getValue(), this.settings.sliceSeconds());
					share.merge(app, slice.jitMicros() / (slice.jitMicros() + slice.appCpuMicros()), Math::max);
				}
				share.forEach((app, jit) -> {
					compiling.put(app, jit);
					passes.merge(app, 1, Integer::sum);
				});
				first = false;
				if (compiling.values().stream().allMatch((jit) -> jit < QUIET)) {
					break;
				}
			}
			StringBuilder summary = new StringBuilder();
			compiling
				.forEach(
						(app, jit) -> summary
							.append(String.format(Locale.ROOT, "%n   %s: %d pass(es), %s", app.spec().key(),
									passes.getOrDefault(app, 0),
									(jit < QUIET)
											? String.format(Locale.ROOT, "JIT %.0f%% of its CPU in the last", 100 * jit)
											: String.format(Locale.ROOT,
													"STILL COMPILING (JIT up to %.0f%% of its CPU in a slice of "
															+ "the last pass) when the warm-up time ran out",
													100 * jit))));
			System.out.printf(Locale.ROOT, "== warm-up took %.0f s; load average %s%s%n",
					(System.nanoTime() - start) / 1e9, loadAverage(), summary);
		}

		private Slice slice(AppProcess app, String endpoint, int seconds) throws Exception {
			String cookie = Objects.requireNonNull(this.cookies.get(app));
			String databaseName = this.databases.get(app);
			Database.Counts before = (databaseName != null) ? this.database.counts(databaseName) : null;
			AppProcess.Cpu appCpu = app.cpu();
			long databaseCpu = this.database.cpuNanos();
			Wrk.Result result = this.wrk.run(app.baseUrl() + endpoint, cookie, seconds);
			appCpu = app.cpu().minus(appCpu);
			databaseCpu = this.database.cpuNanos() - databaseCpu;
			long reads = 0;
			if (databaseName != null && before != null) {
				reads = this.database.counts(databaseName).minus(before).reads();
			}
			// wrk counts a redirect (to the login) as a success: the session must still
			// be logged in.
			probe(app, endpoint, cookie);
			long n = Math.max(1, result.requests());
			Slice slice = new Slice(result.perSecond(), (appCpu.nanos() - appCpu.compilerNanos()) / 1000.0 / n,
					appCpu.compilerNanos() / 1000.0 / n, databaseCpu / 1000.0 / n, result.p50Millis(),
					result.p99Millis(), result.requests(), result.socketErrors() + result.non2xx(), result.timeouts(),
					reads);
			this.log.printf(Locale.ROOT, "%s,%s,%s,%d,%.1f,%.1f,%.1f,%.1f,%.3f,%.3f,%d,%d,%d,%d%n", this.phase,
					app.spec().key(), endpoint, seconds, slice.perSecond(), slice.appCpuMicros(), slice.jitMicros(),
					slice.databaseCpuMicros(), slice.p50Millis(), slice.p99Millis(), slice.requests(), slice.errors(),
					slice.timeouts(), slice.reads());
			this.log.flush();
			return slice;
		}

		/**
		 * Single requests, one after the other, so that every statement the database ran
		 * belongs to one of them.
		 * @return per JDBC application and endpoint: reads, locks, writes and all
		 * statements per request
		 */
		Map<AppProcess, Map<String, double[]>> databaseBatches() throws Exception {
			Map<AppProcess, Map<String, double[]>> batches = new LinkedHashMap<>();
			for (Map.Entry<AppProcess, String> entry : this.databases.entrySet()) {
				AppProcess app = entry.getKey();
				for (String endpoint : ENDPOINTS) {
					Database.Counts before = this.database.counts(entry.getValue());
					for (int i = 0; i < this.settings.batch(); i++) {
						probe(app, endpoint, Objects.requireNonNull(this.cookies.get(app)));
					}
					Database.Counts counts = this.database.counts(entry.getValue()).minus(before);
					double n = this.settings.batch();
					batches.computeIfAbsent(app, (a) -> new LinkedHashMap<>())
						.put(endpoint, new double[] { counts.reads() / n, counts.locks() / n, counts.writes() / n,
								counts.all() / n });
				}
			}
			return batches;
		}

		private LoginSlice loginSlice(AppProcess app, int seconds) throws Exception {
			String databaseName = this.databases.get(app);
			Database.Counts before = (databaseName != null) ? this.database.counts(databaseName) : null;
			AtomicLong logins = new AtomicLong();
			AtomicLong failures = new AtomicLong();
			AtomicReference<String> firstFailure = new AtomicReference<>();
			CountDownLatch go = new CountDownLatch(1);
			long[] deadline = new long[1];
			List<Thread> clients = new ArrayList<>();
			for (int i = 0; i < this.settings.loginClients(); i++) {
				Thread client = new Thread(() -> {
					try {
						go.await();
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
						return;
					}
					while (System.nanoTime() - deadline[0] < 0) {
						try {
							new Browser().login(app.baseUrl());
							logins.incrementAndGet();
						}
						catch (RuntimeException ex) {
							failures.incrementAndGet();
							firstFailure.compareAndSet(null, app.spec().key() + ": " + ex.getMessage());
						}
					}
				});
				client.start();
				clients.add(client);
			}
			AppProcess.Cpu appCpu = app.cpu();
			long databaseCpu = this.database.cpuNanos();
			long start = System.nanoTime();
			deadline[0] = start + seconds * 1_000_000_000L;
			go.countDown();
			for (Thread client : clients) {
				client.join();
			}
			double elapsed = (System.nanoTime() - start) / 1e9;
			appCpu = app.cpu().minus(appCpu);
			databaseCpu = this.database.cpuNanos() - databaseCpu;
			Database.Counts statements = (databaseName != null && before != null)
					? this.database.counts(databaseName).minus(before) : null;
			String failure = firstFailure.get();
			if (failure != null && this.loginFailures.size() < 10) {
				this.loginFailures.add(failure);
			}
			long n = Math.max(1, logins.get());
			LoginSlice slice = new LoginSlice(logins.get() / elapsed,
					(appCpu.nanos() - appCpu.compilerNanos()) / 1e6 / n, appCpu.compilerNanos() / 1e6 / n,
					databaseCpu / 1e6 / n, logins.get(), failures.get(), statements);
			this.log.printf(Locale.ROOT, "%s,%s,login,%d,%.1f,%.1f,%.1f,%.1f,,,%d,%d,,%s%n", this.phase,
					app.spec().key(), seconds, slice.perSecond(), 1000 * slice.appCpuMillis(), 1000 * slice.jitMillis(),
					1000 * slice.databaseCpuMillis(), slice.logins(), slice.failures(),
					(statements != null) ? Long.toString(statements.all()) : "");
			this.log.flush();
			return slice;
		}

		void print(List<AppProcess> apps, Map<AppProcess, Map<String, double[]>> batches) {
			System.out.println("Requests per second with wrk (" + String.join(" ", this.wrk.options())
					+ "), median slice (lowest–highest), and the share of the by-hand application's on the same stack "
					+ "(in-memory authorized clients); for `/tok` also the share of the by-hand application's with "
					+ "the same kind of store (JDBC or memory):");
			System.out.println();
			System.out.println("| stack | application | `/tok` req/s | vs by hand | vs by hand, same store "
					+ "| `/plain` req/s | vs by hand |");
			System.out.println("|---|---|---:|---:|---:|---:|---:|");
			for (AppProcess app : apps) {
				StringBuilder row = new StringBuilder(
						"| " + app.spec().stack().label() + " | " + app.spec().label() + " |");
				for (String endpoint : ENDPOINTS) {
					List<Slice> own = slices(app, endpoint);
					List<Slice> byHand = slices(byHand(apps, app), endpoint);
					double median = median(own, Slice::perSecond);
					row.append(String.format(Locale.ROOT, " %,.0f (%,.0f–%,.0f) | %.2f |", median,
							min(own, Slice::perSecond), max(own, Slice::perSecond),
							median / median(byHand, Slice::perSecond)));
					if (endpoint.equals("/tok")) {
						AppProcess sameStore = byHandSameStore(apps, app);
						row.append(' ')
							.append((sameStore != null) ? String.format(Locale.ROOT, "%.2f",
									median / median(slices(sameStore, endpoint), Slice::perSecond)) : "–")
							.append(" |");
					}
				}
				System.out.println(row);
			}
			System.out.println();
			System.out.println("CPU time per request, median slice, in µs: the application's JVM without its JIT "
					+ "compiler threads, and PostgreSQL's processes (JDBC applications); the by-hand application's "
					+ "`/tok` CPU divided by this one's (application and PostgreSQL), which is the share of the "
					+ "by-hand application's requests per second this one would make where the CPU is what runs out; "
					+ "the JIT compiler threads apart; latency "
					+ "percentiles from wrk, median slice; errors over all slices (socket errors and answers of 400 or "
					+ "more; timeouts: requests over wrk's 2 s):");
			System.out.println();
			System.out.println("| stack | application | `/tok` app CPU µs | `/plain` app CPU µs | `/tok` − `/plain` "
					+ "| `/tok` PostgreSQL CPU µs | `/tok`: by hand's CPU ÷ this one's | JIT µs, `/tok` / `/plain` "
					+ "| `/tok` p50 / p99 ms | `/plain` p50 / p99 ms | requests | errors | timeouts |");
			System.out.println("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
			for (AppProcess app : apps) {
				List<Slice> tok = slices(app, "/tok");
				List<Slice> plain = slices(app, "/plain");
				double tokCpu = median(tok, Slice::appCpuMicros);
				double plainCpu = median(plain, Slice::appCpuMicros);
				// What the request costs the machine: with the JDBC store, PostgreSQL's
				// share
				// too.
				double databaseCpu = app.spec().jdbc() ? median(tok, Slice::databaseCpuMicros) : 0;
				long requests = 0;
				long errors = 0;
				long timeouts = 0;
				for (Slice slice : concat(tok, plain)) {
					requests += slice.requests();
					errors += slice.errors();
					timeouts += slice.timeouts();
				}
				System.out.printf(Locale.ROOT,
						"| %s | %s | %.0f | %.0f | %+.0f | %s | %.2f | %.0f / %.0f | %.2f / %.2f | %.2f / %.2f | %,d "
								+ "| %,d | %,d |%n",
						app.spec().stack().label(), app.spec().label(), tokCpu, plainCpu, tokCpu - plainCpu,
						app.spec().jdbc() ? String.format(Locale.ROOT, "%.0f", databaseCpu) : "–",
						median(slices(byHand(apps, app), "/tok"), Slice::appCpuMicros) / (tokCpu + databaseCpu),
						median(tok, Slice::jitMicros), median(plain, Slice::jitMicros), median(tok, Slice::p50Millis),
						median(tok, Slice::p99Millis), median(plain, Slice::p50Millis), median(plain, Slice::p99Millis),
						requests, errors, timeouts);
			}
			System.out.println();
			System.out.println("Statements PostgreSQL ran (pg_stat_statements), per request: a batch of "
					+ this.settings.batch() + " single requests each, one after the other; and SELECTs of "
					+ "oauth2_authorized_client per /tok request over all wrk slices:");
			System.out.println();
			System.out.println("| stack | application | endpoint | SELECTs of `oauth2_authorized_client` | "
					+ "`SELECT ... FOR UPDATE` | INSERT/UPDATE/DELETE | all statements | under wrk: SELECTs per request |");
			System.out.println("|---|---|---|---:|---:|---:|---:|---:|");
			for (Map.Entry<AppProcess, Map<String, double[]>> entry : batches.entrySet()) {
				AppProcess app = entry.getKey();
				for (String endpoint : ENDPOINTS) {
					double[] perRequest = Objects.requireNonNull(entry.getValue().get(endpoint));
					long reads = 0;
					long requests = 0;
					for (Slice slice : slices(app, endpoint)) {
						reads += slice.reads();
						requests += slice.requests();
					}
					System.out.printf(Locale.ROOT,
							"| %s | %s | `%s` | %.3f | %.3f | %.3f | %.3f | %.3f (%,d / %,d) |%n",
							app.spec().stack().label(), app.spec().label(), endpoint, perRequest[0], perRequest[1],
							perRequest[2], perRequest[3], (double) reads / Math.max(1, requests), reads, requests);
				}
			}
			System.out.println();
			System.out
				.println("Logins through FakeDiscord (authorization redirect, FakeDiscord's auto-approved consent, "
						+ "callback: code exchange, user look-up, token store write, session), "
						+ this.settings.loginClients()
						+ " clients, one connection per request; median slice; vs by hand: "
						+ "the share of the in-memory by-hand application's logins/s on the same stack, same store: "
						+ "of the by-hand application's with the same kind of store (JDBC or memory):");
			System.out.println();
			System.out.println(
					"| stack | application | logins/s | vs by hand | vs by hand, same store | app CPU ms/login (JIT apart) "
							+ "| JIT ms/login | PostgreSQL CPU ms/login | statements per login (SELECT / lock / write / all) "
							+ "| logins | failed |");
			System.out.println("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
			for (AppProcess app : apps) {
				List<LoginSlice> own = Objects.requireNonNull(this.loginSlices.get(app));
				List<LoginSlice> byHand = Objects.requireNonNull(this.loginSlices.get(byHand(apps, app)));
				long logins = 0;
				long failures = 0;
				long reads = 0;
				long locks = 0;
				long writes = 0;
				long all = 0;
				for (LoginSlice slice : own) {
					logins += slice.logins();
					failures += slice.failures();
					Database.Counts counts = slice.statements();
					if (counts != null) {
						reads += counts.reads();
						locks += counts.locks();
						writes += counts.writes();
						all += counts.all();
					}
				}
				double median = median(own, LoginSlice::perSecond);
				AppProcess sameStore = byHandSameStore(apps, app);
				double n = Math.max(1, logins);
				System.out.printf(Locale.ROOT,
						"| %s | %s | %,.0f (%,.0f–%,.0f) | %.2f | %s | %.2f | %.2f | %s | %s | %,d | %,d |%n",
						app.spec().stack().label(), app.spec().label(), median, min(own, LoginSlice::perSecond),
						max(own, LoginSlice::perSecond), median / median(byHand, LoginSlice::perSecond),
						(sameStore != null) ? String.format(Locale.ROOT, "%.2f",
								median / median(Objects.requireNonNull(this.loginSlices.get(sameStore)),
										LoginSlice::perSecond))
								: "–",
						median(own, LoginSlice::appCpuMillis), median(own, LoginSlice::jitMillis),
						app.spec().jdbc()
								? String.format(Locale.ROOT, "%.2f", median(own, LoginSlice::databaseCpuMillis)) : "–",
						app.spec().jdbc() ? String.format(Locale.ROOT, "%.2f / %.2f / %.2f / %.2f", reads / n,
								locks / n, writes / n, all / n) : "–",
						logins, failures);
			}
			for (String failure : this.loginFailures) {
				System.out.println("- a failed login: " + failure);
			}
		}

		private List<Slice> slices(AppProcess app, String endpoint) {
			return Objects.requireNonNull(Objects.requireNonNull(this.slices.get(app)).get(endpoint));
		}

		/** The baseline: the first by-hand application of the stack, in-memory. */
		private static AppProcess byHand(List<AppProcess> apps, AppProcess app) {
			return apps.stream()
				.filter((other) -> other.spec().byHand() && other.spec().stack() == app.spec().stack())
				.findFirst()
				.orElseThrow();
		}

		/**
		 * The by-hand application of the stack that keeps the authorized clients where
		 * this one does (JDBC or memory), so that a JDBC application is also weighed
		 * against one that pays for a database too.
		 */
		private static @Nullable AppProcess byHandSameStore(List<AppProcess> apps, AppProcess app) {
			return apps.stream()
				.filter((other) -> other.spec().byHand() && other.spec().stack() == app.spec().stack()
						&& other.spec().jdbc() == app.spec().jdbc())
				.findFirst()
				.orElse(null);
		}

		private static List<Slice> concat(List<Slice> a, List<Slice> b) {
			List<Slice> all = new ArrayList<>(a);
			all.addAll(b);
			return all;
		}

		private static <T> double median(List<T> values, ToDoubleFunction<T> figure) {
			double[] sorted = values.stream().mapToDouble(figure).sorted().toArray();
			int n = sorted.length;
			return (n % 2 == 1) ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
		}

		private static <T> double min(List<T> values, ToDoubleFunction<T> figure) {
			return values.stream().mapToDouble(figure).min().orElse(Double.NaN);
		}

		private static <T> double max(List<T> values, ToDoubleFunction<T> figure) {
			return values.stream().mapToDouble(figure).max().orElse(Double.NaN);
		}

	}

}
