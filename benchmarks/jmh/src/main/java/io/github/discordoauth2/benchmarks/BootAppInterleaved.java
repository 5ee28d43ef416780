package io.github.discordoauth2.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.discordoauth2.Client;
import io.github.discordoauth2.PartialAccessToken;
import io.github.discordoauth2.benchmarks.bootapp.BenchWebApp;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.io.DefaultResourceLoader;

/**
 * The {@link Client} bean of a real Spring Boot web application, in each HTTP setup an
 * application takes, against raw {@code HttpURLConnection} + Jackson and the seed's
 * Python library, interleaved as in {@link Interleaved}. Every application is a
 * {@link BenchWebApp} context started in this JVM (Tomcat on a free port, the Discord
 * starter's login on); they differ only in what Boot finds:
 * <ul>
 * <li>without spring-boot-starter-restclient: its auto-configurations are excluded, which
 * is what leaving the jar out does;</li>
 * <li>HttpComponents on the class path or not: the context's class loader hides
 * {@code org.apache.hc} unless the variant has it.</li>
 * </ul>
 * The Python variant runs in its own process
 * ({@code benchmarks/python/identify_worker.py}, started here) and reports its own CPU
 * time. Usage:
 * {@code BootAppInterleaved [threadCounts=1,8] [rounds=9] [sliceMillis=1500] [warmupMillis=3000]};
 * {@code DISCORDOAUTH2_PY} names a checkout of the Python library (else a labelled
 * stand-in runs), {@code PYTHON} the interpreter, {@code BENCH_PY_WORKER} the worker
 * script.
 */
public final class BootAppInterleaved {

	private static final String[] WITHOUT_RESTCLIENT = {
			"org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration",
			"org.springframework.boot.restclient.autoconfigure.RestTemplateAutoConfiguration",
			"org.springframework.boot.restclient.autoconfigure.service.HttpServiceClientAutoConfiguration",
			"org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration",
			"org.springframework.boot.http.client.autoconfigure.imperative.ImperativeHttpClientAutoConfiguration" };

	/** Held, so that the level set on it stays. */
	private static final java.util.logging.Logger TOMCAT_LOG = java.util.logging.Logger.getLogger("org.apache");

	private BootAppInterleaved() {
	}

	/** Starts the applications, runs the rounds and prints the tables. */
	public static void main(String[] args) throws Exception {
		Interleaved.Settings settings = Interleaved.Settings.parse(args);
		// The benchmark's class path logs nowhere (slf4j-nop); Boot need not set logging
		// up.
		System.setProperty("org.springframework.boot.logging.LoggingSystem", "none");
		// Tomcat logs its start and stop through java.util.logging; only warnings matter.
		TOMCAT_LOG.setLevel(java.util.logging.Level.WARNING);

		IdentifyBenchmark raw = new IdentifyBenchmark();
		raw.setUp();
		List<ConfigurableApplicationContext> apps = new ArrayList<>();
		Map<String, Interleaved.Variant> variants = new LinkedHashMap<>();
		variants.put("raw HttpURLConnection + Jackson", sliced(raw::rawHttpUrlConnection));
		addApp(variants, apps, "Boot web app + starter (no restclient)", false,
				"--spring.autoconfigure.exclude=" + String.join(",", WITHOUT_RESTCLIENT));
		addApp(variants, apps, "Boot web app + starter + spring-boot-starter-restclient", false);
		addApp(variants, apps, "Boot web app + starter + restclient + httpclient5 on the class path", true);
		addApp(variants, apps, "same, app sets spring.http.clients.imperative.factory=http-components", true,
				"--spring.http.clients.imperative.factory=http-components");
		addApp(variants, apps, "same, app's own HttpComponents factory builder: pool of 32, no automatic retries", true,
				"--bench.tuned-http-components=true");
		addApp(variants, apps, "same without httpclient5, app sets spring.http.clients.imperative.factory=jdk", false,
				"--spring.http.clients.imperative.factory=jdk");
		PythonWorker python = PythonWorker.start();
		variants.put(python.label(), python::slice);
		System.err.println("== started " + apps.size() + " applications; load average " + Interleaved.loadAverage());
		try {
			Interleaved.runAndPrint(variants, settings);
		}
		finally {
			python.close();
			apps.forEach(ConfigurableApplicationContext::close);
			raw.tearDown();
		}
	}

