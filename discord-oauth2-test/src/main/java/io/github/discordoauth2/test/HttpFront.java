package io.github.discordoauth2.test;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;

/**
 * The one door of the fake: strips the API version, routes, applies faults and rate
 * limits, turns every failure into Discord's JSON (never a stack trace), and journals the
 * request with secrets masked.
 */
final class HttpFront implements Listener.Handler {

	private static final Pattern VERSION = Pattern.compile("^/api/v(\\d+)(/.*)?$");

	private static final Pattern JSON_SECRET = Pattern.compile(
			"(\"(?:client_secret|code_verifier|access_token|refresh_token|token)\"\\s*:\\s*)\"(?:[^\"\\\\]|\\\\.)*\"");

	private static final List<String> FORM_SECRETS = List.of("client_secret", "code_verifier", "access_token",
			"refresh_token", "token");

	/** A handler for one route; runs under the fake's lock. */
	interface Handler {

		Response handle(Request request);

	}

	/**
	 * A route: method, template below the version prefix, and whether it also answers
	 * without {@code /api}.
	 */
	record Route(String method, String template, boolean web, Handler handler, RoutePattern anyMethod) {
	}

	private final FakeState state;

	private final Journal journal = new Journal();

	private final Faults faults = new Faults();

	private final RateLimiter rateLimiter;

	private final CloudflareBans bans;

	private final List<Route> routes = new ArrayList<>();

	private final AdminEndpoints admin;

	HttpFront(FakeState state, Seed seed, String baseUrl, WebhookEvents webhookEvents) {
		this.state = state;
		this.rateLimiter = new RateLimiter(seed.rateLimits, seed.clock);
		this.bans = new CloudflareBans(seed.invalidRequestLimit, seed.invalidRequestWindow, seed.clock);
		this.admin = new AdminEndpoints(state, webhookEvents);
		OAuthEndpoints oauth = new OAuthEndpoints(state, baseUrl, webhookEvents);
		RestEndpoints rest = new RestEndpoints(state);
		web("GET", "/oauth2/authorize", oauth::authorize);
		web("POST", "/oauth2/authorize", oauth::authorize);
		api("POST", "/oauth2/token", oauth::token);
		api("POST", "/oauth2/token/revoke", oauth::revoke);
		api("GET", "/oauth2/@me", rest::currentAuthorization);
		api("GET", "/oauth2/applications/@me", rest::currentApplication);
		api("GET", "/users/@me", rest::currentUser);
		api("GET", "/users/@me/connections", rest::connections);
		api("GET", "/users/@me/guilds", rest::guilds);
		api("GET", "/users/@me/guilds/{guild.id}/member", rest::currentMember);
		api("PUT", "/guilds/{guild.id}/members/{user.id}", rest::addGuildMember);
		api("GET", "/guilds/{guild.id}/members/{user.id}", rest::guildMember);
		api("GET", "/guilds/{guild.id}/roles", rest::guildRoles);
		api("GET", "/users/@me/applications/{application.id}/role-connection", rest::roleConnection);
		api("PUT", "/users/@me/applications/{application.id}/role-connection", rest::updateRoleConnection);
		api("DELETE", "/users/@me/applications/{application.id}/role-connection", rest::deleteRoleConnection);
		api("GET", "/applications/{application.id}/role-connections/metadata", rest::metadata);
		api("PUT", "/applications/{application.id}/role-connections/metadata", rest::updateMetadata);
	}

	Journal journal() {
		return this.journal;
	}

	Faults faults() {
		return this.faults;
	}

	/** Zeroes the counters and forgets rate-limit windows and bans. */
	void resetStats() {
		this.journal.resetStats();
		this.rateLimiter.reset();
		this.bans.reset();
	}

	private void web(String method, String template, Handler h) {
		this.routes.add(new Route(method, template, true, h, RoutePattern.parse("route", "* " + template)));
	}

	private void api(String method, String template, Handler h) {
		this.routes.add(new Route(method, template, false, h, RoutePattern.parse("route", "* " + template)));
	}

