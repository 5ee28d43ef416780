package io.github.discordoauth2.autoconfigure;

import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import io.github.discordoauth2.security.tokens.DiscordLogoutAction;
import io.github.discordoauth2.security.tokens.DiscordTokenEncryption;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.StringUtils;

/**
 * Where and how the starter keeps each user's Discord tokens
 * ({@code discord.oauth2.token-store.*}).
 *
 * @since 0.1.0
 */
@ConfigurationProperties(DiscordTokenStoreProperties.PREFIX)
public class DiscordTokenStoreProperties {

	/**
	 * Prefix of the token store properties.
	 */
	public static final String PREFIX = DiscordOAuth2Properties.PREFIX + ".token-store";

	/**
	 * Where tokens are kept: "jdbc" (the oauth2_authorized_client table of the
	 * application's DataSource, shared by every instance) or "memory" (this instance
	 * only, lost on restart). When not set: jdbc if the application has a DataSource,
	 * else memory.
	 */
	private @Nullable Type type;

	/**
	 * Whether to create the oauth2_authorized_client table at startup: "embedded" (only
	 * for an embedded database such as H2), "always" or "never", like
	 * spring.session.jdbc.initialize-schema.
	 */
	private InitializeSchema initializeSchema = InitializeSchema.EMBEDDED;

	/**
	 * What logging out does to the user's stored tokens: "keep" them for work without the
	 * user (e.g. linked-roles updates), "remove" them, or "revoke" the authorization at
	 * Discord and remove them. When not set: revoke if
	 * discord.oauth2.login.revoke-on-logout is set, else keep.
	 */
	private @Nullable DiscordLogoutAction onLogout;

	/**
	 * How long before its recorded expiry an access token is refreshed, so that a token
	 * handed out does not die during the request.
	 */
	private Duration refreshAhead = Duration.ofSeconds(60);

	/**
	 * How long a refresh that Discord refused (invalid_grant) waits for another instance,
	 * which rotated the token at the same moment, to store the new one before the user's
	 * tokens count as revoked.
	 */
	private Duration raceWait = Duration.ofSeconds(3);

	/**
	 * Most users the memory store holds; the least recently used go first beyond it.
	 */
	private int memoryMaxUsers = 10_000;

	private final Encryption encryption = new Encryption();

	private final Cache cache = new Cache();

	/**
	 * Returns the value of {@code discord.oauth2.token-store.type}.
	 * @return the configured value, or {@code null} to choose by the DataSource
	 */
	public @Nullable Type getType() {
		return this.type;
	}

	/**
	 * Sets {@code discord.oauth2.token-store.type}.
	 * @param type the new value
	 */
	public void setType(@Nullable Type type) {
		this.type = type;
	}

	/**
	 * Returns the value of {@code discord.oauth2.token-store.initialize-schema}.
	 * @return the configured value
	 */
	public InitializeSchema getInitializeSchema() {
		return this.initializeSchema;
	}

	/**
	 * Sets {@code discord.oauth2.token-store.initialize-schema}.
	 * @param initializeSchema the new value
	 */
	public void setInitializeSchema(InitializeSchema initializeSchema) {
		this.initializeSchema = initializeSchema;
	}

	/**
	 * Returns the value of {@code discord.oauth2.token-store.on-logout}.
	 * @return the configured value, or {@code null} when not set
	 */
	public @Nullable DiscordLogoutAction getOnLogout() {
		return this.onLogout;
	}

	/**
	 * Sets {@code discord.oauth2.token-store.on-logout}.
	 * @param onLogout the new value
	 */
	public void setOnLogout(@Nullable DiscordLogoutAction onLogout) {
		this.onLogout = onLogout;
	}

	/**
	 * Returns the value of {@code discord.oauth2.token-store.refresh-ahead}.
	 * @return the configured value
	 */
	public Duration getRefreshAhead() {
		return this.refreshAhead;
	}

	/**
	 * Sets {@code discord.oauth2.token-store.refresh-ahead}.
	 * @param refreshAhead the new value
	 */
	public void setRefreshAhead(Duration refreshAhead) {
		this.refreshAhead = refreshAhead;
	}

	/**
	 * Returns the value of {@code discord.oauth2.token-store.race-wait}.
	 * @return the configured value
	 */
	public Duration getRaceWait() {
		return this.raceWait;
	}

	/**
	 * Sets {@code discord.oauth2.token-store.race-wait}.
	 * @param raceWait the new value
	 */
	public void setRaceWait(Duration raceWait) {
		this.raceWait = raceWait;
	}

	/**
	 * Returns the value of {@code discord.oauth2.token-store.memory-max-users}.
	 * @return the configured value
	 */
	public int getMemoryMaxUsers() {
		return this.memoryMaxUsers;
	}

