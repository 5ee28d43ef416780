package io.github.discordoauth2;

import java.util.Map;

import io.github.discordoauth2.exceptions.Credential;

/**
 * Identifies what a request counts against for rate limiting: Discord limits per route
 * (bucket), per major parameter and, for OAuth2 calls, per token.
 *
 * @param method the HTTP method
 * @param route the route template, for example
 * {@code /users/@me/guilds/{guild_id}/member}
 * @param params the route's parameters (ids only, never secrets)
 * @param majorParameter the major parameter's value ({@code guild_id} when the route has
 * one), else {@code ""}
 * @param tokenIdentity a short SHA-256 hash of the credential used (never the credential
 * itself), {@code ""} for none
 * @param credential which credential the request sends, for the exception of a request
 * the limiter refuses to send
 */
record RateLimitKey(String method, String route, Map<String, String> params, String majorParameter,
		String tokenIdentity, Credential credential) {

	RateLimitKey {
		params = Map.copyOf(params);
	}

}
