package io.github.discordoauth2.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

import io.github.discordoauth2.exceptions.Credential;
import io.github.discordoauth2.exceptions.HttpException;
import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.core.OAuth2AccessToken;

/**
 * What both web stacks do when Discord refuses the user's access token (HTTP 401 on a
 * call made with it, {@link Credential#USER_TOKEN}) that a controller received, decided
 * once ({@link #recover}): the store is read again, and
 * <ul>
 * <li>when it holds a newer token (another request or instance refreshed it while this
 * one ran), a {@code GET} or {@code HEAD} is sent to the same URL again and runs with the
 * newer token, without a refresh of its own; any other request is answered HTTP 409 with
 * {@link #REPLACED_MESSAGE};</li>
 * <li>when it still holds the refused token, that token is marked for a refresh, so that
 * it is never handed out again, and a {@code GET} or {@code HEAD} is sent again (there
 * the token is refreshed, or the user logs in afresh); any other request is answered HTTP
 * 401 with {@link #MESSAGE};</li>
 * <li>when it holds nothing any more (the user logged out or revoked elsewhere), a
 * {@code GET} or {@code HEAD} is sent again, which leads to the login.</li>
 * </ul>
 * A request is sent again at most once per refused stored token (a newer token in the
 * store cannot loop). A 401 on a call with the bot token or the client secret is never
 * blamed on the user.
 * <p>
 * Public only for the starter's stack-specific classes; not an API to build on.
 */
public final class DiscordUnauthorized {

	/**
	 * What a request that is not repeated is answered, with HTTP 409, when the store
	 * holds a newer token than the one Discord refused.
	 */
	public static final String REPLACED_MESSAGE = "The user's Discord access token was replaced by a newer one "
			+ "(refreshed by another request) while this request ran, and Discord refused the old one (HTTP 401). "
			+ "Send the request again: it runs with the newer token.";

	/**
	 * What a request that is not repeated is answered when Discord refused the token the
	 * store still holds, with HTTP 401.
	 */
	public static final String MESSAGE = "Discord refused the user's access token (HTTP 401): the user removed the "
			+ "application from their Discord account, or the token was revoked. The token was set aside; open a "
			+ "page (GET) to log in with Discord again.";

	private DiscordUnauthorized() {
	}