	@Override
	public Response handle(Listener.Incoming in) {
		if (AdminEndpoints.isAdmin(in.target())) {
			// The test-only admin door is not Discord: no journal, counters, faults or
			// bans.
			return this.admin.handle(in);
		}
		Instant at = this.state.now();
		this.journal.countRequest();
		String body = in.tooLarge() ? "" : new String(in.body(), StandardCharsets.UTF_8);
		String path = in.target();
		String rawQuery = null;
		Response response;
		try {
			URI uri = new URI(in.target());
			path = uri.getPath() == null ? "" : uri.getPath();
			rawQuery = uri.getRawQuery();
			Response banned = this.bans.banned(in.remote());
			if (banned != null) {
				response = banned;
			}
			else if (in.tooLarge()) {
				response = Response.json(413,
						Json.obj().with("message", "413: Request Entity Too Large").with("code", 0));
			}
			else {
				response = dispatch(in.method(), path, rawQuery, in.headers(), body, in.remote());
				this.bans.answered(in.remote(), response);
			}
		}
		catch (URISyntaxException e) {
			response = Response.json(400, Json.obj().with("message", "400: Bad Request").with("code", 0));
		}
		catch (RuntimeException e) {
			response = internalError();
		}
		// Journal first: a test that asserts on the journal right after its answer must
		// find the entry there.
		this.journal.record(new RecordedRequest(in.method(), path, rawQuery, maskHeaders(in.headers()),
				maskBody(in.headers(), body), response.status(), at));
		return response;
	}

	private Response dispatch(String method, String path, @Nullable String rawQuery, Map<String, List<String>> headers,
			String body, String remote) {
		String routePath = path;
		boolean api = false;
		Matcher m = VERSION.matcher(path);
		if (m.matches()) {
			int version = Integer.parseInt(m.group(1).length() > 4 ? "0" : m.group(1));
			if (version != 9 && version != 10) {
				return Response.json(400, Json.obj().with("message", "400: Bad Request").with("code", 0));
			}
			routePath = m.group(2) == null ? "/" : m.group(2);
			api = true;
		}
		else if (path.equals("/api") || path.startsWith("/api/")) {
			routePath = path.length() == 4 ? "/" : path.substring(4);
			api = true;
		}
		Route route = null;
		boolean pathMatched = false;
		for (Route r : this.routes) {
			if (!api && !r.web()) {
				continue;
			}
			if (r.anyMethod().matches(method, routePath)) {
				pathMatched = true;
				if (r.method().equals(method)) {
					route = r;
					break;
				}
			}
		}
		Request request = new Request(method, path, routePath, rawQuery, headers, body, remote);

		Fault fault = this.faults.take(method, routePath);
		if (fault != null) {
			Response faulty = applyFault(fault);
			if (faulty != null) {
				return faulty;
			}
		}
		if (route == null) {
			return (pathMatched ? DiscordError.methodNotAllowed() : DiscordError.notFound()).response();
		}
		String auth = request.header("Authorization");
		if (!route.web() && blockedUserAgent(request.header("User-Agent"), auth)) {
			return DiscordError.rest(403, 40333, "internal network error").response();
		}
		String tokenKey = auth != null ? "auth:" + auth : "ip:" + remote;
		RateLimiter.Decision decision = this.rateLimiter.check(method, routePath, route.template(), tokenKey);
		if (decision.rejection() != null) {
			return decision.rejection();
		}
		request.pathParams(pathParams(route.template(), routePath));
		Response response;
		try {
			synchronized (this.state) {
				response = route.handler().handle(request);
			}
		}
		catch (DiscordError e) {
			response = e.response();
		}
		catch (JacksonException e) {
			response = DiscordError.invalidJson().response();
		}
		catch (RuntimeException e) {
			response = internalError();
		}
		if (response != Response.DISCONNECT) {
			decision.headers().forEach(response.headers()::putIfAbsent);
		}
		return response;
	}