	/**
	 * Sets {@code discord.oauth2.token-store.memory-max-users}.
	 * @param memoryMaxUsers the new value
	 */
	public void setMemoryMaxUsers(int memoryMaxUsers) {
		this.memoryMaxUsers = memoryMaxUsers;
	}

	/**
	 * Returns the {@code discord.oauth2.token-store.encryption.*} settings.
	 * @return the nested settings
	 */
	public Encryption getEncryption() {
		return this.encryption;
	}

	/**
	 * Returns the {@code discord.oauth2.token-store.cache.*} settings.
	 * @return the nested settings
	 */
	public Cache getCache() {
		return this.cache;
	}

	/**
	 * The logout action in force.
	 * @param revokeOnLogout the value of {@code discord.oauth2.login.revoke-on-logout}
	 * @return {@link #getOnLogout()} when set, else what the older property asks for
	 */
	public DiscordLogoutAction logoutAction(boolean revokeOnLogout) {
		return DiscordLogoutAction.of(this.onLogout, revokeOnLogout);
	}

	void validate() {
		if (this.refreshAhead == null || this.refreshAhead.isNegative()) {
			throw new DiscordOAuth2ConfigurationException(PREFIX + ".refresh-ahead", "must not be negative",
					"Set " + PREFIX + ".refresh-ahead to a duration such as 60s, or 0 to refresh only expired tokens.");
		}
		if (this.raceWait == null || this.raceWait.isNegative()) {
			throw new DiscordOAuth2ConfigurationException(PREFIX + ".race-wait", "must not be negative",
					"Set " + PREFIX + ".race-wait to a duration such as 3s.");
		}
		if (this.memoryMaxUsers < 1) {
			throw new DiscordOAuth2ConfigurationException(PREFIX + ".memory-max-users", "must be at least 1",
					"Set " + PREFIX + ".memory-max-users to the number of users one instance may hold, e.g. 10000.");
		}
		Duration ttl = this.cache.getTimeToLive();
		if (ttl == null || ttl.isNegative()) {
			throw new DiscordOAuth2ConfigurationException(PREFIX + ".cache.time-to-live", "must not be negative",
					"Set " + PREFIX + ".cache.time-to-live to a duration such as 30s, or 0 to read the store on every "
							+ "request.");
		}
		if (this.cache.getMaxUsers() < 1) {
			throw new DiscordOAuth2ConfigurationException(PREFIX + ".cache.max-users", "must be at least 1",
					"Set " + PREFIX + ".cache.max-users to the number of users one instance may keep, e.g. 10000.");
		}
	}

	/**
	 * Each instance's copy of its users' current tokens, in front of a store that is not
	 * in memory (the JDBC store), so that a request that takes a token does not read the
	 * database while the token is known to be current.
	 *
	 * @since 0.1.0
	 */
	public static class Cache {

		/**
		 * How long an instance serves a token it read from the store before reading it
		 * again: the longest another instance's refresh, logout or revocation can go
		 * unseen here (a token refused by Discord meanwhile is read again at once).
		 * Writes of the same instance are seen at once. 0 reads the store on every
		 * request.
		 */
		private Duration timeToLive = Duration.ofSeconds(30);

		/**
		 * Most users whose tokens one instance keeps; beyond it the ones read longest ago
		 * go first.
		 */
		private int maxUsers = 10_000;

		/**
		 * Returns the value of {@code discord.oauth2.token-store.cache.time-to-live}.
		 * @return the configured value
		 */
		public Duration getTimeToLive() {
			return this.timeToLive;
		}

		/**
		 * Sets {@code discord.oauth2.token-store.cache.time-to-live}.
		 * @param timeToLive the new value
		 */
		public void setTimeToLive(Duration timeToLive) {
			this.timeToLive = timeToLive;
		}

		/**
		 * Returns the value of {@code discord.oauth2.token-store.cache.max-users}.
		 * @return the configured value
		 */
		public int getMaxUsers() {
			return this.maxUsers;
		}

		/**
		 * Sets {@code discord.oauth2.token-store.cache.max-users}.
		 * @param maxUsers the new value
		 */
		public void setMaxUsers(int maxUsers) {
			this.maxUsers = maxUsers;
		}

	}

	/**
	 * Encryption of the tokens at rest in the JDBC store.
	 *
	 * @since 0.1.0
	 */
	public static class Encryption {

		/**
		 * AES key (Base64 of 32 random bytes, e.g. from "openssl rand -base64 32") that
		 * encrypts the access and refresh tokens in the oauth2_authorized_client table
		 * with AES-GCM. Take it from an environment variable. When not set, tokens are
		 * stored in clear.
		 */
		private @Nullable String key;

