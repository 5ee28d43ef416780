package io.github.discordoauth2.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import tools.jackson.databind.json.JsonMapper;

/**
 * A tiny Discord client for the tests, written from Discord's documentation with the
 * JDK's HttpClient: it knows nothing of the fake's code.
 */
final class Http {

	static final JsonMapper JSON = JsonMapper.builder().build();

	private static final HttpClient CLIENT = HttpClient.newBuilder()
		.connectTimeout(Duration.ofSeconds(5))
		.followRedirects(HttpClient.Redirect.NEVER)
		.build();

	private final String base;

	Http(String base) {
		this.base = base;
	}

	/** An answer with its JSON body parsed (null when not JSON). */
	record Answer(int status, Map<String, List<String>> headers, String body) {
		Object json() {
			return JSON.readValue(this.body, Object.class);
		}

		@SuppressWarnings("unchecked")
		Map<String, Object> map() {
			return (Map<String, Object>) json();
		}

		@SuppressWarnings("unchecked")
		List<Map<String, Object>> list() {
			return (List<Map<String, Object>>) json();
		}

		String header(String name) {
			for (Map.Entry<String, List<String>> e : this.headers.entrySet()) {
				if (e.getKey().equalsIgnoreCase(name)) {
					return e.getValue().get(0);
				}
			}
			return null;
		}

		/** Query parameters of the Location header. */
		Map<String, String> locationQuery() {
			String location = header("Location");
			URI uri = URI.create(location);
			return parse(uri.getRawQuery());
		}
	}

	static Map<String, String> parse(String raw) {
		Map<String, String> out = new LinkedHashMap<>();
		if (raw == null) {
			return out;
		}
		for (String pair : raw.split("&")) {
			int eq = pair.indexOf('=');
			out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
					URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
		}
		return out;
	}

	static String form(Map<String, String> fields) {
		return fields.entrySet()
			.stream()
			.map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
					+ URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
	}

	/**
	 * The demo app's authorize-URL parameters for a code grant, with state {@code s-42}.
	 */
	static Map<String, String> authorizeParams(String scope) {
		Map<String, String> p = new LinkedHashMap<>();
		p.put("client_id", Long.toString(DemoData.APPLICATION_ID));
		p.put("response_type", "code");
		p.put("scope", scope);
		p.put("redirect_uri", DemoData.REDIRECT_URI);
		p.put("state", "s-42");
		return p;
	}

	static String basic(long clientId, String secret) {
		return "Basic "
				+ Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
	}

	Answer get(String path, String authorization) {
		HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(this.base + path)).GET();
		if (authorization != null) {
			b.header("Authorization", authorization);
		}
		return send(b);
	}

	Answer postForm(String path, Map<String, String> fields, String authorization) {
		HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(this.base + path))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form(fields)));
		if (authorization != null) {
			b.header("Authorization", authorization);
		}
		return send(b);
	}

	Answer send(String method, String path, String contentType, String body, String authorization) {
		HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(this.base + path))
			.method(method,
					body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
		if (contentType != null) {
			b.header("Content-Type", contentType);
		}
		if (authorization != null) {
			b.header("Authorization", authorization);
		}
		return send(b);
	}

	Answer json(String method, String path, Object body, String authorization) {
		return send(method, path, "application/json", JSON.writeValueAsString(body), authorization);
	}

	/** A GET with a chosen User-Agent, e.g. a browser's. */
	Answer get(String path, String authorization, String userAgent) {
		HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(this.base + path)).GET();
		if (authorization != null) {
			b.header("Authorization", authorization);
		}
		return send(b, userAgent);
	}

	private static Answer send(HttpRequest.Builder b) {
		return send(b, "DiscordBot (https://example.com/tests, 1.0)");
	}

	private static Answer send(HttpRequest.Builder b, String userAgent) {
		try {
			HttpResponse<String> r = CLIENT.send(
					b.timeout(Duration.ofSeconds(10)).header("User-Agent", userAgent).build(),
					HttpResponse.BodyHandlers.ofString());
			return new Answer(r.statusCode(), r.headers().map(), r.body());
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}

}
