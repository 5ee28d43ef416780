package io.github.discordoauth2.benchmarks.requestcost;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

/**
 * A scripted browser for one login: keeps the cookies of each server (by port, as the
 * application and FakeDiscord share {@code 127.0.0.1}) and follows a login one redirect
 * at a time, checking each stop: the application's {@code /oauth2/authorization/discord},
 * FakeDiscord's authorize page (which approves at once), and the application's callback,
 * which must send the user on without an error.
 */
final class Browser {

	private final Map<Integer, Map<String, String>> cookies = new LinkedHashMap<>();

	/**
	 * Logs in to the application at {@code appBase} through FakeDiscord.
	 * @return the {@code Cookie} header of the logged-in session
	 */
	String login(String appBase) {
		URI start = URI.create(appBase + "/oauth2/authorization/discord");
		URI authorize = redirect(start, "the login start");
		URI callback = redirect(authorize, "FakeDiscord's authorize page");
		if (!callback.getPath().startsWith("/login/oauth2/code/")) {
			throw new IllegalStateException("FakeDiscord sent the browser to " + callback.getPath()
					+ " instead of the callback: " + callback.getRawQuery());
		}
		URI done = redirect(callback, "the callback");
		if (done.toString().contains("error")) {
			throw new IllegalStateException(
					"the login failed: the callback sent the browser to " + done.getPath() + "?" + done.getRawQuery());
		}
		return cookieHeader(start.getPort());
	}

	/** The {@code Cookie} header for the server on this port. */
	String cookieHeader(int port) {
		return this.cookies.getOrDefault(port, Map.of())
			.entrySet()
			.stream()
			.map((cookie) -> cookie.getKey() + "=" + cookie.getValue())
			.collect(Collectors.joining("; "));
	}

	private URI redirect(URI uri, String what) {
		Http.Answer answer = Http.get(uri, cookieHeader(uri.getPort()));
		keepCookies(uri.getPort(), answer);
		String location = answer.header("Location");
		if (answer.status() / 100 != 3 || location == null) {
			throw new IllegalStateException(what + " answered " + answer.status() + " instead of a redirect");
		}
		return uri.resolve(location);
	}

	private void keepCookies(int port, Http.Answer answer) {
		for (String setCookie : answer.all("Set-Cookie")) {
			String pair = setCookie.split(";", 2)[0];
			int equals = pair.indexOf('=');
			if (equals <= 0) {
				continue;
			}
			Map<String, String> jar = this.cookies.computeIfAbsent(port, (p) -> new LinkedHashMap<>());
			String name = pair.substring(0, equals).trim();
			if (expires(setCookie)) {
				jar.remove(name);
			}
			else {
				jar.put(name, pair.substring(equals + 1).trim());
			}
		}
	}

	private static boolean expires(@Nullable String setCookie) {
		return setCookie != null && setCookie.toLowerCase(Locale.ROOT).replace(" ", "").contains("max-age=0");
	}

}
