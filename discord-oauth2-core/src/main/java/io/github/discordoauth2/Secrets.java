package io.github.discordoauth2;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.HexFormat;

import org.jspecify.annotations.Nullable;

/**
 * Keeps tokens and secrets out of messages and gives them a stable identity without
 * revealing them.
 */
final class Secrets {

	static final String MASK = "***";

	/**
	 * One digest per thread: looking the algorithm up costs more than hashing a token, on
	 * every request.
	 */
	private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is not available", ex);
		}
	});

	private Secrets() {
	}

	/**
	 * @return a short SHA-256 hash of the credential: enough to tell tokens apart,
	 * useless to an attacker
	 */
	static String identity(@Nullable String credential) {
		if (credential == null || credential.isEmpty()) {
			return "";
		}
		// digest() resets the instance, so nothing of the credential stays behind in it.
		byte[] digest = SHA_256.get().digest(credential.getBytes(StandardCharsets.UTF_8));
		return HexFormat.of().formatHex(digest, 0, 12);
	}

	/**
	 * @return the text with every occurrence of each secret replaced by {@code ***}
	 */
	static String scrub(String text, Collection<String> secrets) {
		String result = text;
		for (String secret : secrets) {
			if (secret != null && secret.length() >= 4) {
				result = result.replace(secret, MASK);
			}
		}
		return result;
	}

	static String mask(@Nullable String secret) {
		return (secret != null) ? MASK : "null";
	}

}