	private static void addApp(Map<String, Interleaved.Variant> variants, List<ConfigurableApplicationContext> apps,
			String name, boolean httpComponents, String... extraArgs) {
		ClassLoader loader = httpComponents ? BootAppInterleaved.class.getClassLoader()
				: new HidingClassLoader(BootAppInterleaved.class.getClassLoader(), "org.apache.hc.");
		SpringApplication application = new SpringApplication(new DefaultResourceLoader(loader), BenchWebApp.class);
		application.setBannerMode(Banner.Mode.OFF);
		application.setLogStartupInfo(false);
		List<String> arguments = new ArrayList<>(List.of("--server.port=0", "--spring.jmx.enabled=false",
				"--discord.oauth2.client-id=1100000000000000001", "--discord.oauth2.client-secret=bench-client-secret",
				"--discord.oauth2.base-url=" + BenchTarget.BASE_URL));
		arguments.addAll(List.of(extraArgs));
		ConfigurableApplicationContext context = application.run(arguments.toArray(String[]::new));
		apps.add(context);
		PartialAccessToken token = context.getBean(Client.class).fromAccessToken(BenchTarget.TOKEN);
		if (token.fetchIdentify().id() == 0) {
			throw new IllegalStateException(name + ": the server at " + BenchTarget.URL + " returned no user");
		}
		variants.put(name, sliced(token::fetchIdentify));
	}

	private static Interleaved.Variant sliced(Interleaved.Call call) {
		return (threads, millis) -> Interleaved.measure(call, threads, millis);
	}

	/**
	 * Hides some packages from a context, as if their jars were not on the class path.
	 */
	private static final class HidingClassLoader extends ClassLoader {

		private final String hiddenPrefix;

		private final String hiddenPath;

		HidingClassLoader(ClassLoader parent, String hiddenPrefix) {
			super(parent);
			this.hiddenPrefix = hiddenPrefix;
			this.hiddenPath = hiddenPrefix.replace('.', '/');
		}

		@Override
		protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
			if (name.startsWith(this.hiddenPrefix)) {
				throw new ClassNotFoundException(name);
			}
			return super.loadClass(name, resolve);
		}

		@Override
		public @Nullable URL getResource(String name) {
			return name.startsWith(this.hiddenPath) ? null : super.getResource(name);
		}

	}

	/**
	 * The Python library in its own process: each slice is one command on its stdin, and
	 * the worker answers with its calls, elapsed time and process CPU time.
	 */
	private static final class PythonWorker implements AutoCloseable {

		private final Process process;

		private final BufferedReader answers;

		private final Writer commands;

		private final String label;

		private PythonWorker(Process process, BufferedReader answers, Writer commands, String label) {
			this.process = process;
			this.answers = answers;
			this.commands = commands;
			this.label = label;
		}

		static PythonWorker start() throws IOException {
			String python = envOr("PYTHON", "python3");
			String script = envOr("BENCH_PY_WORKER", "benchmarks/python/identify_worker.py");
			ProcessBuilder builder = new ProcessBuilder(python, script).redirectError(ProcessBuilder.Redirect.INHERIT);
			builder.environment().put("BENCH_BASE_URL", BenchTarget.BASE_URL);
			Process process = builder.start();
			BufferedReader answers = new BufferedReader(
					new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
			String ready = answers.readLine();
			if (ready == null || !ready.startsWith("ready ")) {
				process.destroy();
				throw new IllegalStateException("the Python worker did not start: " + ready);
			}
			return new PythonWorker(process, answers,
					new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8),
					ready.substring("ready ".length()));
		}

		String label() {
			return this.label;
		}

		double[] slice(int threads, long millis) throws IOException {
			this.commands.write(threads + " " + millis + "\n");
			this.commands.flush();
			String answer = this.answers.readLine();
			if (answer == null || answer.startsWith("error")) {
				throw new IllegalStateException("the Python worker failed: " + answer);
			}
			String[] parts = answer.trim().split(" ");
			double calls = Math.max(1, Long.parseLong(parts[0]));
			double elapsedNanos = Long.parseLong(parts[1]);
			double cpuNanos = Long.parseLong(parts[2]);
			return new double[] { calls * 1e9 / elapsedNanos, cpuNanos / 1000.0 / calls };
		}

		@Override
		public void close() throws IOException {
			this.commands.close();
			this.process.destroy();
		}

		private static String envOr(String name, String fallback) {
			String value = System.getenv(name);
			return (value == null || value.isBlank()) ? fallback : value;
		}

	}

}
