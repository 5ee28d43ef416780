package io.github.discordoauth2.security.tokens;

import java.io.Serial;

/**
 * A stored token could not be decrypted ({@link DiscordTokenEncryption}): the table holds
 * a value written under a key that is not configured, or under another key of the same
 * id, or one copied from another row. The message names the key id, never a token or a
 * key.
 *
 * @since 0.1.0
 */
public final class DiscordTokenDecryptionException extends IllegalStateException {

	@Serial
	private static final long serialVersionUID = 1L;

	/** The key id the stored value names. */
	private final String keyId;

	/** Why the value could not be decrypted. */
	private final Reason reason;

	/**
	 * Creates the exception.
	 * @param keyId the key id the stored value names
	 * @param reason why it could not be decrypted
	 */
	public DiscordTokenDecryptionException(String keyId, Reason reason) {
		super(message(keyId, reason));
		this.keyId = keyId;
		this.reason = reason;
	}

	private static String message(String keyId, Reason reason) {
		return switch (reason) {
			case UNKNOWN_KEY -> "A stored Discord token was encrypted with key id '" + keyId
					+ "', for which no key is configured (discord.oauth2.token-store.encryption.key and key-id, "
					+ "or old-keys." + keyId + ")";
			case WRONG_KEY -> "A stored Discord token does not decrypt with the key configured for key id '" + keyId
					+ "' (discord.oauth2.token-store.encryption)";
			case OTHER_ROW -> "A stored Discord token encrypted with key id '" + keyId
					+ "' was written for another row of the table: it was copied there";
		};
	}

	/**
	 * The key id the stored value names.
	 * @return the key id
	 */
	public String keyId() {
		return this.keyId;
	}

	/**
	 * Why the value could not be decrypted.
	 * @return the reason
	 */
	public Reason reason() {
		return this.reason;
	}

	/**
	 * Why a stored value could not be decrypted.
	 *
	 * @since 0.1.0
	 */
	public enum Reason {

		/**
		 * No key is configured for the value's key id.
		 */
		UNKNOWN_KEY,

		/**
		 * The key configured for the id does not decrypt the value (another key wrote it,
		 * or the value was altered).
		 */
		WRONG_KEY,

		/**
		 * The value decrypts, but was written for another row.
		 */
		OTHER_ROW

	}

}
