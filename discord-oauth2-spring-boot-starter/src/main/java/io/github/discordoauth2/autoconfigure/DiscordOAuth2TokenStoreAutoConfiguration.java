package io.github.discordoauth2.autoconfigure;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javax.sql.DataSource;

import io.github.discordoauth2.Client;
import io.github.discordoauth2.autoconfigure.reactive.DiscordOAuth2ReactiveLoginAutoConfiguration;
import io.github.discordoauth2.autoconfigure.servlet.DiscordOAuth2LoginAutoConfiguration;
import io.github.discordoauth2.security.tokens.DiscordAccountLinks;
import io.github.discordoauth2.security.tokens.DiscordTokenDecryptionException;
import io.github.discordoauth2.security.tokens.DiscordTokenEncryption;
import io.github.discordoauth2.security.tokens.DiscordTokenStore;
import io.github.discordoauth2.security.tokens.DiscordTokens;
import io.github.discordoauth2.security.tokens.InMemoryDiscordTokenStore;
import io.github.discordoauth2.security.tokens.JdbcDiscordTokenStore;
import io.github.discordoauth2.security.tokens.LocalAccountIdentifier;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.DatabaseDriver;
import org.springframework.boot.jdbc.init.DataSourceScriptDatabaseInitializer;
import org.springframework.boot.jdbc.init.PlatformPlaceholderDatabaseDriverResolver;
import org.springframework.boot.sql.init.DatabaseInitializationMode;
import org.springframework.boot.sql.init.DatabaseInitializationSettings;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.BadSqlGrammarException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.ReactiveOAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ReactiveClientRegistrationRepository;

/**
 * Auto-configuration of where the users' Discord tokens live, the same on both web
 * stacks: a {@link DiscordTokenStore} (the table of Spring Security's JDBC authorized
 * client service when the application has a {@link DataSource}, else memory), and the
 * {@link DiscordTokens} and {@link DiscordAccountLinks} beans on it. It runs before
 * Boot's OAuth2 client auto-configurations, whose in-memory authorized client service
 * then backs off. Spring Security's repository and manager on top of it come from
 * {@code DiscordOAuth2AuthorizedClientAutoConfiguration} (servlet) and
 * {@code DiscordOAuth2ReactiveAuthorizedClientAutoConfiguration} (reactive).
 *
 * @since 0.1.0
 */
@AutoConfiguration(
		after = { DiscordOAuth2LoginAutoConfiguration.class, DiscordOAuth2ReactiveLoginAutoConfiguration.class },
		afterName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
		beforeName = { "org.springframework.boot.security.oauth2.client.autoconfigure.OAuth2ClientAutoConfiguration",
				"org.springframework.boot.security.oauth2.client.autoconfigure.servlet.OAuth2ClientWebSecurityAutoConfiguration",
				"org.springframework.boot.security.oauth2.client.autoconfigure.reactive.ReactiveOAuth2ClientAutoConfiguration",
				"org.springframework.boot.security.oauth2.client.autoconfigure.reactive.ReactiveOAuth2ClientWebSecurityAutoConfiguration" })
@ConditionalOnWebApplication
@ConditionalOnClass(ClientRegistration.class)
@ConditionalOnDiscordClientId
@ConditionalOnBooleanProperty(name = DiscordOAuth2Properties.PREFIX + ".login.enabled", matchIfMissing = true)
@ConditionalOnBean(Client.class)
@Conditional(DiscordOAuth2TokenStoreAutoConfiguration.OnDiscordRegistrationCondition.class)
@EnableConfigurationProperties({ DiscordOAuth2Properties.class, DiscordTokenStoreProperties.class })
@Import({ DiscordOAuth2TokenStoreAutoConfiguration.JdbcStoreConfiguration.class,
		DiscordOAuth2TokenStoreAutoConfiguration.MemoryStoreConfiguration.class })
public final class DiscordOAuth2TokenStoreAutoConfiguration {

	private static final Log logger = LogFactory.getLog(DiscordOAuth2TokenStoreAutoConfiguration.class);

