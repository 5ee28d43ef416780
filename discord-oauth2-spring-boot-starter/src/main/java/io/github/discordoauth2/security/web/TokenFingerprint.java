package io.github.discordoauth2.security.web;

import io.github.discordoauth2.security.DiscordUnauthorized;

/**
 * A one-way fingerprint of a token, so that request and session attributes can recognise
 * a token without holding it.
 *
 */
final class TokenFingerprint {

	private TokenFingerprint() {
	}

	static String of(String token) {
		return DiscordUnauthorized.fingerprint(token);
	}

}
