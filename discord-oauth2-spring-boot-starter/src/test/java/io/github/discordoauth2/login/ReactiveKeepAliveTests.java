package io.github.discordoauth2.login;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.discordoauth2.support.BlockHoundSupport;
import io.github.discordoauth2.test.FakeDiscord;
import io.netty.handler.codec.http.HttpObject;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import reactor.netty.http.server.HttpServer;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whether the starter adds to Reactor Netty's keep-alive stall: one WebFlux application,
 * once with the starter's login and once without it (Discord off, Spring Security's own
 * defaults), each used many times in a row on one kept-alive connection: a page asked for
 * anonymously and logged in, and whole logins (through Discord with the starter, through
 * Spring Security's login form without it). Reactor Netty 1.3.6 now and then never hands
 * the application a request that arrives before the previous exchange has finished
 * (reactor/reactor-netty#4361); there the logins stalled with and without the starter
 * alike. A request that gets no answer within a generous timeout counts as stalled; the
 * starter may stall no more often than the application without it, and on the Reactor
 * Netty that the pom pins for the tests neither may stall at all.
 */
@Tag("reactive")
class ReactiveKeepAliveTests {

	static {
		BlockHoundSupport.install();
	}

	private static final int REQUESTS = 300;

	private static final int LOGINS = 60;

	private static final Pattern CSRF_FIELD = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

	/** Far above any answer of these pages; a stalled request never answers at all. */
	private static final Duration PER_REQUEST = Duration.ofSeconds(10);

	private static final String USER = "keepalive";

	private static final String PASSWORD = "keepalive-password";

	private static FakeDiscord discord;

	private static ConfigurableApplicationContext withStarter;

	private static ConfigurableApplicationContext withoutStarter;

	@BeforeAll
	static void start() {
		discord = FakeDiscord.builder().demoData().allowLoopbackRedirects(true).autoApprove(true).start();
		withStarter = new SpringApplicationBuilder(KeepAliveApplication.class)
			.properties(Map.of("server.port", "0", "discord.oauth2.token-store.type", "memory",
					"discord.oauth2.base-url", discord.baseUrl(), "discord.oauth2.client-id",
					Long.toString(discord.clientId()), "discord.oauth2.client-secret", discord.clientSecret()))
			.run();
		// No client id: the starter stays off and Spring Security's defaults guard the
		// same controller (form login for a browser, HTTP Basic for a client).
		withoutStarter = new SpringApplicationBuilder(KeepAliveApplication.class)
			.properties(Map.of("server.port", "0", "spring.security.user.name", USER, "spring.security.user.password",
					PASSWORD))
			.run();
		assertThat(withStarter.containsBean("discordSecurityWebFilterChain")).isTrue();
		assertThat(withoutStarter.containsBean("discordSecurityWebFilterChain")).isFalse();
	}

	@AfterAll
	static void stop() {
		for (ConfigurableApplicationContext context : new ConfigurableApplicationContext[] { withStarter,
				withoutStarter }) {
			if (context != null) {
				context.close();
			}
		}
		if (discord != null) {
			discord.close();
		}
	}

	@Test
	void anAnonymousVisitorIsSentToLogInAsOftenAsTheyAsk() {
		// The starter's answer is its login redirect; without it, Spring Security's own.
		Run starter = run(withStarter, 302, null);
		Run plain = run(withoutStarter, 302, null);

		assertNoMoreStallsWithTheStarter(starter, plain);
	}

	@Test
	void aLoggedInUserIsServedTheSamePageAsOftenAsTheyAsk() {
		TestBrowser browser = new TestBrowser();
		assertThat(browser.follow(url(withStarter, "/page")).body()).isEqualTo("page");
		String session = "SESSION=" + browser.cookie(url(withStarter, "/"), "SESSION");
		String basic = "Basic "
				+ Base64.getEncoder().encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));

		Run starter = run(withStarter, 200, session);
		Run plain = run(withoutStarter, 200, basic);

		assertNoMoreStallsWithTheStarter(starter, plain);
	}

	@Test
	void loginsOneAfterAnotherOnOneConnectionAllComplete() {
		// The whole login each time, the browser forgetting its session in between: with
		// the starter through Discord, without it through Spring Security's login form.
		Run starter = logins(withStarter, (browser) -> browser.follow(url(withStarter, "/page")));
		Run plain = logins(withoutStarter, (browser) -> {
			HttpResponse<String> form = browser.follow(url(withoutStarter, "/page"));
			Matcher csrf = CSRF_FIELD.matcher(form.body());
			assertThat(csrf.find()).as("the login form's CSRF field in %s", form.body()).isTrue();
			HttpResponse<String> loggedIn = browser.post(url(withoutStarter, "/login"), "username=" + USER
					+ "&password=" + PASSWORD + "&_csrf=" + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8));
			return browser.follow(TestBrowser.location(loggedIn).toString());
		});

		assertNoMoreStallsWithTheStarter(starter, plain);
	}

	private static void assertNoMoreStallsWithTheStarter(Run starter, Run plain) {
		String report = "with the starter " + starter + ", without it " + plain + " (" + versions() + ")";
		System.out.println(report);
		assertThat(starter.stalled()).as(report).isLessThanOrEqualTo(plain.stalled());
		assertThat(starter.stalled() + plain.stalled()).as(report).isZero();
		// A request per connection would hide the stall instead of showing it.
		assertThat(starter.connections()).as(report).isOne();
		assertThat(plain.connections()).as(report).isOne();
	}

	/**
	 * Asks for {@code /page} {@link #REQUESTS} times in a row on one client, which keeps
	 * its connection alive between requests and opens a new one only after a stall.
	 */
	private static Run run(ConfigurableApplicationContext application, int status, @Nullable String authorization) {
		HttpClient client = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.followRedirects(HttpClient.Redirect.NEVER)
			.connectTimeout(Duration.ofSeconds(5))
			.build();
		ConnectionCounter connections = application.getBean(ConnectionCounter.class);
		int before = connections.opened.get();
		int stalled = 0;
		for (int i = 0; i < REQUESTS; i++) {
			HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(application, "/page")))
				.header("Accept", "text/html,application/xhtml+xml")
				.timeout(PER_REQUEST)
				.GET();
			if (authorization != null) {
				request.header(authorization.startsWith("Basic ") ? "Authorization" : "Cookie", authorization);
			}
			try {
				HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
				assertThat(response.statusCode()).as("request %d", i).isEqualTo(status);
			}
			catch (HttpTimeoutException ex) {
				stalled++;
			}
			catch (IOException ex) {
				throw new IllegalStateException("request " + i + " failed", ex);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("interrupted", ex);
			}
		}
		return new Run(REQUESTS, stalled, connections.opened.get() - before);
	}

	/**
	 * Logs in {@link #LOGINS} times in a row with one browser, which keeps its connection
	 * to the application alive and forgets its cookies after each login.
	 */
	private static Run logins(ConfigurableApplicationContext application,
			Function<TestBrowser, HttpResponse<String>> login) {
		TestBrowser browser = new TestBrowser();
		ConnectionCounter connections = application.getBean(ConnectionCounter.class);
		int before = connections.opened.get();
		int stalled = 0;
		for (int i = 0; i < LOGINS; i++) {
			browser.forgetCookies();
			try {
				HttpResponse<String> page = login.apply(browser);
				assertThat(page.statusCode()).as("login %d", i).isEqualTo(200);
				assertThat(page.body()).as("login %d", i).isEqualTo("page");
			}
			catch (IllegalStateException ex) {
				if (!(ex.getCause() instanceof HttpTimeoutException)) {
					throw ex;
				}
				stalled++;
			}
		}
		return new Run(LOGINS, stalled, connections.opened.get() - before);
	}

	/** The Reactor Netty and Netty the server runs on, as their jars name them. */
	private static String versions() {
		return jar(HttpServer.class) + ", " + jar(HttpObject.class);
	}

	private static String jar(Class<?> type) {
		String location = type.getProtectionDomain().getCodeSource().getLocation().getPath();
		return location.substring(location.lastIndexOf('/') + 1);
	}

	private static String url(ConfigurableApplicationContext application, String path) {
		return "http://localhost:" + ((WebServerApplicationContext) application).getWebServer().getPort() + path;
	}

	/** Of so many requests or logins, how many got no answer, on how many connections. */
	private record Run(int tries, int stalled, int connections) {

		@Override
		public String toString() {
			return this.stalled + " of " + this.tries + " stalled on " + this.connections + " connection(s)";
		}

	}

	/**
	 * Counts the connections the server accepts (a channel's init, where
	 * {@code doOnConnection} would count every request of a kept-alive connection).
	 */
	static final class ConnectionCounter implements NettyServerCustomizer {

		final AtomicInteger opened = new AtomicInteger();

		@Override
		public HttpServer apply(HttpServer server) {
			return server.doOnChannelInit((observer, channel, address) -> this.opened.incrementAndGet());
		}

	}

	/** A WebFlux application with one page, behind whatever security it is given. */
	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class KeepAliveApplication {

		@Bean
		ConnectionCounter connectionCounter() {
			return new ConnectionCounter();
		}

		@Bean
		PageController pageController() {
			return new PageController();
		}

	}

	@RestController
	static class PageController {

		@GetMapping("/page")
		String page() {
			return "page";
		}

	}

}