	// The tokens service and account links on whichever store there is: both stacks
	// share them, so that there is one refresh logic.
	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean(DiscordTokenStore.class)
	DiscordTokens discordTokens(Client client, DiscordOAuth2Properties properties, DiscordTokenStore store,
			ApplicationEventPublisher events, DiscordTokenStoreProperties storeProperties) {
		storeProperties.validate();
		DiscordTokens tokens = new DiscordTokens(client, properties.getRegistrationId(), store, events,
				storeProperties.getRefreshAhead(), storeProperties.getRaceWait());
		// The memory store is a map already: a copy of it would only double the memory.
		if (!(store instanceof InMemoryDiscordTokenStore)) {
			DiscordTokenStoreProperties.Cache cache = storeProperties.getCache();
			tokens.setCache(cache.getTimeToLive(), cache.getMaxUsers());
		}
		return tokens;
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean(DiscordTokens.class)
	DiscordAccountLinks discordAccountLinks(DiscordTokens tokens, DiscordOAuth2Properties properties,
			ObjectProvider<LocalAccountIdentifier> identifier) {
		return new DiscordAccountLinks(tokens, identifier.getIfUnique(LocalAccountIdentifier::byName),
				properties.getLinking().getMaxAccountsPerDiscordUser());
	}

	/**
	 * Discord's client registration, on either stack.
	 */
	static final class OnDiscordRegistrationCondition extends AnyNestedCondition {

		OnDiscordRegistrationCondition() {
			super(ConfigurationPhase.REGISTER_BEAN);
		}

		@ConditionalOnBean(ClientRegistrationRepository.class)
		static final class Servlet {

		}

		@ConditionalOnBean(ReactiveClientRegistrationRepository.class)
		static final class Reactive {

		}

	}

	/**
	 * The JDBC store, on the application's {@link DataSource}.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = { "org.springframework.jdbc.core.JdbcTemplate",
			"org.springframework.boot.jdbc.init.DataSourceScriptDatabaseInitializer" })
	@ConditionalOnBean(DataSource.class)
	@ConditionalOnProperty(prefix = DiscordTokenStoreProperties.PREFIX, name = "type", havingValue = "jdbc",
			matchIfMissing = true)
	@ConditionalOnMissingBean({ DiscordTokenStore.class, OAuth2AuthorizedClientService.class,
			ReactiveOAuth2AuthorizedClientService.class })
	static class JdbcStoreConfiguration {

		static final String SCHEMA_LOCATION = "classpath:io/github/discordoauth2/security/tokens/token-store-schema-@@platform@@.sql";

		static final String LINKS_SCHEMA_LOCATION = "classpath:io/github/discordoauth2/security/tokens/token-store-schema-links.sql";

		static final String LEASE_SCHEMA_LOCATION = "classpath:io/github/discordoauth2/security/tokens/token-store-schema-lease.sql";

		/**
		 * The store's tables, each with the script that creates it.
		 */
		static final Map<String, String> TABLES = tables();

		@Bean
		DataSourceScriptDatabaseInitializer discordTokenStoreSchemaInitializer(ObjectProvider<DataSource> dataSources,
				DiscordTokenStoreProperties properties) {
			DataSource dataSource = dataSources.getIfUnique();
			if (dataSource == null) {
				throw new DiscordOAuth2ConfigurationException(DiscordTokenStoreProperties.PREFIX + ".type",
						"is jdbc (the default with a DataSource), but the application has several DataSources and "
								+ "none is @Primary",
						"Mark the DataSource that holds the tokens @Primary, define a JdbcDiscordTokenStore bean "
								+ "on the one you choose, or set " + DiscordTokenStoreProperties.PREFIX
								+ ".type=memory.");
			}
			DatabaseInitializationSettings settings = new DatabaseInitializationSettings();
			DatabaseInitializationMode mode = DatabaseInitializationMode
				.valueOf(properties.getInitializeSchema().name());
			settings.setMode(mode);
			if (mode != DatabaseInitializationMode.NEVER) {
				// PostgreSQL has bytea where the others have blob; the rest is the same
				// SQL.
				PlatformPlaceholderDatabaseDriverResolver platforms = new PlatformPlaceholderDatabaseDriverResolver()
					.withDriverPlatform(DatabaseDriver.H2, "blob")
					.withDriverPlatform(DatabaseDriver.MYSQL, "blob")
					.withDriverPlatform(DatabaseDriver.MARIADB, "blob");
				List<String> locations = new ArrayList<>(platforms.resolveAll(dataSource, SCHEMA_LOCATION));
				// The account links' and job leases' tables are the same SQL everywhere.
				locations.add(LINKS_SCHEMA_LOCATION);
				locations.add(LEASE_SCHEMA_LOCATION);
				settings.setSchemaLocations(locations);
			}
			return new DataSourceScriptDatabaseInitializer(dataSource, settings);
		}

		@Bean
		JdbcDiscordTokenStore jdbcDiscordTokenStore(ObjectProvider<DataSource> dataSources,
				ObjectProvider<ClientRegistrationRepository> clientRegistrationRepository,
				ObjectProvider<ReactiveClientRegistrationRepository> reactiveClientRegistrationRepository,
				DataSourceScriptDatabaseInitializer discordTokenStoreSchemaInitializer,
				DiscordTokenStoreProperties properties) {
			logger.info("Discord tokens are stored in the application's database (table oauth2_authorized_client), "
					+ (properties.getType() != null ? "as discord.oauth2.token-store.type=jdbc asks"
							: "because the application has a DataSource")
					+ "; every instance on this database shares them");
			DiscordTokenEncryption encryption = properties.getEncryption().toEncryption();
			if (!encryption.isEnabled()) {
				logger.warn("Discord access and refresh tokens are stored in clear in the table "
						+ "oauth2_authorized_client: set " + DiscordTokenStoreProperties.PREFIX
						+ ".encryption.key (the Base64 of 32 random bytes, from an environment variable) to encrypt "
						+ "them at rest");
			}
			// The initializer has checked that there is one.
			JdbcTemplate jdbc = new JdbcTemplate(dataSources.getObject());
			checkTables(jdbc, properties.getInitializeSchema());
			JdbcDiscordTokenStore store = new JdbcDiscordTokenStore(jdbc, clientRegistrationRepository
				.getIfAvailable(() -> blockingView(reactiveClientRegistrationRepository.getObject())), encryption);
			try {
				store.checkStoredTokens();
			}
			catch (DiscordTokenDecryptionException ex) {
				throw unreadableTokens(ex, encryption);
			}
			return store;
		}

		/**
		 * Stored tokens the configured keys cannot read: the property to fix, never a
		 * value.
		 */
		private static RuntimeException unreadableTokens(DiscordTokenDecryptionException ex,
				DiscordTokenEncryption encryption) {
			String prefix = DiscordTokenStoreProperties.PREFIX + ".encryption";
			String keyId = ex.keyId();
			if (ex.reason() == DiscordTokenDecryptionException.Reason.OTHER_ROW) {
				return ex;
			}
			if (!encryption.isEnabled()) {
				return new DiscordOAuth2ConfigurationException(prefix + ".key",
						"is not set, but tokens in oauth2_authorized_client are encrypted with key id '" + keyId + "'",
						"Set " + prefix + ".key to the key they were encrypted with and " + prefix + ".key-id to "
								+ keyId + " (or keep a new key and list that one under " + prefix + ".old-keys." + keyId
								+ ").");
			}
			boolean current = keyId.equals(encryption.keyId());
			String property = current ? prefix + ".key" : prefix + ".old-keys." + keyId;
			if (ex.reason() == DiscordTokenDecryptionException.Reason.UNKNOWN_KEY) {
				return new DiscordOAuth2ConfigurationException(property,
						"is not set, but tokens in oauth2_authorized_client are encrypted with key id '" + keyId + "'",
						"Set " + property + " to the key that key id stood for, so that those tokens are read "
								+ "(and encrypted with the current key on their next write).");
			}
			return new DiscordOAuth2ConfigurationException(property,
					"does not decrypt the tokens in oauth2_authorized_client stored under key id '" + keyId + "'",
					"Set " + property + " to the key those tokens were encrypted with"
							+ (current ? ", or give the new key a new " + prefix + ".key-id and list the old key under "
									+ prefix + ".old-keys." + keyId : "")
							+ ".");
		}

		private static Map<String, String> tables() {
			Map<String, String> tables = new LinkedHashMap<>();
			tables.put("oauth2_authorized_client",
					"io/github/discordoauth2/security/tokens/token-store-schema-postgresql.sql (-blob.sql for H2, MySQL "
							+ "and MariaDB)");
			tables.put("discord_account_link", "io/github/discordoauth2/security/tokens/token-store-schema-links.sql");
			tables.put("discord_job_lease", "io/github/discordoauth2/security/tokens/token-store-schema-lease.sql");
			return Collections.unmodifiableMap(tables);
		}

		/**
		 * Stops startup when a table of the store is missing (a database that is not
		 * embedded, with initialize-schema left at embedded), instead of failing the
		 * first login: one query per table that reads no row.
		 */
		private static void checkTables(JdbcTemplate jdbc, DiscordTokenStoreProperties.InitializeSchema mode) {
			Map<String, String> missing = new LinkedHashMap<>();
			for (Map.Entry<String, String> table : TABLES.entrySet()) {
				try {
					jdbc.queryForList("SELECT 1 FROM " + table.getKey() + " WHERE 1 = 0");
				}
				catch (BadSqlGrammarException ex) {
					missing.put(table.getKey(), table.getValue());
				}
				catch (DataAccessException ex) {
					// The database did not answer: no proof that a table is missing, and
					// the application may well start before its database.
					logger.warn("Could not check the Discord token store's tables at startup: "
							+ ex.getClass().getSimpleName());
					return;
				}
			}
			if (missing.isEmpty()) {
				return;
			}
			String setting = (mode == DiscordTokenStoreProperties.InitializeSchema.EMBEDDED)
					? "is embedded (the default), which creates tables only in an embedded database such as H2 in memory"
					: "is " + mode.name().toLowerCase(Locale.ROOT);
			throw new DiscordOAuth2ConfigurationException(DiscordTokenStoreProperties.PREFIX + ".initialize-schema",
					setting + ", and the application's database has no table " + String.join(", ", missing.keySet())
							+ " for the Discord token store",
					"Set " + DiscordTokenStoreProperties.PREFIX + ".initialize-schema=always (the starter's scripts "
							+ "create only missing tables, so it is safe on every start), or create the tables with "
							+ "the starter's scripts (in its jar): " + String.join("; ", missing.values()) + ".");
		}

		/**
		 * The registrations of a WebFlux application for the JDBC store, which reads them
		 * when it loads an entry (always off the event loop). The starter's repository is
		 * a list in memory, copied once; any other is asked each time.
		 */
		private static ClientRegistrationRepository blockingView(ReactiveClientRegistrationRepository reactive) {
			if (reactive instanceof Iterable<?> registrations) {
				List<ClientRegistration> copy = new ArrayList<>();
				registrations.forEach((registration) -> copy.add((ClientRegistration) registration));
				return new InMemoryClientRegistrationRepository(copy);
			}
			return (registrationId) -> reactive.findByRegistrationId(registrationId).block();
		}

	}

