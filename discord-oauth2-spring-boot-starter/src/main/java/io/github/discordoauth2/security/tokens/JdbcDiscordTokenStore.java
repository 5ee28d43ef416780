package io.github.discordoauth2.security.tokens;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;

import javax.sql.DataSource;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.BadSqlGrammarException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.JdbcOAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.Assert;

/**
 * Keeps Discord tokens in the {@code oauth2_authorized_client} table of Spring Security's
 * {@link JdbcOAuth2AuthorizedClientService}, with the Discord user ID in
 * {@code principal_name}. Every instance of an application that shares the database
 * shares the tokens, and they survive restarts.
 *
 * <p>
 * Beyond Spring Security's service it removes an entry only while it still matches (under
 * a row lock, {@code SELECT ... FOR UPDATE}) and walks the user IDs in pages (keyset
 * pagination on the primary key). The links of account linking live in a second table,
 * {@code discord_account_link} (registration, hex SHA-256 of the local account key,
 * Discord user ID), and the leases of jobs that one instance runs for all
 * ({@link DiscordJobLeases}) in a third, {@code discord_job_lease}, created by the same
 * schema scripts. Link keys are hashed so that they compare exactly whatever the column's
 * collation and no user name is stored. The SQL runs on PostgreSQL, MySQL, MariaDB and
 * H2. Access and refresh tokens are sealed with the {@link DiscordTokenEncryption} given
 * (AES-GCM) before they reach the table; without a key they are stored in clear, as
 * Spring Security stores them.
 *
 * @since 0.1.0
 */
