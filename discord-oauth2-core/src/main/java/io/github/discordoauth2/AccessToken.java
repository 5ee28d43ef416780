package io.github.discordoauth2;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

import io.github.discordoauth2.model.Guild;
import io.github.discordoauth2.model.Webhook;
import org.jspecify.annotations.Nullable;

/**
 * A token from a grant (code exchange, refresh, client credentials) or restored from
 * storage: the access token plus its refresh token, absolute expiry, scopes and the
 * grant's extras. Immutable; {@link #toString()} masks every token.
 *
 * <p>
 * The expiry of a token from a grant is computed from the token endpoint's
 * {@code expires_in} when the answer arrived, clamped to [0, {@link #MAX_EXPIRES_IN}]:
 * zero or a negative value gives a token that is already expired (refresh it), a value
 * beyond a year (Discord's tokens last 7 days) is taken as a year, so that an absurd
 * answer such as {@code 1e18} neither overflows nor keeps a token alive for ever.
 *
 * @since 0.1.0
 */
public final class AccessToken extends PartialAccessToken {

	/**
	 * The longest lifetime taken from a token response's {@code expires_in} (365 days).
	 */
	public static final Duration MAX_EXPIRES_IN = Duration.ofDays(365);

	private final String tokenType;

	private final @Nullable String refreshToken;

	private final @Nullable Instant expiresAt;

	private final Set<String> scopes;

	private final @Nullable Webhook webhook;

	private final @Nullable Guild guild;

	private final @Nullable String idToken;

	AccessToken(Client client, String token, String tokenType, @Nullable String refreshToken,
			@Nullable Instant expiresAt, Set<String> scopes, @Nullable Webhook webhook, @Nullable Guild guild,
			@Nullable String idToken) {
		super(client, token);
		this.tokenType = tokenType;
		this.refreshToken = refreshToken;
		this.expiresAt = expiresAt;
		this.scopes = Collections.unmodifiableSet(new LinkedHashSet<>(scopes));
		this.webhook = webhook;
		this.guild = guild;
		this.idToken = idToken;
	}

	/**
	 * @return the token type, {@code Bearer}
	 */
	public String tokenType() {
		return this.tokenType;
	}

	/**
	 * @return the refresh token (a secret), or {@code null} for client credentials and
	 * implicit grants
	 */
	public @Nullable String refreshToken() {
		return this.refreshToken;
	}

	/**
	 * @return when the access token expires (computed when it was received from
	 * {@code expires_in}, clamped to at most {@link #MAX_EXPIRES_IN} after that), or
	 * {@code null} if unknown
	 */
	public @Nullable Instant expiresAt() {
		return this.expiresAt;
	}

	/**
	 * @return whether the access token has expired, by the client's clock; {@code false}
	 * when the expiry is unknown
	 */
	public boolean isExpired() {
		return isExpired(Duration.ZERO);
	}

	/**
	 * Tells whether the token expires within a margin, so it can be refreshed before a
	 * call fails.
	 * @param margin how long before the expiry the token already counts as expired
	 * @return whether the token expires within the margin; {@code false} when the expiry
	 * is unknown
	 */
	public boolean isExpired(Duration margin) {
		Args.notNull(margin, "margin");
		return this.expiresAt != null && !client().clock().instant().plus(margin).isBefore(this.expiresAt);
	}

	/**
	 * @return the scopes Discord granted (may differ from those requested)
	 */
	public Set<String> scopes() {
		return this.scopes;
	}

	/**
	 * Tells whether a scope was granted.
	 * @param scope a scope such as {@link Scopes#EMAIL}
	 * @return whether it was granted
	 */
	public boolean hasScope(String scope) {
		return this.scopes.contains(scope);
	}

	/**
	 * @return the incoming webhook created by the {@code webhook.incoming} scope, if any
	 */
	public Optional<Webhook> webhook() {
		return Optional.ofNullable(this.webhook);
	}

	/**
	 * @return the guild the bot was added to through the code grant, if any
	 */
	public Optional<Guild> guild() {
		return Optional.ofNullable(this.guild);
	}

	/**
	 * @return the OpenID Connect id token (scope {@code openid}), if any
	 */
	public Optional<String> idToken() {
		return Optional.ofNullable(this.idToken);
	}

	/**
	 * Trades this token's refresh token for a new token (Discord rotates the refresh
	 * token: store the new one).
	 * @return the new token
	 * @throws IllegalStateException when this token has no refresh token
	 * @throws io.github.discordoauth2.exceptions.InvalidGrantException when the refresh
	 * token is no longer valid
	 */
	public AccessToken refresh() {
		return client().refreshToken(requireRefreshToken("refresh"));
	}

	/**
	 * Revokes the refresh token and with it the whole authorization.
	 * @throws IllegalStateException when this token has no refresh token
	 */
	public void revokeRefreshToken() {
		client().revokeToken(requireRefreshToken("revokeRefreshToken"), TokenTypeHint.REFRESH_TOKEN);
	}

	/**
	 * @return a description with every token masked
	 */
	@Override
	public String toString() {
		return "AccessToken[clientId=" + Long.toUnsignedString(client().clientId()) + ", tokenType=" + this.tokenType
				+ ", token=***, refreshToken=" + Secrets.mask(this.refreshToken) + ", expiresAt=" + this.expiresAt
				+ ", scopes=" + this.scopes + ", webhook=" + this.webhook + ", guild="
				+ ((this.guild != null) ? this.guild.id() : null) + ", idToken=" + Secrets.mask(this.idToken) + "]";
	}

	String requireRefreshToken(String operation) {
		if (this.refreshToken == null) {
			throw new IllegalStateException("this token has no refreshToken, so " + operation
					+ " is impossible (client credentials and implicit grants have none)");
		}
		return this.refreshToken;
	}

}
