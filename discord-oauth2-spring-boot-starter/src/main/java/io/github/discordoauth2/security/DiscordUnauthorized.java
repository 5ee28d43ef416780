package io.github.discordoauth2.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import io.github.discordoauth2.exceptions.HttpException;
import org.jspecify.annotations.Nullable;

/**
 * What both web stacks do when Discord answers HTTP 401 to the token a controller
 * received, decided once: a {@code GET} or {@code HEAD} is sent to the same URL again
 * (there the token is refreshed, or the user logs in afresh), at most once per token; any
 * other request is answered 401 with {@link #MESSAGE}. Either way the stored token is
 * marked for a refresh first, so that it is never handed out again. The starter acts only
 * after Discord confirmed that the very token is refused ({@code GET /oauth2/@me}).
 * <p>
 * Public only for the starter's stack-specific classes; not an API to build on.
 */
public final class DiscordUnauthorized {

	/**
	 * What a request that is not repeated is answered, with HTTP 401.
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
	 * Whether a request may be sent again after a refresh or a fresh login: only
	 * {@code GET} and {@code HEAD}, as repeating anything else could repeat its effects.
	 * @param method the HTTP method
	 * @return whether to repeat it
	 */
	public static boolean isRepeatable(String method) {
		return "GET".equals(method) || "HEAD".equals(method);
	}

	/**
	 * A one-way fingerprint of a token, so that request and session attributes can
	 * recognise a token without holding it.
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

}