	/**
	 * Whether Discord answered HTTP 401 somewhere in the cause chain.
	 * @param ex what a controller or job threw
	 * @return whether it comes from a 401
	 */
	public static boolean isUnauthorized(@Nullable Throwable ex) {
		for (Throwable current = ex; current != null; current = current.getCause()) {
			if (current instanceof HttpException http && http.status() == 401) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Whether Discord refused the user's access token: HTTP 401 on a call made with it,
	 * somewhere in the cause chain. A 401 on a call with the bot token or the client
	 * secret says nothing about the user's token.
	 * @param ex what a controller threw
	 * @return whether the user's token was refused
	 */
	public static boolean isUserTokenRefused(@Nullable Throwable ex) {
		for (Throwable current = ex; current != null; current = current.getCause()) {
			if (current instanceof HttpException http && http.status() == 401
					&& http.credential() == Credential.USER_TOKEN) {
				return true;
			}
		}
		return false;
	}

	/**
	 * What to do after Discord refused the user's access token that a controller
	 * received, from what the store holds now.
	 * @param stored the entry the store holds now, or {@code null} when it holds none;
	 * one marked expired already (set aside by a concurrent request, or by a refresh in
	 * progress elsewhere) is refreshed on its next use
	 * @param used the fingerprint of the access token the controller received
	 * @param method the request's HTTP method
	 * @param retried whether a request was already sent again for this very token after
	 * setting it aside (then it failed again: no loop)
	 * @param refreshOnUnauthorized whether to refresh a refused token that is still
	 * stored ({@code discord.oauth2.login.refresh-on-unauthorized})
	 * @return what to do, or {@code null} to leave the exception to the application
	 */
	public static @Nullable Recovery recover(@Nullable OAuth2AuthorizedClient stored, String used, String method,
			boolean retried, boolean refreshOnUnauthorized) {
		boolean storedSetAside = stored != null && isExpired(stored);
		String storedToken = (stored != null) ? fingerprint(stored.getAccessToken().getTokenValue()) : null;
		return recover(storedToken, storedSetAside, used, method, retried, refreshOnUnauthorized);
	}

	/**
	 * The entry with its access token marked expired, so that its next use refreshes it
	 * (any instant in the past will do).
	 * @param authorized the entry
	 * @return the entry set aside
	 */
	public static OAuth2AuthorizedClient setAside(OAuth2AuthorizedClient authorized) {
		OAuth2AccessToken token = authorized.getAccessToken();
		OAuth2AccessToken expired = new OAuth2AccessToken(token.getTokenType(), token.getTokenValue(), Instant.EPOCH,
				Instant.EPOCH.plusSeconds(1), token.getScopes());
		return new OAuth2AuthorizedClient(authorized.getClientRegistration(), authorized.getPrincipalName(), expired,
				authorized.getRefreshToken());
	}

	private static boolean isExpired(OAuth2AuthorizedClient stored) {
		Instant expiresAt = stored.getAccessToken().getExpiresAt();
		return expiresAt != null && !expiresAt.isAfter(Instant.now());
	}

	private static @Nullable Recovery recover(@Nullable String stored, boolean storedSetAside, String used,
			String method, boolean retried, boolean refreshOnUnauthorized) {
		if (stored != null && !stored.equals(used)) {
			// No loop to fear: the request runs again with the newer token, and every
			// concurrent request of the user that held the old one may do so too.
			return new Recovery(false, isRepeatable(method), 409, REPLACED_MESSAGE);
		}
		if (stored != null && storedSetAside) {
			// Being refreshed (here or on another instance): the next use waits for it.
			return new Recovery(false, isRepeatable(method), 401, MESSAGE);
		}
		if (!refreshOnUnauthorized) {
			return null;
		}
		if (stored == null) {
			return new Recovery(false, isRepeatable(method), 401, MESSAGE);
		}
		return new Recovery(true, isRepeatable(method) && !retried, 401, MESSAGE);
	}

	/**
	 * Whether a request may be sent again after a refresh or a fresh login: only
	 * {@code GET} and {@code HEAD}, as repeating anything else could repeat its effects.
	 * @param method the HTTP method
	 * @return whether to repeat it
	 */
	public static boolean isRepeatable(String method) {
		return "GET".equals(method) || "HEAD".equals(method);
	}

	/**
	 * A one-way fingerprint of a token, so that what is kept beyond a request (the tokens
	 * a request was sent again for) can recognise a token without holding it.
	 * @param token the token
	 * @return its SHA-256 in hex
	 */
	public static String fingerprint(String token) {
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			return HexFormat.of().formatHex(digest.digest(token.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is missing from this JVM", ex);
		}
	}

	/**
	 * What a web stack does after Discord refused the user's access token.
	 *
	 * @param setAside mark the stored token for a refresh (or forget it when it has no
	 * refresh token) before answering, and remember that the request was sent again for
	 * it
	 * @param sendAgain send the request to the same URL again (a redirect)
	 * @param status the HTTP status to answer with when it is not sent again
	 * @param message the reason to answer with when it is not sent again
	 */
	public record Recovery(boolean setAside, boolean sendAgain, int status, String message) {
	}

	/**
	 * The tokens a web stack has set aside and sent a request again for, so that a token
	 * that fails again after that is answered instead of looping: kept in memory (a
	 * session attribute written by concurrent requests of one user would collide in
	 * Spring Session JDBC), for the most recent ones only.
	 */
	public static final class Retries {

		private static final int MOST = 10_000;

		private final Map<String, Boolean> fingerprints = new LinkedHashMap<>(256, 0.75f, false) {

			@Override
			protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
				return size() > MOST;
			}

		};

		/**
		 * Whether a request was already sent again for this token.
		 * @param fingerprint the token's fingerprint
		 * @return whether it was
		 */
		public synchronized boolean retried(String fingerprint) {
			return this.fingerprints.containsKey(fingerprint);
		}

		/**
		 * Remembers that a request is sent again for this token.
		 * @param fingerprint the token's fingerprint
		 */
		public synchronized void remember(String fingerprint) {
			this.fingerprints.put(fingerprint, Boolean.TRUE);
		}

	}

}
