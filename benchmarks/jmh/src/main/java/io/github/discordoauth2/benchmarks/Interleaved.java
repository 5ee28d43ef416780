package io.github.discordoauth2.benchmarks;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BiFunction;
import java.util.function.IntFunction;

import org.jspecify.annotations.Nullable;

/**
 * The overhead figures on a shared machine: JMH runs one variant after the other, so a
 * burst of someone else's build lands on whichever variant runs at that moment. This
 * harness measures every variant in short slices, round after round in a shuffled order,
 * so that the machine's load falls on all of them alike, and reports the median slice
 * (with the lowest and highest). It also reports the client's own CPU time per call (the
 * whole JVM's CPU time over the slice, divided by the calls), which the machine's load
 * disturbs far less than calls per second. Usage:
 * {@code Interleaved [threadCounts=1,8] [rounds=9] [sliceMillis=1500] [warmupMillis=3000]}.
 */
public final class Interleaved {

	static final com.sun.management.OperatingSystemMXBean PROCESS = (com.sun.management.OperatingSystemMXBean) ManagementFactory
		.getOperatingSystemMXBean();

	private Interleaved() {
	}

	/** Runs the rounds for each thread count and prints a markdown table. */
	public static void main(String[] args) throws Exception {
		Settings settings = Settings.parse(args);
		IdentifyBenchmark raw = new IdentifyBenchmark();
		raw.setUp();
		CoreBenchmark core = new CoreBenchmark();
		core.setUp();
		Map<String, Call> variants = new LinkedHashMap<>();
		variants.put("raw HttpURLConnection + Jackson", raw::rawHttpUrlConnection);
		variants.put("raw java.net.http.HttpClient + Jackson", raw::rawJdkHttpClient);
		variants.put("RestClient + SimpleClientHttpRequestFactory", raw::restClientSimple);
		variants.put("RestClient + JdkClientHttpRequestFactory", raw::restClientJdk);
		variants.put("RestClient + HttpComponentsClientHttpRequestFactory (extra dependency)",
				raw::restClientHttpComponents);
		variants.put("core fetchIdentify() (defaults)", core::coreFetchIdentify);
		variants.put("core fetchIdentify() on a RestClient.Builder with HttpComponents (extra dependency)",
				core::coreFetchIdentifyOnHttpComponents);

		Map<String, Variant> sliced = new LinkedHashMap<>();
		variants.forEach((name, call) -> sliced.put(name, (threads, millis) -> measure(call, threads, millis)));
		runAndPrint(sliced, settings);
		raw.tearDown();
		core.tearDown();

	}

	/**
	 * Measures every variant in slices, round after round in a shuffled order, and prints
	 * the calls per second and CPU per call tables. A variant whose name starts with
	 * "raw" is a baseline.
	 */
	static void runAndPrint(Map<String, Variant> variants, Settings settings) throws Exception {
		runAndPrint(variants, settings, (threads) -> threads + (threads == 1 ? " thread" : " threads"), List.of());
	}

