package io.github.discordoauth2.login;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A scripted browser: keeps cookies per host, follows redirects one hop at a time (so a
 * test sees every stop between the application and FakeDiscord) and asks for HTML like a
 * browser does.
 */
final class TestBrowser {

	private static final int MAX_HOPS = 10;

	private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);

	/**
	 * Kept alive between requests, as browsers do (the WebFlux tests run on a Reactor
	 * Netty that no longer stalls such a connection, see the pom).
	 */
	private final HttpClient http = HttpClient.newBuilder()
		.cookieHandler(this.cookies)
		.followRedirects(HttpClient.Redirect.NEVER)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	/**
	 * A browser that starts with a cookie someone else obtained, as an attacker who fixed
	 * or stole a session id would.
	 */
	static TestBrowser withCookie(String url, String name, String value) {
		TestBrowser browser = new TestBrowser();
		HttpCookie cookie = new HttpCookie(name, value);
		cookie.setPath("/");
		cookie.setVersion(0);
		browser.cookies.getCookieStore().add(URI.create(url), cookie);
		return browser;
	}

	/** The value of a cookie this browser holds for the URL's host, or {@code null}. */
	String cookie(String url, String name) {
		return this.cookies.getCookieStore()
			.get(URI.create(url))
			.stream()
			.filter((cookie) -> cookie.getName().equals(name))
			.map(HttpCookie::getValue)
			.findFirst()
			.orElse(null);
	}

	/** Forgets every cookie, as a browser whose user cleared them. */
	void forgetCookies() {
		this.cookies.getCookieStore().removeAll();
	}

	private final List<URI> visited = new ArrayList<>();

	/** Sends one GET without following a redirect. */
	HttpResponse<String> get(String url) {
		return send(request(url).GET().build());
	}

	/** Sends one GET with an extra header, without following a redirect. */
	HttpResponse<String> get(String url, String header, String value) {
		return send(request(url).header(header, value).GET().build());
	}

	/** Posts a form without following a redirect. */
	HttpResponse<String> post(String url, String form) {
		return send(request(url).header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form))
			.build());
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
			return this.http.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException(request.method() + " " + request.uri() + " failed", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted", ex);
		}
	}

	/** Sends a GET and follows redirects until a page answers. */
	HttpResponse<String> follow(String url) {
		HttpResponse<String> response = get(url);
		for (int hop = 0; hop < MAX_HOPS && isRedirect(response); hop++) {
			response = get(location(response).toString());
		}
		if (isRedirect(response)) {
			throw new IllegalStateException("more than " + MAX_HOPS + " redirects, last: " + response.uri());
		}
		return response;
	}

	/** Every URL requested so far, in order. */
	List<URI> visited() {
		return List.copyOf(this.visited);
	}

	void clearVisited() {
		this.visited.clear();
	}

	static boolean isRedirect(HttpResponse<?> response) {
		return response.statusCode() >= 300 && response.statusCode() < 400;
	}

	static URI location(HttpResponse<?> response) {
		String location = response.headers()
			.firstValue("Location")
			.orElseThrow(() -> new IllegalStateException("redirect without Location from " + response.uri()));
		return response.uri().resolve(location);
	}

}