public class JdbcDiscordTokenStore extends JdbcOAuth2AuthorizedClientService
		implements DiscordTokenStore, DiscordJobLeases {

	private static final String TABLE = "oauth2_authorized_client";

	private static final String LOCK_SQL = "SELECT principal_name FROM " + TABLE
			+ " WHERE client_registration_id = ? AND principal_name = ? FOR UPDATE";

	private static final String DELETE_SQL = "DELETE FROM " + TABLE
			+ " WHERE client_registration_id = ? AND principal_name = ?";

	private static final String PAGE_SQL = "SELECT principal_name FROM " + TABLE
			+ " WHERE client_registration_id = ? AND principal_name > ? ORDER BY principal_name LIMIT ?";

	private static final String LINK_TABLE = "discord_account_link";

	private static final String LINK_SELECT_SQL = "SELECT discord_user_id FROM " + LINK_TABLE
			+ " WHERE client_registration_id = ? AND account_key = ?";

	private static final String LINK_UPDATE_SQL = "UPDATE " + LINK_TABLE
			+ " SET discord_user_id = ? WHERE client_registration_id = ? AND account_key = ?";

	private static final String LINK_INSERT_SQL = "INSERT INTO " + LINK_TABLE
			+ " (client_registration_id, account_key, discord_user_id) VALUES (?, ?, ?)";

	private static final String LINK_DELETE_SQL = "DELETE FROM " + LINK_TABLE
			+ " WHERE client_registration_id = ? AND account_key = ?";

	private static final String LEASE_TABLE = "discord_job_lease";

	private static final String LEASE_TAKE_SQL = "UPDATE " + LEASE_TABLE
			+ " SET locked_until = ?, locked_at = ?, locked_by = ? WHERE job_name = ? AND locked_until <= ?";

	private static final String LEASE_INSERT_SQL = "INSERT INTO " + LEASE_TABLE
			+ " (job_name, locked_until, locked_at, locked_by) VALUES (?, ?, ?, ?)";

	private static final String LINK_COUNT_SQL = "SELECT COUNT(*) FROM " + LINK_TABLE
			+ " WHERE client_registration_id = ? AND discord_user_id = ?";

	private static final String SAMPLE_SQL = "SELECT client_registration_id, principal_name, access_token_value, "
			+ "refresh_token_value FROM " + TABLE;

	private static final int SAMPLE_ROWS = 100;

	private static final Log logger = LogFactory.getLog(JdbcDiscordTokenStore.class);

	private final TransactionTemplate transactions;

	private final TransactionTemplate leaseTransactions;

	private final String leaseHolder = leaseHolder();

	private Clock leaseClock = Clock.systemUTC();

	private final DiscordTokenEncryption encryption;

	/**
	 * Creates the store, keeping tokens in clear.
	 * @param jdbcTemplate runs the SQL; its {@link DataSource} holds the table
	 * @param clientRegistrationRepository rebuilds the registration of a stored entry
	 */
	public JdbcDiscordTokenStore(JdbcTemplate jdbcTemplate, ClientRegistrationRepository clientRegistrationRepository) {
		this(jdbcTemplate, clientRegistrationRepository, DiscordTokenEncryption.none());
	}

	/**
	 * Creates the store.
	 * @param jdbcTemplate runs the SQL; its {@link DataSource} holds the table
	 * @param clientRegistrationRepository rebuilds the registration of a stored entry
	 * @param encryption how access and refresh tokens are kept at rest
	 */
	public JdbcDiscordTokenStore(JdbcTemplate jdbcTemplate, ClientRegistrationRepository clientRegistrationRepository,
			DiscordTokenEncryption encryption) {
		super(jdbcTemplate, clientRegistrationRepository);
		DataSource dataSource = jdbcTemplate.getDataSource();
		Assert.notNull(dataSource, "jdbcTemplate must have a DataSource");
		Assert.notNull(encryption, "encryption must not be null");
		DataSourceTransactionManager transactionManager = new DataSourceTransactionManager(dataSource);
		this.transactions = new TransactionTemplate(transactionManager);
		// A lease is taken in a transaction of its own: on PostgreSQL a refused insert
		// would otherwise abort the application's surrounding transaction.
		this.leaseTransactions = new TransactionTemplate(transactionManager);
		this.leaseTransactions.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		this.encryption = encryption;
		// Spring Security's own mappers, with the tokens sealed on the way in and opened
		// on the way out: every read and write of the service goes through them.
		RowMapper<OAuth2AuthorizedClient> rows = new OAuth2AuthorizedClientRowMapper(clientRegistrationRepository);
		setAuthorizedClientRowMapper((resultSet, rowNum) -> {
			OAuth2AuthorizedClient stored = rows.mapRow(resultSet, rowNum);
			if (stored == null) {
				throw new IllegalStateException("Spring Security's row mapper returned no authorized client");
			}
			return open(stored);
		});
		OAuth2AuthorizedClientParametersMapper parameters = new OAuth2AuthorizedClientParametersMapper();
		setAuthorizedClientParametersMapper((holder) -> parameters.apply(new OAuth2AuthorizedClientHolder(
				seal(holder.getAuthorizedClient(), holder.getPrincipal().getName()), holder.getPrincipal())));
	}

	/**
	 * Reads up to 100 stored entries and decrypts their tokens, so that a key missing for
	 * a key id in the table, or a wrong key, shows at startup rather than at a user's
	 * request. A table that does not exist yet is skipped.
	 * @throws DiscordTokenDecryptionException when a stored token cannot be decrypted
	 */
	public void checkStoredTokens() {
		try {
			this.jdbcOperations.query((connection) -> {
				PreparedStatement statement = connection.prepareStatement(SAMPLE_SQL);
				statement.setMaxRows(SAMPLE_ROWS);
				return statement;
			}, (RowCallbackHandler) (resultSet) -> {
				String row = resultSet.getString("client_registration_id") + "/"
						+ resultSet.getString("principal_name");
				byte[] access = resultSet.getBytes("access_token_value");
				byte[] refresh = resultSet.getBytes("refresh_token_value");
				if (access != null) {
					this.encryption.decrypt(new String(access, StandardCharsets.UTF_8), row);
				}
				if (refresh != null) {
					this.encryption.decrypt(new String(refresh, StandardCharsets.UTF_8), row);
				}
			});
		}
		catch (BadSqlGrammarException ex) {
			logger.debug("Could not read " + TABLE + " to check its tokens (does it exist yet?)");
		}
	}

	private OAuth2AuthorizedClient seal(OAuth2AuthorizedClient client, String principalName) {
		if (!this.encryption.isEnabled()) {
			return client;
		}
		String row = client.getClientRegistration().getRegistrationId() + "/" + principalName;
		OAuth2RefreshToken refreshToken = client.getRefreshToken();
		return withTokens(client, this.encryption.encrypt(client.getAccessToken().getTokenValue(), row),
				(refreshToken != null) ? this.encryption.encrypt(refreshToken.getTokenValue(), row) : null);
	}

	private OAuth2AuthorizedClient open(OAuth2AuthorizedClient stored) {
		String row = stored.getClientRegistration().getRegistrationId() + "/" + stored.getPrincipalName();
		OAuth2RefreshToken refreshToken = stored.getRefreshToken();
		return withTokens(stored, this.encryption.decrypt(stored.getAccessToken().getTokenValue(), row),
				(refreshToken != null) ? this.encryption.decrypt(refreshToken.getTokenValue(), row) : null);
	}

	private static OAuth2AuthorizedClient withTokens(OAuth2AuthorizedClient client, String accessTokenValue,
			@Nullable String refreshTokenValue) {
		OAuth2AccessToken accessToken = client.getAccessToken();
		OAuth2RefreshToken refreshToken = client.getRefreshToken();
		return new OAuth2AuthorizedClient(client.getClientRegistration(), client.getPrincipalName(),
				new OAuth2AccessToken(accessToken.getTokenType(), accessTokenValue, accessToken.getIssuedAt(),
						accessToken.getExpiresAt(), accessToken.getScopes()),
				(refreshToken != null && refreshTokenValue != null) ? new OAuth2RefreshToken(refreshTokenValue,
						refreshToken.getIssuedAt(), refreshToken.getExpiresAt()) : null);
	}

	@Override
	public @Nullable OAuth2AuthorizedClient load(String registrationId, long userId) {
		return loadAuthorizedClient(registrationId, Long.toString(userId));
	}

	@Override
	public void save(OAuth2AuthorizedClient authorizedClient, long userId) {
		saveAuthorizedClient(authorizedClient, principal(userId));
	}

	@Override
	public void saveAuthorizedClient(OAuth2AuthorizedClient authorizedClient, Authentication principal) {
		try {
			super.saveAuthorizedClient(authorizedClient, principal);
		}
		catch (DuplicateKeyException ex) {
			// Another instance inserted the same user between Spring Security's look-up
			// and
			// its insert: the row exists now, so this becomes an update.
			super.saveAuthorizedClient(authorizedClient, principal);
		}
	}

	@Override
	public boolean update(String registrationId, long userId, UnaryOperator<@Nullable OAuth2AuthorizedClient> change) {
		String name = Long.toString(userId);
		Boolean removed = this.transactions.execute((status) -> {
			List<String> locked = this.jdbcOperations.queryForList(LOCK_SQL, String.class, registrationId, name);
			if (locked.isEmpty()) {
				return false;
			}
			// Read under the row lock: no other instance can rotate the entry until
			// commit.
			OAuth2AuthorizedClient current = loadAuthorizedClient(registrationId, name);
			OAuth2AuthorizedClient changed = change.apply(current);
			if (changed == current) {
				return false;
			}
			if (changed == null) {
				return this.jdbcOperations.update(DELETE_SQL, registrationId, name) > 0;
			}
			super.saveAuthorizedClient(changed, principal(userId));
			return false;
		});
		return Boolean.TRUE.equals(removed);
	}

	@Override
	public UserPage userIds(String registrationId, @Nullable String after, int size) {
		Assert.isTrue(size > 0, "size must be positive");
		List<String> names = this.jdbcOperations.queryForList(PAGE_SQL, String.class, registrationId,
				(after != null) ? after : "", size);
		List<Long> ids = new ArrayList<>(names.size());
		for (String name : names) {
			ids.add(Long.parseLong(name));
		}
		String next = (names.size() < size) ? null : names.get(names.size() - 1);
		return new UserPage(ids, next);
	}

	@Override
	public @Nullable Long linkedUserId(String registrationId, String accountKey) {
		List<Long> ids = this.jdbcOperations.queryForList(LINK_SELECT_SQL, Long.class, registrationId,
				storedKey(accountKey));
		return ids.isEmpty() ? null : ids.get(0);
	}

	@Override
	public void saveLink(String registrationId, String accountKey, long userId) {
		String key = storedKey(accountKey);
		// Update first, insert when missing: plain SQL that every supported database runs
		// (no MERGE / ON CONFLICT / ON DUPLICATE KEY dialects).
		if (this.jdbcOperations.update(LINK_UPDATE_SQL, userId, registrationId, key) > 0) {
			return;
		}
		try {
			this.jdbcOperations.update(LINK_INSERT_SQL, registrationId, key, userId);
		}
		catch (DuplicateKeyException ex) {
			// Another instance linked the same account between the update and the insert.
			this.jdbcOperations.update(LINK_UPDATE_SQL, userId, registrationId, key);
		}
	}

	@Override
	public int countLinks(String registrationId, long userId) {
		Integer count = this.jdbcOperations.queryForObject(LINK_COUNT_SQL, Integer.class, registrationId, userId);
		return (count != null) ? count : 0;
	}

	@Override
	public boolean removeLink(String registrationId, String accountKey) {
		return this.jdbcOperations.update(LINK_DELETE_SQL, registrationId, storedKey(accountKey)) > 0;
	}

	/**
	 * The form of an account key in the table: the hex SHA-256 of its UTF-8 bytes. Every
	 * character of the key counts on every database, whatever the collation of the column
	 * (MySQL's and MariaDB's defaults ignore case and trailing spaces, and
	 * {@code local:Alice} is not {@code local:alice}), and the table holds no user names.
	 */
	static String storedKey(String accountKey) {
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			return HexFormat.of().formatHex(digest.digest(accountKey.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is missing from this JVM", ex);
		}
	}

	@Override
	public int removeLinksTo(String registrationId, long userId) {
		return this.jdbcOperations.update(
				"DELETE FROM " + LINK_TABLE + " WHERE client_registration_id = ? AND discord_user_id = ?",
				registrationId, userId);
	}

	/**
	 * Takes the job's lease in the {@code discord_job_lease} table, shared by every
	 * instance on this database: an update of an expired lease or an insert of a new one,
	 * so that of several instances asking at once exactly one succeeds (the row lock of
	 * the update, the primary key of the insert). Times are epoch milliseconds of this
	 * instance's clock.
	 */
	@Override
	public boolean tryAcquire(String jobName, Duration lease) {
		Assert.hasText(jobName, "jobName must not be empty");
		Assert.isTrue(jobName.length() <= 200, "jobName must have at most 200 characters");
		Assert.isTrue(!lease.isNegative() && !lease.isZero(), "lease must be positive");
		long now = this.leaseClock.millis();
		long until = now + lease.toMillis();
		Boolean acquired = this.leaseTransactions.execute((status) -> {
			if (this.jdbcOperations.update(LEASE_TAKE_SQL, until, now, this.leaseHolder, jobName, now) > 0) {
				return true;
			}
			try {
				return this.jdbcOperations.update(LEASE_INSERT_SQL, jobName, until, now, this.leaseHolder) > 0;
			}
			catch (DuplicateKeyException ex) {
				// Another instance holds the lease, or inserted it a moment ago.
				status.setRollbackOnly();
				return false;
			}
		});
		return Boolean.TRUE.equals(acquired);
	}

	/**
	 * Sets the clock that times job leases ({@link #tryAcquire(String, Duration)}).
	 * @param clock the clock, by default the system's
	 */
	public void setLeaseClock(Clock clock) {
		Assert.notNull(clock, "clock must not be null");
		this.leaseClock = clock;
	}

	private static String leaseHolder() {
		// For whoever reads the table: which process took a lease (containers set
		// HOSTNAME).
		String host = System.getenv("HOSTNAME");
		String holder = ((host != null) ? host + "/" : "") + "pid-" + ProcessHandle.current().pid() + "/"
				+ UUID.randomUUID().toString().substring(0, 8);
		return (holder.length() <= 255) ? holder : holder.substring(holder.length() - 255);
	}

	static Authentication principal(long userId) {
		// Spring Security's service reads only the name of the principal.
		return UsernamePasswordAuthenticationToken.unauthenticated(Long.toString(userId), "");
	}

}
