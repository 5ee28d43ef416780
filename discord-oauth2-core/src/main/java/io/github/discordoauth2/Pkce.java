package io.github.discordoauth2;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * A PKCE pair: keep {@link #verifier()} in the user's session, put {@link #challenge()}
 * (S256) into the authorize URL, then pass the verifier to
 * {@link Client#exchangeCode(String, String)}.
 *
 * @param verifier the secret code verifier (43 URL-safe characters)
 * @param challenge the S256 challenge of the verifier
 * @since 0.1.0
 */
public record Pkce(String verifier, String challenge) {

	/** The only challenge method this library sends. */
	public static final String METHOD = "S256";

	private static final SecureRandom RANDOM = new SecureRandom();

	/**
	 * Checks that the verifier is a valid RFC 7636 verifier and the challenge matches it.
	 * @param verifier the secret code verifier (43 URL-safe characters)
	 * @param challenge the S256 challenge of the verifier
	 */
	public Pkce {
		Args.notBlank(verifier, "verifier");
		if (verifier.length() < 43 || verifier.length() > 128 || !verifier.matches("[A-Za-z0-9\\-._~]+")) {
			throw new IllegalArgumentException(
					"verifier must be 43 to 128 characters of A-Z, a-z, 0-9, '-', '.', '_' or '~' (RFC 7636)");
		}
		if (!challengeOf(verifier).equals(challenge)) {
			throw new IllegalArgumentException(
					"challenge must be the S256 challenge of verifier; use Pkce.of(verifier)");
		}
	}

	/**
	 * @return a new pair with a verifier from 32 {@link SecureRandom} bytes
	 */
	public static Pkce create() {
		byte[] bytes = new byte[32];
		RANDOM.nextBytes(bytes);
		return of(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
	}

	/**
	 * Rebuilds the pair for a verifier kept earlier.
	 * @param verifier the code verifier
	 * @return the pair with the matching challenge
	 */
	public static Pkce of(String verifier) {
		return new Pkce(verifier, challengeOf(verifier));
	}

	/**
	 * Computes the S256 challenge: BASE64URL(SHA-256(ASCII(verifier))) without padding.
	 * @param verifier the code verifier
	 * @return the challenge
	 */
	public static String challengeOf(String verifier) {
		Args.notBlank(verifier, "verifier");
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
			return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is not available", ex);
		}
	}

	/**
	 * @return the challenge method, always {@code S256}
	 */
	public String method() {
		return METHOD;
	}

	/**
	 * @return a description with the verifier masked
	 */
	@Override
	public String toString() {
		return "Pkce[verifier=***, challenge=" + this.challenge + ", method=S256]";
	}

}