	/**
	 * The same, with the columns named by {@code level} (for example "8 calls in
	 * flight"), and after the two tables one table for each extra figure a variant's
	 * slice reports after its calls per second and CPU per call.
	 */
	static void runAndPrint(Map<String, Variant> variants, Settings settings, IntFunction<String> level,
			List<Extra> extras) throws Exception {
		String[] threadCounts = settings.threadCounts();
		int rounds = settings.rounds();
		long sliceMillis = settings.sliceMillis();
		long warmupMillis = settings.warmupMillis();
		Map<String, Map<Integer, List<Double>>> results = new LinkedHashMap<>();
		Map<String, Map<Integer, List<Double>>> cpu = new LinkedHashMap<>();
		List<Map<String, Map<Integer, List<Double>>>> extraResults = new ArrayList<>();
		for (int i = 0; i < extras.size(); i++) {
			extraResults.add(new LinkedHashMap<>());
		}
		List<Integer> threadList = new ArrayList<>();
		for (String t : threadCounts) {
			int threads = Integer.parseInt(t.trim());
			threadList.add(threads);
			for (Variant variant : variants.values()) {
				variant.slice(threads, warmupMillis);
			}
			List<String> order = new ArrayList<>(variants.keySet());
			for (int round = 0; round < rounds; round++) {
				Collections.shuffle(order);
				for (String name : order) {
					double[] slice = Objects.requireNonNull(variants.get(name)).slice(threads, sliceMillis);
					results.computeIfAbsent(name, n -> new LinkedHashMap<>())
						.computeIfAbsent(threads, n -> new ArrayList<>())
						.add(slice[0]);
					cpu.computeIfAbsent(name, n -> new LinkedHashMap<>())
						.computeIfAbsent(threads, n -> new ArrayList<>())
						.add(slice[1]);
					for (int i = 0; i < extras.size(); i++) {
						extraResults.get(i)
							.computeIfAbsent(name, n -> new LinkedHashMap<>())
							.computeIfAbsent(threads, n -> new ArrayList<>())
							.add(slice[2 + i]);
					}
				}
			}
			System.err.printf(Locale.ROOT, "done: %s, load average %s%n", level.apply(threads), loadAverage());
		}
		System.out.println("Calls per second (higher is better):");
		System.out.println();
		printTable(results, threadList, level, "calls/s, median (min–max)", true);
		System.out.println();
		System.out.println("Client CPU time per call, in microseconds (lower is better):");
		System.out.println();
		printTable(cpu, threadList, level, "µs CPU/call, median (min–max)", false);
		for (int i = 0; i < extras.size(); i++) {
			Extra extra = extras.get(i);
			System.out.println();
			System.out.println(extra.title() + (extra.total() ? " (sum over the slices):" : ":"));
			System.out.println();
			printExtraTable(extraResults.get(i), threadList, level, extra);
		}
	}

	/** The 1, 5 and 15 minute load averages, as uptime prints them. */
	static String loadAverage() {
		try {
			String line = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg"));
			String[] parts = line.split(" ");
			return parts[0] + " " + parts[1] + " " + parts[2];
		}
		catch (java.io.IOException | RuntimeException ex) {
			return "unknown";
		}
	}

	private static void printTable(Map<String, Map<Integer, List<Double>>> results, List<Integer> threadList,
			IntFunction<String> level, String unit, boolean higherIsBetter) {
		printRows(results, threadList,
				(threads) -> String.format(Locale.ROOT, " %s: %s | vs best raw |", level.apply(threads), unit),
				"---:|---:|", (threads, slices) -> {
					double best = higherIsBetter ? 0 : Double.MAX_VALUE;
					for (Map.Entry<String, Map<Integer, List<Double>>> other : results.entrySet()) {
						if (other.getKey().startsWith("raw")) {
							double m = median(Objects.requireNonNull(other.getValue().get(threads)));
							best = higherIsBetter ? Math.max(best, m) : Math.min(best, m);
						}
					}
					double m = median(slices);
					// Both ratios read "share of the best raw baseline's throughput".
					double share = higherIsBetter ? m / best : best / m;
					return String.format(Locale.ROOT, " %,.0f (%,.0f–%,.0f) | %.0f%% |", m, Collections.min(slices),
							Collections.max(slices), 100 * share);
				});
	}

	private static void printExtraTable(Map<String, Map<Integer, List<Double>>> results, List<Integer> threadList,
			IntFunction<String> level, Extra extra) {
		printRows(results, threadList,
				(threads) -> String.format(
						Locale.ROOT, " %s: %s |", level.apply(threads), extra.total() ? "total" : "median (min–max)"),
				"---:|",
				(threads, slices) -> extra.total()
						? String.format(Locale.ROOT, " %,.0f |", slices.stream().mapToDouble(Double::doubleValue).sum())
						: String.format(Locale.ROOT, " %,.0f (%,.0f–%,.0f) |", median(slices), Collections.min(slices),
								Collections.max(slices)));
	}

