package io.github.discordoauth2.security.web;

import io.github.discordoauth2.security.DiscordUnauthorized;

/**
 * A one-way fingerprint of a token, so that what is kept beyond a request (the tokens a
 * request was sent again for) can recognise a token without holding it.
 *
 */
final class TokenFingerprint {

	private TokenFingerprint() {
	}

	static String of(String token) {
		return DiscordUnauthorized.fingerprint(token);
	}

}
