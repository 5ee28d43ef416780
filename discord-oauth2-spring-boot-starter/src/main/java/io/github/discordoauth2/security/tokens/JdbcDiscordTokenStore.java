package io.github.discordoauth2.security.tokens;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.JdbcOAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
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
 * {@code discord_account_link} (registration, local account key, Discord user ID), and
 * the leases of jobs that one instance runs for all ({@link DiscordJobLeases}) in a
 * third, {@code discord_job_lease}, created by the same schema scripts. The SQL runs on
 * PostgreSQL, MySQL, MariaDB and H2. The tokens are stored as Spring Security stores them
 * (not encrypted): protect the table as you protect passwords.
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

	private final TransactionTemplate transactions;

	private final TransactionTemplate leaseTransactions;

	private final String leaseHolder = leaseHolder();

	private Clock leaseClock = Clock.systemUTC();

	/**
	 * Creates the store.
	 * @param jdbcTemplate runs the SQL; its {@link DataSource} holds the table
	 * @param clientRegistrationRepository rebuilds the registration of a stored entry
	 */
	public JdbcDiscordTokenStore(JdbcTemplate jdbcTemplate, ClientRegistrationRepository clientRegistrationRepository) {
		super(jdbcTemplate, clientRegistrationRepository);
		DataSource dataSource = jdbcTemplate.getDataSource();
		Assert.notNull(dataSource, "jdbcTemplate must have a DataSource");
		DataSourceTransactionManager transactionManager = new DataSourceTransactionManager(dataSource);
		this.transactions = new TransactionTemplate(transactionManager);
		// A lease is taken in a transaction of its own: on PostgreSQL a refused insert
		// would otherwise abort the application's surrounding transaction.
		this.leaseTransactions = new TransactionTemplate(transactionManager);
		this.leaseTransactions.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
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
		List<Long> ids = this.jdbcOperations.queryForList(LINK_SELECT_SQL, Long.class, registrationId, accountKey);
		return ids.isEmpty() ? null : ids.get(0);
	}

	@Override
	public void saveLink(String registrationId, String accountKey, long userId) {
		// Update first, insert when missing: plain SQL that every supported database runs
		// (no MERGE / ON CONFLICT / ON DUPLICATE KEY dialects).
		if (this.jdbcOperations.update(LINK_UPDATE_SQL, userId, registrationId, accountKey) > 0) {
			return;
		}
		try {
			this.jdbcOperations.update(LINK_INSERT_SQL, registrationId, accountKey, userId);
		}
		catch (DuplicateKeyException ex) {
			// Another instance linked the same account between the update and the insert.
			this.jdbcOperations.update(LINK_UPDATE_SQL, userId, registrationId, accountKey);
		}
	}

	@Override
	public boolean removeLink(String registrationId, String accountKey) {
		return this.jdbcOperations.update(LINK_DELETE_SQL, registrationId, accountKey) > 0;
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
