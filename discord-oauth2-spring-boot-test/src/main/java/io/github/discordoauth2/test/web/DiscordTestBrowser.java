package io.github.discordoauth2.test.web;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A scripted browser for full-stack tests of an application on a real server against
 * FakeDiscord: it keeps cookies per host (the application's session, the login in
 * progress), follows redirects one hop at a time (so a test can see every stop between
 * the application and FakeDiscord) and asks for HTML as a browser does. With a
 * FakeDiscord that approves at once ({@code FakeDiscordExtension.withDemoData()}),
 * {@link #follow(String)} of a page that needs a login goes through "Login with Discord"
 * and lands on the page:
 *
 * <pre class="code">
 * DiscordTestBrowser browser = new DiscordTestBrowser();
 * HttpResponse&lt;String&gt; page = browser.follow("http://localhost:" + port + "/me");
 * </pre>
 *
 * Which Discord user logs in is FakeDiscord's to say ({@code fake.actAs(userId)}).
 *
 * @since 0.1.0
 */
public final class DiscordTestBrowser {

	private static final int MAX_HOPS = 10;

	private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);

	private final HttpClient http = newClient();

	private final boolean connectionPerRequest;

	private final List<URI> visited = new ArrayList<>();

	/**
	 * A browser that keeps its connections alive, as browsers do.
	 */
	public DiscordTestBrowser() {
		this(false);
	}

	private DiscordTestBrowser(boolean connectionPerRequest) {
		this.connectionPerRequest = connectionPerRequest;
	}

	/**
	 * A browser that opens a new connection for every request. For WebFlux applications
	 * on Reactor Netty 1.3.6 (Spring Boot 4.0.7's), which now and then never reads a
	 * request sent on a reused keep-alive connection (reactor/reactor-netty#4361).
	 * @return the browser
	 */
	public static DiscordTestBrowser withConnectionPerRequest() {
		return new DiscordTestBrowser(true);
	}

	/**
	 * Sends one GET without following a redirect.
	 * @param url the absolute URL
	 * @return the answer
	 */
	public HttpResponse<String> get(String url) {
		return send(request(url).GET().build());
	}

	/**
	 * Posts a form without following a redirect. A Spring Security application wants the
	 * CSRF token in it ({@code _csrf=...}).
	 * @param url the absolute URL
	 * @param form the form, URL-encoded, e.g. {@code a=1&b=2}
	 * @return the answer
	 */
	public HttpResponse<String> post(String url, String form) {
		return send(request(url).header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form))
			.build());
	}

	/**
	 * Sends a GET and follows redirects until a page answers.
	 * @param url the absolute URL
	 * @return the page the redirects end on
	 * @throws IllegalStateException after more than ten redirects
	 */
	public HttpResponse<String> follow(String url) {
		HttpResponse<String> response = get(url);
		for (int hop = 0; hop < MAX_HOPS && isRedirect(response); hop++) {
			response = get(location(response).toString());
		}
		if (isRedirect(response)) {
			throw new IllegalStateException("more than " + MAX_HOPS + " redirects, last: " + response.uri());
		}
		return response;
	}

	/**
	 * Logs in with Discord at the application ({@code /oauth2/authorization/discord}) and
	 * follows the redirects back.
	 * @param applicationUrl the application's base URL, e.g.
	 * {@code http://localhost:8080}
	 * @return the page the login lands on
	 */
	public HttpResponse<String> logIn(String applicationUrl) {
		String base = applicationUrl.endsWith("/") ? applicationUrl.substring(0, applicationUrl.length() - 1)
				: applicationUrl;
		return follow(base + "/oauth2/authorization/discord");
	}

	/**
	 * Every URL requested so far, in order.
	 * @return the URLs
	 */
	public List<URI> visited() {
		return List.copyOf(this.visited);
	}

	/**
	 * Forgets the URLs requested so far (the cookies stay).
	 */
	public void clearVisited() {
		this.visited.clear();
	}

	/**
	 * Whether an answer is a redirect.
	 * @param response the answer
	 * @return whether its status is 3xx
	 */
	public static boolean isRedirect(HttpResponse<?> response) {
		return response.statusCode() >= 300 && response.statusCode() < 400;
	}

	/**
	 * Where a redirect points.
	 * @param response the redirect
	 * @return its {@code Location}, resolved against the request's URL
	 */
	public static URI location(HttpResponse<?> response) {
		String location = response.headers()
			.firstValue("Location")
			.orElseThrow(() -> new IllegalStateException("redirect without Location from " + response.uri()));
		return response.uri().resolve(location);
	}

	private HttpClient newClient() {
		return HttpClient.newBuilder()
			.cookieHandler(this.cookies)
			.followRedirects(HttpClient.Redirect.NEVER)
			.connectTimeout(Duration.ofSeconds(5))
			.build();
	}

	private HttpRequest.Builder request(String url) {
		URI uri = URI.create(url);
		this.visited.add(uri);
		return HttpRequest.newBuilder(uri)
			.header("Accept", "text/html,application/xhtml+xml")
			.timeout(Duration.ofSeconds(20));
	}

	private HttpResponse<String> send(HttpRequest request) {
		try {
			return (this.connectionPerRequest ? newClient() : this.http).send(request,
					HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException(request.method() + " " + request.uri() + " failed", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted", ex);
		}
	}

}
