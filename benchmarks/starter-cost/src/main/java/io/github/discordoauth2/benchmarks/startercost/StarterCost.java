package io.github.discordoauth2.benchmarks.startercost;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Starts {@link MinimalWebApp} in a fresh JVM, alternately without and with the Discord starter, and records
 * Spring Boot's own "process running for" time (JVM start until the application is ready) and the heap in use
 * after a full GC once it is ready. Prints the medians as a markdown table.
 * Usage: {@code StarterCost <classpath-file-without> <classpath-file-with> [rounds=5] [extra app args...]};
 * the extra arguments go only to the run with the starter (its required {@code discord.oauth2.*} settings).
 */
public final class StarterCost {

    private static final Pattern STARTED = Pattern.compile(
            "Started MinimalWebApp in ([0-9.]+) seconds \\(process running for ([0-9.]+)\\)");

    private static final Pattern USED = Pattern.compile("used (\\d+)K");

    private StarterCost() {
    }

    /** Runs the rounds and prints the table. */
    public static void main(String[] args) throws Exception {
        String without = Files.readString(Path.of(args[0])).trim();
        String with = Files.readString(Path.of(args[1])).trim();
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        List<String> starterArgs = new ArrayList<>();
        for (int i = 3; i < args.length; i++) {
            starterArgs.add(args[i]);
        }
        List<double[]> plain = new ArrayList<>();
        List<double[]> starter = new ArrayList<>();
        // One warm-up start of each fills the OS file cache, so that neither pays for the first disk reads.
        start(without, List.of());
        start(with, starterArgs);
        for (int round = 0; round < rounds; round++) {
            plain.add(start(without, List.of()));
            starter.add(start(with, starterArgs));
        }
        double plainReady = median(plain, 1);
        double starterReady = median(starter, 1);
        System.out.println("| application | ready after (JVM start → started), median | context refresh (Boot's"
                + " \"Started in\"), median | heap used after full GC, median | classpath jars |");
        System.out.println("|---|---:|---:|---:|---:|");
        System.out.printf(Locale.ROOT, "| web app (spring-boot-starter-webmvc) | %.2f s | %.2f s | %.1f MiB | %d |%n",
                plainReady, median(plain, 0), median(plain, 2) / 1024, jars(without));
        System.out.printf(Locale.ROOT, "| same + discord-oauth2-spring-boot-starter | %.2f s (%+.0f%%) | %.2f s | %.1f MiB"
                + " (%+.1f MiB) | %d |%n", starterReady, 100 * (starterReady / plainReady - 1), median(starter, 0),
                median(starter, 2) / 1024, (median(starter, 2) - median(plain, 2)) / 1024, jars(with));
    }

    /** @return {started-in seconds, process-running-for seconds, used heap KiB after GC} */
    private static double[] start(String classpath, List<String> appArgs) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", classpath, MinimalWebApp.class.getName(), "--server.port=0",
                "--spring.main.banner-mode=off"));
        command.addAll(appArgs);
        Process app = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(app.getInputStream(), StandardCharsets.UTF_8));
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
                    return new double[] {startedIn, runningFor, usedKiB};
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
                Long.toString(pid), command).redirectErrorStream(true).start();
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
        for (String entry : classpath.split(java.io.File.pathSeparator)) {
            if (entry.endsWith(".jar")) {
                count++;
            }
        }
        return count;
    }
}
