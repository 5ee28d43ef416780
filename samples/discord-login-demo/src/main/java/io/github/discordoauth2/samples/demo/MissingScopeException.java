package io.github.discordoauth2.samples.demo;

import java.io.Serial;

import io.github.discordoauth2.AccessToken;

/**
 * The user's token lacks a scope that a page needs. Checked before calling Discord,
 * because Discord answers a missing scope with the same 401 as a dead token, and the user
 * needs to hear which it is.
 */
final class MissingScopeException extends RuntimeException {

	@Serial
	private static final long serialVersionUID = 1L;

	private final String scope;

	private MissingScopeException(String scope) {
		super("The token lacks the scope " + scope);
		this.scope = scope;
	}

	/** The scope that is missing. */
	String scope() {
		return this.scope;
	}

	/**
	 * Fails when the token was granted without {@code scope}.
	 * @param token the user's token
	 * @param scope the scope the caller needs
	 */
	static void require(AccessToken token, String scope) {
		if (!token.hasScope(scope)) {
			throw new MissingScopeException(scope);
		}
	}

}
