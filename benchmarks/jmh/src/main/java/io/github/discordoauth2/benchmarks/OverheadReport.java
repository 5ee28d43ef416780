package io.github.discordoauth2.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Prints the overhead table (markdown) from JMH CSV results: calls per second of each
 * variant at each thread count, and its share of the fastest raw baseline at that thread
 * count. Usage: {@code OverheadReport results-1.csv results-8.csv ...}.
 */
public final class OverheadReport {

	private OverheadReport() {
	}

	/**
	 * Reads the CSV files named by the arguments and prints the table to standard output.
	 */
	public static void main(String[] args) throws IOException {
		List<Integer> threadCounts = new ArrayList<>();
		// variant -> threads -> {score, error}
		Map<String, Map<Integer, double[]>> scores = new LinkedHashMap<>();
		for (String file : args) {
			List<String> lines = Files.readAllLines(Path.of(file));
			for (String line : lines.subList(1, lines.size())) {
				String[] cells = parseCsvLine(line);
				String variant = cells[0].substring(cells[0].lastIndexOf('.') + 1);
				int threads = Integer.parseInt(cells[2]);
				double score = Double.parseDouble(cells[4]);
				double error = cells[5].isEmpty() || cells[5].equals("NaN") ? Double.NaN : Double.parseDouble(cells[5]);
				if (!threadCounts.contains(threads)) {
					threadCounts.add(threads);
				}
				scores.computeIfAbsent(variant, v -> new LinkedHashMap<>()).put(threads, new double[] { score, error });
			}
		}
		StringBuilder header = new StringBuilder("| variant |");
		StringBuilder rule = new StringBuilder("|---|");
		for (int threads : threadCounts) {
			header.append(" ")
				.append(threads)
				.append(threads == 1 ? " thread" : " threads")
				.append(" (calls/s) | % of best raw |");
			rule.append("---:|---:|");
		}
		System.out.println(header);
		System.out.println(rule);
		for (Map.Entry<String, Map<Integer, double[]>> entry : scores.entrySet()) {
			StringBuilder row = new StringBuilder("| ").append(entry.getKey()).append(" |");
			for (int threads : threadCounts) {
				double[] result = entry.getValue().get(threads);
				double best = bestRaw(scores, threads);
				if (result == null) {
					row.append(" – | – |");
					continue;
				}
				row.append(String.format(Locale.ROOT, " %,.0f ± %,.0f | %.0f%% |", result[0], result[1],
						best > 0 ? 100 * result[0] / best : Double.NaN));
			}
			System.out.println(row);
		}
	}

	private static double bestRaw(Map<String, Map<Integer, double[]>> scores, int threads) {
		double best = 0;
		for (Map.Entry<String, Map<Integer, double[]>> entry : scores.entrySet()) {
			double[] result = entry.getValue().get(threads);
			if (entry.getKey().startsWith("raw") && result != null) {
				best = Math.max(best, result[0]);
			}
		}
		return best;
	}

	private static String[] parseCsvLine(String line) {
		List<String> cells = new ArrayList<>();
		StringBuilder cell = new StringBuilder();
		boolean quoted = false;
		for (char c : line.toCharArray()) {
			if (c == '"') {
				quoted = !quoted;
			}
			else if (c == ',' && !quoted) {
				cells.add(cell.toString());
				cell.setLength(0);
			}
			else {
				cell.append(c);
			}
		}
		cells.add(cell.toString());
		return cells.toArray(String[]::new);
	}

}