		/**
		 * Id of the key, stored beside every token it encrypts so that the key can be
		 * rotated: give a new key a new id and move the old one to old-keys.
		 */
		private String keyId = "1";

		/**
		 * Keys that encrypted tokens still in the table, by their id (Base64, like key).
		 * Tokens are read with them and encrypted with the current key on their next
		 * write.
		 */
		private Map<String, String> oldKeys = new LinkedHashMap<>();

		/**
		 * Returns the value of {@code discord.oauth2.token-store.encryption.key}.
		 * @return the configured value, or {@code null} when not set
		 */
		public @Nullable String getKey() {
			return this.key;
		}

		/**
		 * Sets {@code discord.oauth2.token-store.encryption.key}.
		 * @param key the new value
		 */
		public void setKey(@Nullable String key) {
			this.key = key;
		}

		/**
		 * Returns the value of {@code discord.oauth2.token-store.encryption.key-id}.
		 * @return the configured value
		 */
		public String getKeyId() {
			return this.keyId;
		}

		/**
		 * Sets {@code discord.oauth2.token-store.encryption.key-id}.
		 * @param keyId the new value
		 */
		public void setKeyId(String keyId) {
			this.keyId = keyId;
		}

		/**
		 * Returns the value of {@code discord.oauth2.token-store.encryption.old-keys}.
		 * @return the configured keys by id
		 */
		public Map<String, String> getOldKeys() {
			return this.oldKeys;
		}

		/**
		 * Sets {@code discord.oauth2.token-store.encryption.old-keys}.
		 * @param oldKeys the new value
		 */
		public void setOldKeys(Map<String, String> oldKeys) {
			this.oldKeys = oldKeys;
		}

		/**
		 * The encryption these settings describe, checked: a key that is not Base64 or
		 * not 16, 24 or 32 bytes stops startup naming the property (never its value).
		 */
		DiscordTokenEncryption toEncryption() {
			String key = this.key;
			if (!StringUtils.hasText(key)) {
				return DiscordTokenEncryption.none();
			}
			String keyIdProperty = PREFIX + ".encryption.key-id";
			if (!DiscordTokenEncryption.isValidKeyId(this.keyId)) {
				throw new DiscordOAuth2ConfigurationException(keyIdProperty,
						"must be 1 to 32 letters, digits, '_', '.' or '-'",
						"Set " + keyIdProperty + " to a short name for the key, such as 1 or 2026-01.");
			}
			byte[] current = decodeKey(key, PREFIX + ".encryption.key");
			Map<String, byte[]> old = new LinkedHashMap<>();
			this.oldKeys.forEach((id, value) -> {
				String property = PREFIX + ".encryption.old-keys." + id;
				if (!DiscordTokenEncryption.isValidKeyId(id) || id.equals(this.keyId)) {
					throw new DiscordOAuth2ConfigurationException(property,
							"has an id that is not 1 to 32 letters, digits, '_', '.' or '-', or is the current "
									+ keyIdProperty,
							"Name each old key by the key id it was used under, other than the current key-id.");
				}
				old.put(id, decodeKey(value, property));
			});
			return DiscordTokenEncryption.aesGcm(this.keyId, current, old);
		}

		private static byte[] decodeKey(String value, String property) {
			byte[] key;
			try {
				key = Base64.getDecoder().decode(value.strip());
			}
			catch (IllegalArgumentException ex) {
				throw new DiscordOAuth2ConfigurationException(property, "is not Base64",
						"Set " + property + " to the Base64 of a random AES key, e.g. the output of "
								+ "'openssl rand -base64 32', preferably from an environment variable.");
			}
			if (!DiscordTokenEncryption.isValidKey(key)) {
				throw new DiscordOAuth2ConfigurationException(property,
						"is " + key.length + " bytes long; an AES key has 16, 24 or 32",
						"Set " + property + " to the Base64 of 32 random bytes, e.g. 'openssl rand -base64 32'.");
			}
			return key;
		}

	}

	/**
	 * Where tokens are kept.
	 *
	 * @since 0.1.0
	 */
	public enum Type {

		/**
		 * In the application's database, shared by every instance and kept over restarts.
		 */
		JDBC,

		/**
		 * In this instance's memory only.
		 */
		MEMORY

	}

	/**
	 * When the oauth2_authorized_client table is created (the values of Spring Boot's
	 * {@code DatabaseInitializationMode}, which is not on every class path).
	 *
	 * @since 0.1.0
	 */
	public enum InitializeSchema {

		/**
		 * Only for an embedded database (H2, HSQLDB, Derby).
		 */
		EMBEDDED,

		/**
		 * Always (the script skips a table that exists).
		 */
		ALWAYS,

		/**
		 * Never: the application creates the table itself.
		 */
		NEVER

	}

}
