package io.github.discordoauth2.samples.demo;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A scripted browser without JavaScript: {@link HttpClient} with its own cookie jar,
 * following redirects across the app and FakeDiscord like a browser does, and sending
 * forms with the CSRF token of the page they came from.
 */
final class AppClient {

	private final HttpClient http;

	private final URI app;

	AppClient(int port) {
		this.app = URI.create("http://localhost:" + port);
		this.http = HttpClient.newBuilder()
			.cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
			.followRedirects(HttpClient.Redirect.NORMAL)
			.connectTimeout(Duration.ofSeconds(5))
			.build();
	}

	/** Fetches a path of the app (or an absolute URL), following redirects. */
	Page get(String pathOrUrl) {
		return send(HttpRequest.newBuilder(resolve(pathOrUrl)).GET());
	}

	/**
	 * Sends a form like a browser would: url-encoded, to a path of the app or an absolute
	 * URL.
	 */
	Page post(String pathOrUrl, Map<String, String> form) {
		String body = form.entrySet()
			.stream()
			.map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
			.collect(Collectors.joining("&"));
		return send(HttpRequest.newBuilder(resolve(pathOrUrl))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(body)));
	}

	/**
	 * Submits the form of {@code page} whose action is {@code action}, with its CSRF
	 * token.
	 */
	Page submit(Page page, String action) {
		Map<String, String> form = new LinkedHashMap<>();
		form.put("_csrf", page.csrfToken(action));
		return post(action, form);
	}

	/**
	 * Logs in through the real flow; FakeDiscord must auto-approve. Returns the landing
	 * page.
	 */
	Page login() {
		return get("/oauth2/authorization/discord");
	}

	/**
	 * Answers a FakeDiscord consent page with "authorize" or "cancel", as its buttons do.
	 */
	Page decide(Page consent, String decision) {
		Map<String, String> form = new LinkedHashMap<>(consent.hiddenInputs());
		form.put("decision", decision);
		return post(consent.uri().resolve("/oauth2/authorize").toString(), form);
	}

	private URI resolve(String pathOrUrl) {
		return pathOrUrl.startsWith("http") ? URI.create(pathOrUrl) : this.app.resolve(pathOrUrl);
	}

	private Page send(HttpRequest.Builder request) {
		try {
			// A browser's Accept header, so error pages come as HTML like a person would
			// see them.
			request.header("Accept", "text/html,application/xhtml+xml,*/*;q=0.8");
			HttpResponse<String> response = this.http.send(request.timeout(Duration.ofSeconds(20)).build(),
					HttpResponse.BodyHandlers.ofString());
			return new Page(response.statusCode(), response.uri(), response.body(),
					response.headers().firstValue("Retry-After").orElse(null));
		}
		catch (IOException ex) {
			throw new IllegalStateException("Request failed: " + ex, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	/** A page as the client ended on it, after redirects. */
	record Page(int status, URI uri, String body, @org.jspecify.annotations.Nullable String retryAfter) {

		/**
		 * The text inside the element with this id (tags stripped, whitespace collapsed).
		 */
		String text(String id) {
			Matcher open = Pattern.compile("<(\\w+)[^>]*\\bid=\"" + Pattern.quote(id) + "\"[^>]*>").matcher(this.body);
			if (!open.find()) {
				throw new AssertionError("No element with id \"" + id + "\" on " + this.uri + ":\n" + this.body);
			}
			// Find the matching end tag, counting nested elements of the same name.
			Matcher tags = Pattern.compile("<(/?)" + open.group(1) + "\\b[^>]*>").matcher(this.body);
			int depth = 1;
			int from = open.end();
			while (depth > 0 && tags.find(from)) {
				depth += tags.group(1).isEmpty() ? 1 : -1;
				from = tags.end();
			}
			String inner = this.body.substring(open.end(), depth == 0 ? tags.start() : this.body.length());
			return inner.replaceAll("<[^>]+>", " ")
				.replace("&amp;", "&")
				.replace("&#39;", "'")
				.replace("&quot;", "\"")
				.replaceAll("\\s+", " ")
				.strip();
		}

		boolean has(String id) {
			return this.body.contains("id=\"" + id + "\"");
		}

		String path() {
			return this.uri.getPath();
		}

		String csrfToken(String action) {
			Matcher m = Pattern
				.compile("<form[^>]*action=\"" + Pattern.quote(action) + "\"[^>]*>.*?name=\"_csrf\" value=\"([^\"]+)\"",
						Pattern.DOTALL)
				.matcher(this.body);
			if (!m.find()) {
				throw new AssertionError("No form posting to " + action + " on " + this.uri + ":\n" + this.body);
			}
			return m.group(1);
		}

		Map<String, String> hiddenInputs() {
			Map<String, String> inputs = new LinkedHashMap<>();
			Matcher m = Pattern.compile("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\"")
				.matcher(this.body);
			while (m.find()) {
				inputs.put(m.group(1),
						m.group(2)
							.replace("&amp;", "&")
							.replace("&quot;", "\"")
							.replace("&lt;", "<")
							.replace("&gt;", ">")
							.replace("&#39;", "'"));
			}
			return inputs;
		}
	}

}