	/**
	 * Discord wants a User-Agent on every API request and turns away bot requests that
	 * look like a browser (https://discord.com/developers/docs/reference#user-agent;
	 * discord-api-docs #6473: 403 with JSON code 40333).
	 */
	static boolean blockedUserAgent(@Nullable String userAgent, @Nullable String authorization) {
		if (userAgent == null || userAgent.isBlank()) {
			return true;
		}
		boolean bot = authorization != null && authorization.regionMatches(true, 0, "Bot ", 0, 4);
		return bot && userAgent.startsWith("Mozilla/");
	}

	private static @Nullable Response applyFault(Fault fault) {
		switch (fault.kind()) {
			case DELAY:
				try {
					Thread.sleep(fault.duration().toMillis());
				}
				catch (InterruptedException e) {
					Thread.currentThread().interrupt();
				}
				return null;
			case RATE_LIMITED:
				Response r = RateLimiter.tooMany(fault.duration(), fault.global());
				r.header("X-RateLimit-Scope", fault.global() ? "global" : "user");
				if (fault.global()) {
					r.header("X-RateLimit-Global", "true");
				}
				return r;
			case DISCONNECT:
				return Response.DISCONNECT;
			case BODY:
				Response body = new Response(fault.status(), new LinkedHashMap<>(), fault.body());
				if (!fault.contentType().isEmpty()) {
					body.header("Content-Type", fault.contentType());
				}
				return body;
			case MALFORMED_JSON:
				return Response.raw(200, "application/json", "{\"id\": \"80351110224678912\", \"username\": \"trunc");
			case STATUS:
			default:
				return Response.json(fault.status(),
						Json.obj()
							.with("message", fault.status() + ": " + Listener.reason(fault.status()))
							.with("code", 0));
		}
	}

	private static Response internalError() {
		return Response.json(500, Json.obj().with("message", "500: Internal Server Error").with("code", 0));
	}

	private static Map<String, String> pathParams(String template, String routePath) {
		Map<String, String> params = new LinkedHashMap<>();
		String[] t = template.substring(1).split("/");
		String[] p = routePath.substring(1).split("/");
		for (int i = 0; i < t.length && i < p.length; i++) {
			if (t[i].startsWith("{")) {
				params.put(t[i].substring(1, t[i].length() - 1), p[i]);
			}
		}
		return params;
	}

	static Map<String, List<String>> maskHeaders(Map<String, List<String>> headers) {
		Map<String, List<String>> masked = new LinkedHashMap<>();
		headers.forEach((name, values) -> {
			if (name.equalsIgnoreCase("Authorization") || name.equalsIgnoreCase("Proxy-Authorization")) {
				List<String> out = new ArrayList<>();
				for (String v : values) {
					int space = v.indexOf(' ');
					out.add(space > 0 ? v.substring(0, space) + " " + RecordedRequest.MASK : RecordedRequest.MASK);
				}
				masked.put(name, out);
			}
			else if (name.equalsIgnoreCase("Cookie")) {
				masked.put(name, List.of(RecordedRequest.MASK));
			}
			else {
				masked.put(name, values);
			}
		});
		return masked;
	}

	static String maskBody(Map<String, List<String>> headers, String body) {
		if (body.isEmpty()) {
			return body;
		}
		String trimmed = body.stripLeading();
		if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
			return JSON_SECRET.matcher(body).replaceAll("$1\"" + RecordedRequest.MASK + "\"");
		}
		StringBuilder out = new StringBuilder();
		for (String pair : body.split("&", -1)) {
			if (out.length() > 0) {
				out.append('&');
			}
			int eq = pair.indexOf('=');
			String key = eq < 0 ? pair : pair.substring(0, eq);
			String decodedKey;
			try {
				decodedKey = java.net.URLDecoder.decode(key, StandardCharsets.UTF_8);
			}
			catch (IllegalArgumentException e) {
				decodedKey = key;
			}
			if (eq >= 0 && FORM_SECRETS.contains(decodedKey)) {
				out.append(key).append('=').append(RecordedRequest.MASK);
			}
			else {
				out.append(pair);
			}
		}
		return out.toString();
	}

}
