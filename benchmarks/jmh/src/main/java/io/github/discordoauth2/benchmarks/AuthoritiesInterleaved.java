package io.github.discordoauth2.benchmarks;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.github.discordoauth2.benchmarks.guarded.GuardedWebApp;
import io.github.discordoauth2.test.DemoData;
import io.github.discordoauth2.test.FakeDiscord;

import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.WebServer;
import org.springframework.boot.web.server.WebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The cost per request of keeping Discord authorities fresh, between checks: the same
 * Boot web application (the starter's default chain, a logged-in Discord user, a page
 * that returns "ok") without and with {@code discord.oauth2.authorities.*}, called with
 * the user's session cookie, interleaved as in {@link Interleaved}. The interval is one
 * hour, so every measured request is "between checks"; FakeDiscord's journal shows that
 * none reached Discord. Usage:
 * {@code AuthoritiesInterleaved [threadCounts=1,8] [rounds=9] [sliceMillis=1500] [warmupMillis=3000]}.
 */
public final class AuthoritiesInterleaved {

	/** Held, so that the level set on it stays. */
	private static final java.util.logging.Logger TOMCAT_LOG = java.util.logging.Logger.getLogger("org.apache");

	private AuthoritiesInterleaved() {
	}

	/** Starts FakeDiscord and both applications, logs in, runs the rounds. */
	public static void main(String[] args) throws Exception {
		Interleaved.Settings settings = Interleaved.Settings.parse(args);
		System.setProperty("org.springframework.boot.logging.LoggingSystem", "none");
		TOMCAT_LOG.setLevel(java.util.logging.Level.WARNING);
		List<ConfigurableApplicationContext> apps = new ArrayList<>();
		try (FakeDiscord discord = FakeDiscord.builder()
			.demoData()
			.allowLoopbackRedirects(true)
			.autoApprove(true)
			.start()) {
			Map<String, Interleaved.Variant> variants = new LinkedHashMap<>();
			variants.put("raw: without authorities (default chain, session, /ok)", app(discord, apps));
			variants.put("with discord.oauth2.authorities (1 server, 1 mapped role), between checks",
					app(discord, apps, "--discord.oauth2.authorities.guilds=" + DemoData.MEMBER_GUILD_ID,
							"--discord.oauth2.authorities.roles." + DemoData.MODERATOR_ROLE_ID + "=ROLE_MODERATOR",
							"--discord.oauth2.authorities.refresh-interval=1h"));
			discord.clearJournal();
			System.err
				.println("== started " + apps.size() + " applications; load average " + Interleaved.loadAverage());
			Interleaved.runAndPrint(variants, settings);
			System.out.println();
			System.out.println("Requests that reached Discord while measuring: " + discord.journal().size());
		}
		finally {
			apps.forEach(ConfigurableApplicationContext::close);
		}
	}

	private static Interleaved.Variant app(FakeDiscord discord, List<ConfigurableApplicationContext> apps,
			String... extraArgs) throws IOException, InterruptedException {
		SpringApplication application = new SpringApplication(GuardedWebApp.class);
		application.setBannerMode(Banner.Mode.OFF);
		application.setLogStartupInfo(false);
		List<String> arguments = new ArrayList<>(List.of("--server.port=0", "--spring.jmx.enabled=false",
				"--discord.oauth2.client-id=" + discord.clientId(),
				"--discord.oauth2.client-secret=" + discord.clientSecret(),
				"--discord.oauth2.base-url=" + discord.baseUrl(),
				"--discord.oauth2.scopes=identify,guilds.members.read"));
		arguments.addAll(List.of(extraArgs));
		ConfigurableApplicationContext context = application.run(arguments.toArray(String[]::new));
		apps.add(context);
		WebServer server = Objects.requireNonNull(((WebServerApplicationContext) context).getWebServer());
		URI ok = URI.create("http://127.0.0.1:" + server.getPort() + "/ok");
		// One browser: its session cookie on every request, after a login through
		// FakeDiscord.
		HttpClient http = HttpClient.newBuilder()
			.cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
			.followRedirects(HttpClient.Redirect.NORMAL)
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(5))
			.build();
		HttpRequest request = HttpRequest.newBuilder(ok).timeout(Duration.ofSeconds(20)).GET().build();
		HttpResponse<String> login = http.send(request, HttpResponse.BodyHandlers.ofString());
		if (login.statusCode() != 200 || !"ok".equals(login.body())) {
			throw new IllegalStateException("login failed: " + login.statusCode() + " " + login.uri());
		}
		return (threads, millis) -> Interleaved.measure(() -> {
			HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() != 200 || !response.uri().equals(ok)) {
				throw new IllegalStateException("not served as the logged-in user: " + response.uri());
			}
			return response.body();
		}, threads, millis);
	}

}
