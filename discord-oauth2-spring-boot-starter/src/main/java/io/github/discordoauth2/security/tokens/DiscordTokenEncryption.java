package io.github.discordoauth2.security.tokens;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

import javax.crypto.spec.SecretKeySpec;

import org.jspecify.annotations.Nullable;

import org.springframework.security.crypto.encrypt.AesBytesEncryptor;
import org.springframework.security.crypto.encrypt.BytesEncryptor;
import org.springframework.security.crypto.keygen.KeyGenerators;
import org.springframework.util.Assert;

/**
 * How {@link JdbcDiscordTokenStore} keeps access and refresh tokens at rest: in clear
 * ({@link #none()}), or encrypted with AES-GCM through Spring Security Crypto's
 * {@link AesBytesEncryptor} (a random 96-bit nonce per value, a 128-bit tag; no cipher
 * code of the starter's own).
 *
 * <p>
 * A stored value names the key that wrote it, {@code {aes-gcm:<key id>}} followed by the
 * Base64 of nonce and ciphertext, so that keys can be rotated: values written under an
 * old key (or in clear, before encryption was turned on) are read with the old key, and
 * written under the current one the next time the entry is saved (a rotation, a login).
 * The encrypted text also names the row it was written for (registration and principal
 * name), so that a value copied to another user's row does not decrypt there. A value
 * that cannot be decrypted (no key for its id, a wrong key, another row's value) fails
 * with {@link DiscordTokenDecryptionException}; it never comes back as a garbled token.
 *
 * @since 0.1.0
 */
public final class DiscordTokenEncryption {

	private static final String PREFIX = "{aes-gcm:";

