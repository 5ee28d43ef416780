package io.github.discordoauth2;

import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.web.util.UriComponentsBuilder;

/**
 * The URIs of one client's requests under its API base. A route without parameters or
 * query (the token endpoint, {@code /users/@me}) always gives the same URI, so it is
 * parsed once and kept; the others are built per request.
 */
final class ApiUris {

	/**
	 * More fixed routes than the core has: past this, URIs are built per request instead
	 * of kept.
	 */
	private static final int MAX_KEPT = 64;

	private final String apiBase;

	private final Map<String, URI> fixedRoutes = new ConcurrentHashMap<>();

	ApiUris(String apiBase) {
		this.apiBase = apiBase;
	}

	/**
	 * @return the request's absolute URI, its parameters and query encoded
	 */
	URI of(DiscordRequest request) {
		if (request.params.isEmpty() && request.query.isEmpty()) {
			URI kept = this.fixedRoutes.get(request.route);
			if (kept != null) {
				return kept;
			}
			URI uri = build(request);
			if (this.fixedRoutes.size() < MAX_KEPT) {
				this.fixedRoutes.put(request.route, uri);
			}
			return uri;
		}
		return build(request);
	}

	private URI build(DiscordRequest request) {
		if (request.query.isEmpty()) {
			// The common case, cheaply: templates are plain ASCII and parameters are
			// decimal ids, nothing to encode.
			String path = request.route;
			for (Map.Entry<String, String> param : request.params.entrySet()) {
				path = path.replace("{" + param.getKey() + "}", param.getValue());
			}
			try {
				return URI.create(this.apiBase + path);
			}
			catch (IllegalArgumentException ex) {
				// A base URL that needs encoding: take the general road below.
			}
		}
		UriComponentsBuilder builder = UriComponentsBuilder.fromUriString(this.apiBase + request.route);
		request.query.forEach(builder::queryParam);
		return builder.encode().buildAndExpand(request.params).toUri();
	}

}