	/**
	 * The memory store, when there is no JDBC store.
	 */
	@Configuration(proxyBeanMethods = false)
	@Conditional(MemoryStoreCondition.class)
	@ConditionalOnMissingBean({ DiscordTokenStore.class, OAuth2AuthorizedClientService.class,
			ReactiveOAuth2AuthorizedClientService.class })
	static class MemoryStoreConfiguration {

		@Bean
		InMemoryDiscordTokenStore inMemoryDiscordTokenStore(DiscordTokenStoreProperties properties,
				ObjectProvider<DataSource> dataSources) {
			properties.validate();
			if (properties.getType() == DiscordTokenStoreProperties.Type.JDBC) {
				throw new DiscordOAuth2ConfigurationException(DiscordTokenStoreProperties.PREFIX + ".type",
						"is jdbc, but the application has no single DataSource (or spring-jdbc is missing)",
						"Add a database (e.g. spring-boot-starter-jdbc with a driver and spring.datasource.url), "
								+ "or set " + DiscordTokenStoreProperties.PREFIX + ".type=memory for one instance.");
			}
			logger.info("Discord tokens are kept in memory (at most " + properties.getMemoryMaxUsers()
					+ " users, lost on restart, for one instance only), "
					+ ((properties.getType() != null) ? "as discord.oauth2.token-store.type=memory asks"
							: "because the application has no DataSource"));
			return new InMemoryDiscordTokenStore(properties.getMemoryMaxUsers(), Clock.systemUTC());
		}

	}

	/**
	 * Memory when chosen, or when the JDBC store cannot be: the JDBC configuration's
	 * conditions negated, so that the order in which both are processed does not matter.
	 */
	static final class MemoryStoreCondition extends AnyNestedCondition {

		MemoryStoreCondition() {
			super(ConfigurationPhase.REGISTER_BEAN);
		}

		@ConditionalOnProperty(prefix = DiscordTokenStoreProperties.PREFIX, name = "type", havingValue = "memory")
		static final class MemoryChosen {

		}

		@ConditionalOnMissingClass("org.springframework.jdbc.core.JdbcTemplate")
		static final class NoSpringJdbc {

		}

		@ConditionalOnMissingClass("org.springframework.boot.jdbc.init.DataSourceScriptDatabaseInitializer")
		static final class NoBootJdbc {

		}

		@ConditionalOnMissingBean(DataSource.class)
		static final class NoDataSource {

		}

	}

}
