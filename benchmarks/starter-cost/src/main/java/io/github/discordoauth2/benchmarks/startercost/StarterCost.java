package io.github.discordoauth2.benchmarks.startercost;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Starts {@link MinimalWebApp} in fresh JVMs, once per variant per round (variants
 * alternate), and records Spring Boot's "process running for" time (JVM start until the
 * application is ready), its "Started in" time (context refresh) and the heap in use
 * after a full GC once it is ready. Prints medians as a markdown table, each variant
 * compared with the first. Usage:
 * {@code StarterCost <rounds> <label>|<classpath-file>|<app args separated by spaces> ...}.
 */
public final class StarterCost {

	private static final Pattern STARTED = Pattern
		.compile("Started MinimalWebApp in ([0-9.]+) seconds \\(process running for ([0-9.]+)\\)");

	private static final Pattern USED = Pattern.compile("used (\\d+)K");

	private StarterCost() {
	}

	/** Runs the rounds and prints the table. */
	public static void main(String[] args) throws Exception {
		int rounds = Integer.parseInt(args[0]);
		List<String> labels = new ArrayList<>();
		List<String> classpaths = new ArrayList<>();
		List<List<String>> appArgs = new ArrayList<>();
		for (int i = 1; i < args.length; i++) {
			String[] parts = args[i].split("\\|", 3);
			labels.add(parts[0]);
			classpaths.add(Files.readString(Path.of(parts[1])).trim());
			appArgs
				.add(parts.length > 2 && !parts[2].isBlank() ? Arrays.asList(parts[2].trim().split(" +")) : List.of());
		}
		List<List<double[]>> runs = new ArrayList<>();
		for (int v = 0; v < labels.size(); v++) {
			// One warm-up start of each fills the OS file cache, so that none pays for
			// the first disk reads.
			start(classpaths.get(v), appArgs.get(v));
			runs.add(new ArrayList<>());
		}
		for (int round = 0; round < rounds; round++) {
			for (int v = 0; v < labels.size(); v++) {
				runs.get(v).add(start(classpaths.get(v), appArgs.get(v)));
			}
		}
		System.out.println("| application | ready (JVM start → started), median | vs first | context refresh"
				+ " (\"Started in\"), median | heap used after full GC, median | jars on the class path |");
		System.out.println("|---|---:|---:|---:|---:|---:|");
		double baseReady = median(runs.get(0), 1);
		double baseHeap = median(runs.get(0), 2);
		for (int v = 0; v < labels.size(); v++) {
			double ready = median(runs.get(v), 1);
			double heap = median(runs.get(v), 2);
			System.out.printf(Locale.ROOT, "| %s | %.2f s | %+.0f%% | %.2f s | %.1f MiB (%+.1f) | %d |%n",
					labels.get(v), ready, 100 * (ready / baseReady - 1), median(runs.get(v), 0), heap / 1024,
					(heap - baseHeap) / 1024, jars(classpaths.get(v)));
		}
	}

	/**
	 * @return {started-in seconds, process-running-for seconds, used heap KiB after GC}
	 */
	private static double[] start(String classpath, List<String> appArgs) throws Exception {
		List<String> command = new ArrayList<>(
				List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m", "-cp",
						classpath, MinimalWebApp.class.getName(), "--server.port=0", "--spring.main.banner-mode=off"));
		command.addAll(appArgs);
		Process app = new ProcessBuilder(command).redirectErrorStream(true).start();
		try {
			BufferedReader out = new BufferedReader(
					new InputStreamReader(app.getInputStream(), StandardCharsets.UTF_8));
			StringBuilder log = new StringBuilder();
			for (String line = out.readLine(); line != null; line = out.readLine()) {
				log.append(line).append('\n');
				Matcher started = STARTED.matcher(line);
				if (started.find()) {
					double startedIn = Double.parseDouble(started.group(1));
					double runningFor = Double.parseDouble(started.group(2));
					jcmd(app.pid(), "GC.run");
					Matcher used = USED.matcher(jcmd(app.pid(), "GC.heap_info"));
					double usedKiB = used.find() ? Double.parseDouble(used.group(1)) : Double.NaN;
					return new double[] { startedIn, runningFor, usedKiB };
				}
			}
			throw new IllegalStateException("the application did not start:\n" + log);
		}
		finally {
			app.destroy();
			if (!app.waitFor(20, TimeUnit.SECONDS)) {
				app.destroyForcibly();
			}
		}
	}

	private static String jcmd(long pid, String command) throws IOException, InterruptedException {
		Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
				Long.toString(pid), command)
			.redirectErrorStream(true)
			.start();
		String output = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		jcmd.waitFor();
		return output;
	}

	private static double median(List<double[]> runs, int index) {
		List<Double> values = new ArrayList<>();
		for (double[] run : runs) {
			values.add(run[index]);
		}
		Collections.sort(values);
		int n = values.size();
		return n % 2 == 1 ? values.get(n / 2) : (values.get(n / 2 - 1) + values.get(n / 2)) / 2;
	}

	private static int jars(String classpath) {
		int count = 0;
		for (String entry : classpath.split(File.pathSeparator)) {
			if (entry.endsWith(".jar")) {
				count++;
			}
		}
		return count;
	}

}
