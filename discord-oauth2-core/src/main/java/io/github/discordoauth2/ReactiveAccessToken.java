package io.github.discordoauth2;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

import io.github.discordoauth2.model.Guild;
import io.github.discordoauth2.model.Webhook;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * The non-blocking twin of {@link AccessToken}: a token from a grant or restored from
 * storage, with its refresh token, expiry, scopes and the grant's extras, and the calls
 * it allows as {@link Mono}s. Immutable; {@link #toString()} masks every token.
 *
 * @since 0.1.0
 */
public final class ReactiveAccessToken extends ReactivePartialAccessToken {

	private final AccessToken token;

	ReactiveAccessToken(ReactiveClient client, AccessToken token) {
		super(client, token);
		this.token = token;
	}

	/**
	 * @return the same token as a blocking {@link AccessToken}, on the blocking
	 * {@link Client} (for code that stores or hands tokens on; do not call it on an event
	 * loop)
	 */
	public AccessToken toBlocking() {
		return this.token;
	}

	/**
	 * @return the token type, {@code Bearer}
	 */
	public String tokenType() {
		return this.token.tokenType();
	}

	/**
	 * @return the refresh token (a secret), or {@code null} for client credentials
	 */
	public @Nullable String refreshToken() {
		return this.token.refreshToken();
	}

	/**
	 * @return when the access token expires, or {@code null} if unknown
	 */
	public @Nullable Instant expiresAt() {
		return this.token.expiresAt();
	}

	/**
	 * @return whether the access token has expired, by the client's clock
	 */
	public boolean isExpired() {
		return this.token.isExpired();
	}

	/**
	 * Tells whether the token expires within a margin.
	 * @param margin how long before the expiry the token already counts as expired
	 * @return whether the token expires within the margin
	 */
	public boolean isExpired(Duration margin) {
		return this.token.isExpired(margin);
	}

	/**
	 * @return the scopes Discord granted
	 */
	public Set<String> scopes() {
		return this.token.scopes();
	}

	/**
	 * Tells whether a scope was granted.
	 * @param scope a scope such as {@link Scopes#EMAIL}
	 * @return whether it was granted
	 */
	public boolean hasScope(String scope) {
		return this.token.hasScope(scope);
	}

	/**
	 * @return the incoming webhook created by the {@code webhook.incoming} scope, if any
	 */
	public Optional<Webhook> webhook() {
		return this.token.webhook();
	}

	/**
	 * @return the guild the bot was added to through the code grant, if any
	 */
	public Optional<Guild> guild() {
		return this.token.guild();
	}

	/**
	 * @return the OpenID Connect id token, if any
	 */
	public Optional<String> idToken() {
		return this.token.idToken();
	}

	/**
	 * Trades this token's refresh token for a new token (store the new one); concurrent
	 * refreshes of one token share one request.
	 * @return the new token; {@link IllegalStateException} when this token has no refresh
	 * token
	 */
	public Mono<ReactiveAccessToken> refresh() {
		return Mono.defer(() -> client().refreshToken(this.token.requireRefreshToken("refresh")));
	}

	/**
	 * Revokes the refresh token and with it the whole authorization.
	 * @return completes once revoked
	 */
	public Mono<Void> revokeRefreshToken() {
		return Mono.defer(() -> client().revokeToken(this.token.requireRefreshToken("revokeRefreshToken"),
				TokenTypeHint.REFRESH_TOKEN));
	}

	/**
	 * @return a description with every token masked
	 */
	@Override
	public String toString() {
		return "Reactive" + this.token;
	}

}
