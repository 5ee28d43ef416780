package io.github.discordoauth2.security.tokens;

/**
 * What revoking a user's authorization came to ({@link DiscordTokens#revoke(long)},
 * {@link DiscordAccountLinks#disconnect}, logout with
 * {@code discord.oauth2.token-store.on-logout=revoke}), so that the user can be told the
 * truth. The stored tokens are forgotten in every case; only Discord's side can fail.
 *
 * <p>
 * After a logout or a disconnect the outcome is also left in the request's (servlet) or
 * exchange's (WebFlux) attributes under {@link #ATTRIBUTE}, for the page that follows.
 *
 * @since 0.1.0
 */
public enum DiscordRevocation {

	/**
	 * No tokens were stored for the user, so there was nothing to revoke.
	 */
	NOTHING_STORED,

	/**
	 * Discord confirmed the revocation of every stored token: the authorization is over.
	 */
	REVOKED,

	/**
	 * The stored tokens are forgotten, but Discord did not confirm their revocation
	 * (unreachable, rate-limited, or an error): the authorization may still be live at
	 * Discord, where the user can remove the application themselves (User Settings,
	 * Authorized Apps). The cause is logged at WARN level, without any token.
	 */
	FAILED;

	/**
	 * Name of the request or exchange attribute that holds the outcome of a revocation
	 * made during the request (a logout or a disconnect).
	 */
	public static final String ATTRIBUTE = DiscordRevocation.class.getName();

	/**
	 * Whether tokens were stored (and are forgotten now).
	 * @return {@code false} only for {@link #NOTHING_STORED}
	 */
	public boolean tokensWereStored() {
		return this != NOTHING_STORED;
	}

}