	/**
	 * Prints a markdown table: a row per variant, the cells of each level side by side.
	 */
	private static void printRows(Map<String, Map<Integer, List<Double>>> results, List<Integer> threadList,
			IntFunction<String> columns, String rulePerLevel, BiFunction<Integer, List<Double>, String> cells) {
		StringBuilder header = new StringBuilder("| variant |");
		StringBuilder rule = new StringBuilder("|---|");
		for (int threads : threadList) {
			header.append(columns.apply(threads));
			rule.append(rulePerLevel);
		}
		System.out.println(header);
		System.out.println(rule);
		for (Map.Entry<String, Map<Integer, List<Double>>> entry : results.entrySet()) {
			StringBuilder row = new StringBuilder("| ").append(entry.getKey()).append(" |");
			for (int threads : threadList) {
				row.append(cells.apply(threads, Objects.requireNonNull(entry.getValue().get(threads))));
			}
			System.out.println(row);
		}
	}

	/**
	 * @return calls per second and the JVM's CPU microseconds per call over one slice
	 */
	static double[] measure(Call call, int threads, long millis) throws InterruptedException {
		return measure(call, threads, millis, null);
	}

	/**
	 * The same; with {@code errors}, a call that throws is counted there (not as a call)
	 * and the thread goes on, instead of failing the slice.
	 * @return calls per second and the JVM's CPU microseconds per call over one slice
	 */
	static double[] measure(Call call, int threads, long millis, @Nullable LongAdder errors)
			throws InterruptedException {
		LongAdder calls = new LongAdder();
		AtomicReference<Exception> failure = new AtomicReference<>();
		CountDownLatch start = new CountDownLatch(1);
		List<Thread> workers = new ArrayList<>();
		long[] window = new long[2];
		for (int i = 0; i < threads; i++) {
			Thread worker = new Thread(() -> {
				try {
					start.await();
					long end = window[1];
					while (System.nanoTime() - end < 0) {
						Object result;
						try {
							result = call.run();
						}
						catch (Exception ex) {
							if (errors == null) {
								throw ex;
							}
							errors.increment();
							continue;
						}
						if (result == null) {
							throw new IllegalStateException("no user");
						}
						calls.increment();
					}
				}
				catch (Exception ex) {
					failure.compareAndSet(null, ex);
				}
			});
			worker.start();
			workers.add(worker);
		}
		long cpuBefore = PROCESS.getProcessCpuTime();
		window[0] = System.nanoTime();
		window[1] = window[0] + millis * 1_000_000L;
		start.countDown();
		for (Thread worker : workers) {
			worker.join();
		}
		long elapsed = System.nanoTime() - window[0];
		long cpuNanos = PROCESS.getProcessCpuTime() - cpuBefore;
		if (failure.get() != null) {
			throw new IllegalStateException("a call failed", failure.get());
		}
		long n = Math.max(1, calls.sum());
		return new double[] { n * 1e9 / elapsed, cpuNanos / 1000.0 / n };
	}

	private static double median(List<Double> values) {
		List<Double> sorted = new ArrayList<>(values);
		Collections.sort(sorted);
		int n = sorted.size();
		return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
	}

	/**
	 * The command line of both harnesses:
	 * {@code [threadCounts=1,8] [rounds=9] [sliceMillis=1500] [warmupMillis=3000]}.
	 */
	record Settings(String[] threadCounts, int rounds, long sliceMillis, long warmupMillis) {

		static Settings parse(String[] args) {
			return new Settings((args.length > 0 ? args[0] : "1,8").split(","),
					args.length > 1 ? Integer.parseInt(args[1]) : 9, args.length > 2 ? Long.parseLong(args[2]) : 1500,
					args.length > 3 ? Long.parseLong(args[3]) : 3000);
		}

	}

	/**
	 * A further figure of each slice, at index {@code 2 + its position} of the slice's
	 * result.
	 *
	 * @param title what the figure is
	 * @param total whether to print the sum over the slices (counts, such as errors)
	 * rather than the median
	 */
	record Extra(String title, boolean total) {

	}

	/** One variant, measured one slice at a time. */
	@FunctionalInterface
	interface Variant {

		/**
		 * Runs the variant for a slice.
		 * @return calls per second and CPU microseconds per call over the slice, then any
		 * {@link Extra} figures
		 */
		double[] slice(int threads, long millis) throws Exception;

	}

	/** One call of a variant. */
	@FunctionalInterface
	interface Call {

		Object run() throws Exception;

	}

}
