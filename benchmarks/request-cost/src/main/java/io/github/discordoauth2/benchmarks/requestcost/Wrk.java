package io.github.discordoauth2.benchmarks.requestcost;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs wrk, the load generator users measure with, with the session's cookie, and reads
 * its summary.
 */
final class Wrk {

	private static final Pattern REQUESTS = Pattern.compile("(\\d+) requests in ([0-9.]+)(us|ms|s|m)");

	private static final Pattern PERCENTILE = Pattern.compile("^\\s*(50|99)(?:\\.000)?%\\s+([0-9.]+)(us|ms|s|m)\\s*$");

	private static final Pattern SOCKET_ERRORS = Pattern
		.compile("Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)");

	private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses: (\\d+)");

	private final List<String> options;

	/**
	 * @param options wrk's threads and connections, for example {@code -t2 -c8}
	 */
	Wrk(List<String> options) {
		this.options = List.copyOf(options);
	}

	/**
	 * One slice.
	 *
	 * @param requests the answers wrk received
	 * @param seconds the slice's length as wrk measured it
	 * @param p50Millis the median latency
	 * @param p99Millis the 99th percentile latency
	 * @param socketErrors connect, read, write errors and timeouts together
	 * @param timeouts the requests that took longer than wrk's timeout (2 s)
	 * @param non2xx answers with a status of 400 or more (wrk counts 3xx as success)
	 */
	record Result(long requests, double seconds, double p50Millis, double p99Millis, long socketErrors, long timeouts,
			long non2xx) {

		double perSecond() {
			return this.requests / this.seconds;
		}

	}

	/** wrk's threads and connections. */
	List<String> options() {
		return this.options;
	}

	/** Loads {@code url} for {@code seconds}, every request with the session's cookie. */
	Result run(String url, String cookie, int seconds) throws InterruptedException {
		List<String> command = new ArrayList<>(List.of("wrk"));
		command.addAll(this.options);
		command.addAll(List.of("-d" + seconds + "s", "--latency", "-H", "Cookie: " + cookie, url));
		String output;
		try {
			Process wrk = new ProcessBuilder(command).redirectErrorStream(true).start();
			output = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			if (wrk.waitFor() != 0) {
				throw new IllegalStateException("wrk failed:\n" + output);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("could not run wrk (apt-get install wrk)", ex);
		}
		return parse(output);
	}

	static Result parse(String output) {
		long requests = -1;
		double seconds = 0;
		double p50 = Double.NaN;
		double p99 = Double.NaN;
		long socketErrors = 0;
		long timeouts = 0;
		long non2xx = 0;
		for (String line : output.split("\n")) {
			Matcher m = REQUESTS.matcher(line);
			if (m.find()) {
				requests = Long.parseLong(m.group(1));
				seconds = millis(m.group(2), m.group(3)) / 1000;
			}
			m = PERCENTILE.matcher(line);
			if (m.find()) {
				double value = millis(m.group(2), m.group(3));
				if (m.group(1).equals("50")) {
					p50 = value;
				}
				else {
					p99 = value;
				}
			}
			m = SOCKET_ERRORS.matcher(line);
			if (m.find()) {
				for (int group = 1; group <= 4; group++) {
					socketErrors += Long.parseLong(m.group(group));
				}
				timeouts = Long.parseLong(m.group(4));
			}
			m = NON_2XX.matcher(line);
			if (m.find()) {
				non2xx = Long.parseLong(m.group(1));
			}
		}
		if (requests < 0 || seconds <= 0) {
			throw new IllegalStateException("could not read wrk's summary:\n" + output);
		}
		return new Result(requests, seconds, p50, p99, socketErrors, timeouts, non2xx);
	}

	private static double millis(String value, String unit) {
		double v = Double.parseDouble(value);
		return switch (unit.toLowerCase(Locale.ROOT)) {
			case "us" -> v / 1000;
			case "ms" -> v;
			case "s" -> v * 1000;
			case "m" -> v * 60_000;
			default -> throw new IllegalArgumentException(unit);
		};
	}

}
