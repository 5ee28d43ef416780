package io.github.discordoauth2.test;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/** The fake's token bookkeeping types; all access happens under the fake's lock. */
final class Grants {

	private Grants() {
	}

	/**
	 * One authorization: a user (or the app owner) who granted scopes; its tokens live
	 * and die together.
	 */
	static final class Grant {

		final long userId;

		final Set<String> scopes;

		/**
		 * Whether the application got it for its owner through client credentials, rather
		 * than from a user's consent.
		 */
		final boolean clientCredentials;

		final Set<String> accessTokens = new LinkedHashSet<>();

		@Nullable String refreshToken;

		/** A grant from a user's consent. */
		Grant(long userId, Set<String> scopes) {
			this(userId, scopes, false);
		}

		Grant(long userId, Set<String> scopes, boolean clientCredentials) {
			this.userId = userId;
			this.clientCredentials = clientCredentials;
			// Keeps the order the user granted them in, so "scope" reads like the
			// request.
			this.scopes = Collections.unmodifiableSet(new LinkedHashSet<>(scopes));
		}

	}

	/** One access token. */
	static final class AccessToken {

		final String token;

		final Grant grant;

		Instant expiresAt;

		AccessToken(String token, Grant grant, Instant expiresAt) {
			this.token = token;
			this.grant = grant;
			this.expiresAt = expiresAt;
		}

	}

	/** One authorization code waiting for its exchange. */
	record Code(String code, long userId, String redirectUri, Set<String> scopes, @Nullable String codeChallenge,
			Instant expiresAt, @Nullable Long guildId) {
	}

}
