package io.github.discordoauth2.autoconfigure;

import java.time.Duration;

import io.github.discordoauth2.security.tokens.DiscordLogoutAction;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where and how the starter keeps each user's Discord tokens
 * ({@code discord.oauth2.token-store.*}).
 *
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
	}

	/**
	 * Where tokens are kept.
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