	private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9_.-]{1,32}");

	private static final DiscordTokenEncryption NONE = new DiscordTokenEncryption(null, Map.of());

	private final @Nullable String keyId;

	private final Map<String, BytesEncryptor> keys;

	private DiscordTokenEncryption(@Nullable String keyId, Map<String, BytesEncryptor> keys) {
		this.keyId = keyId;
		this.keys = keys;
	}

	/**
	 * Tokens stored in clear; encrypted values found in the table fail to read.
	 * @return the encryption that does not encrypt
	 */
	public static DiscordTokenEncryption none() {
		return NONE;
	}

	/**
	 * Tokens encrypted with AES-GCM under the given key; values written under the old
	 * keys are still read.
	 * @param keyId the id written beside every value encrypted from now on (letters,
	 * digits, {@code _ . -}, at most 32)
	 * @param key the AES key: 16, 24 or 32 bytes (32 recommended)
	 * @param oldKeys keys that wrote values still in the table, by their id
	 * @return the encryption
	 */
	public static DiscordTokenEncryption aesGcm(String keyId, byte[] key, Map<String, byte[]> oldKeys) {
		Assert.isTrue(isValidKeyId(keyId), "keyId must be 1 to 32 letters, digits, '_', '.' or '-'");
		Map<String, BytesEncryptor> keys = new LinkedHashMap<>();
		keys.put(keyId, encryptor(key));
		oldKeys.forEach((id, old) -> {
			Assert.isTrue(isValidKeyId(id), "old key ids must be 1 to 32 letters, digits, '_', '.' or '-'");
			Assert.isTrue(!id.equals(keyId), "an old key must not have the current key's id");
			keys.put(id, encryptor(old));
		});
		return new DiscordTokenEncryption(keyId, Map.copyOf(keys));
	}

	/**
	 * Whether a key id may be used: 1 to 32 letters, digits, {@code _ . -}.
	 * @param keyId the id
	 * @return whether it is valid
	 */
	public static boolean isValidKeyId(@Nullable String keyId) {
		return keyId != null && KEY_ID.matcher(keyId).matches();
	}

	/**
	 * Whether a key is one AES takes.
	 * @param key the key bytes
	 * @return whether it has 16, 24 or 32 bytes
	 */
	public static boolean isValidKey(byte @Nullable [] key) {
		return key != null && (key.length == 16 || key.length == 24 || key.length == 32);
	}

	private static BytesEncryptor encryptor(byte[] key) {
		Assert.isTrue(isValidKey(key), "an AES key has 16, 24 or 32 bytes");
		return new AesBytesEncryptor(new SecretKeySpec(key, "AES"), KeyGenerators.secureRandom(12),
				AesBytesEncryptor.CipherAlgorithm.GCM);
	}

	/**
	 * Whether values are encrypted when written.
	 * @return {@code false} for {@link #none()}
	 */
	public boolean isEnabled() {
		return this.keyId != null;
	}

	/**
	 * The id of the key that encrypts, or {@code null} when values are stored in clear.
	 * @return the current key id
	 */
	public @Nullable String keyId() {
		return this.keyId;
	}

	/**
	 * The id of the key a stored value was written with.
	 * @param stored the value as stored
	 * @return the key id, or {@code null} for a value stored in clear
	 */
	public static @Nullable String keyIdOf(String stored) {
		if (!stored.startsWith(PREFIX)) {
			return null;
		}
		int end = stored.indexOf('}', PREFIX.length());
		return (end > 0) ? stored.substring(PREFIX.length(), end) : null;
	}

	/**
	 * Encrypts a token for the row it is written to (or returns it as it is, without a
	 * key).
	 * @param token the token
	 * @param row the registration ID and principal name of the row, as
	 * {@code registrationId/principalName}
	 * @return the value to store
	 */
	public String encrypt(String token, String row) {
		String keyId = this.keyId;
		if (keyId == null) {
			return token;
		}
		BytesEncryptor encryptor = this.keys.get(keyId);
		Assert.state(encryptor != null, "the current key is missing");
		byte[] sealed = encryptor.encrypt(plaintext(row, token).getBytes(StandardCharsets.UTF_8));
		return PREFIX + keyId + "}" + Base64.getEncoder().encodeToString(sealed);
	}

	/**
	 * The token of a stored value: a value in clear as it is, an encrypted one decrypted
	 * with the key its id names.
	 * @param stored the value as stored
	 * @param row the registration ID and principal name of the row it was read from
	 * @return the token
	 * @throws DiscordTokenDecryptionException when there is no key for the value's id,
	 * the key does not decrypt it, or it was written for another row
	 */
	public String decrypt(String stored, String row) {
		String keyId = keyIdOf(stored);
		if (keyId == null) {
			// Written before encryption was turned on; encrypted on its next write.
			return stored;
		}
		BytesEncryptor encryptor = this.keys.get(keyId);
		if (encryptor == null) {
			throw new DiscordTokenDecryptionException(keyId, DiscordTokenDecryptionException.Reason.UNKNOWN_KEY);
		}
		String plaintext;
		try {
			byte[] sealed = Base64.getDecoder().decode(stored.substring(PREFIX.length() + keyId.length() + 1));
			plaintext = new String(encryptor.decrypt(sealed), StandardCharsets.UTF_8);
		}
		catch (RuntimeException ex) {
			// GCM's tag check: another key wrote it, or it was altered.
			throw new DiscordTokenDecryptionException(keyId, DiscordTokenDecryptionException.Reason.WRONG_KEY);
		}
		String expected = plaintext(row, "");
		if (!plaintext.startsWith(expected)) {
			throw new DiscordTokenDecryptionException(keyId, DiscordTokenDecryptionException.Reason.OTHER_ROW);
		}
		return plaintext.substring(expected.length());
	}

	private static String plaintext(String row, String token) {
		// Tokens, registration IDs and principal names hold no line break.
		return row + "\n" + token;
	}

	@Override
	public String toString() {
		return "DiscordTokenEncryption["
				+ (isEnabled() ? "aes-gcm, key id " + this.keyId + ", " + (this.keys.size() - 1) + " old keys" : "none")
				+ "]";
	}

}
