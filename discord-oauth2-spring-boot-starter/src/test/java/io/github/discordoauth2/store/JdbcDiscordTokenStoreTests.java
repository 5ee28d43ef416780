package io.github.discordoauth2.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import javax.sql.DataSource;

import io.github.discordoauth2.security.tokens.DiscordTokenStore;
import io.github.discordoauth2.security.tokens.JdbcDiscordTokenStore;
import io.github.discordoauth2.support.EmbeddedPostgresSupport;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.jdbc.init.DataSourceScriptDatabaseInitializer;
import org.springframework.boot.sql.init.DatabaseInitializationMode;
import org.springframework.boot.sql.init.DatabaseInitializationSettings;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.datasource.embedded.EmbeddedDatabaseBuilder;
import org.springframework.jdbc.datasource.embedded.EmbeddedDatabaseType;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The JDBC token store on a real PostgreSQL and on H2, with the schema script the starter
 * runs.
 */
class JdbcDiscordTokenStoreTests {

	static final ClientRegistration DISCORD = ClientRegistration.withRegistrationId("discord")
		.clientId("1100000000000000001")
		.clientSecret("secret")
		.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
		.redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
		.authorizationUri("http://127.0.0.1/oauth2/authorize")
		.tokenUri("http://127.0.0.1/api/v10/oauth2/token")
		.build();

	static EmbeddedPostgres postgres;

	@BeforeAll
	static void startPostgres() {
		postgres = EmbeddedPostgresSupport.start();
	}

	@AfterAll
	static void stopPostgres() throws Exception {
		postgres.close();
	}

	@Test
	void postgresKeepsPagesAndUpdatesByUserId() {
		DataSource dataSource = postgres.getPostgresDatabase();
		createSchema(dataSource, "postgresql");
		specification(dataSource);
	}

	@Test
	void h2KeepsPagesAndUpdatesByUserId() {
		DataSource dataSource = h2();
		createSchema(dataSource, "blob");
		specification(dataSource);
	}

	private static DataSource h2() {
		return new EmbeddedDatabaseBuilder().setType(EmbeddedDatabaseType.H2).generateUniqueName(true).build();
	}

	static void createSchema(DataSource dataSource, String platform) {
		DatabaseInitializationSettings settings = new DatabaseInitializationSettings();
		settings.setMode(DatabaseInitializationMode.ALWAYS);
		settings.setSchemaLocations(
				List.of("classpath:io/github/discordoauth2/security/tokens/token-store-schema-" + platform + ".sql",
						"classpath:io/github/discordoauth2/security/tokens/token-store-schema-links.sql"));
		// Twice, as on every restart with initialize-schema=always.
		new DataSourceScriptDatabaseInitializer(dataSource, settings).initializeDatabase();
		new DataSourceScriptDatabaseInitializer(dataSource, settings).initializeDatabase();
		new JdbcTemplate(dataSource).update("DELETE FROM oauth2_authorized_client");
		new JdbcTemplate(dataSource).update("DELETE FROM discord_account_link");
	}

	@Test
	void postgresKeepsAccountLinksOverARestart() {
		DataSource dataSource = postgres.getPostgresDatabase();
		createSchema(dataSource, "postgresql");
		linksSpecification(dataSource);
	}

	@Test
	void h2KeepsAccountLinksOverARestart() {
		DataSource dataSource = h2();
		createSchema(dataSource, "blob");
		linksSpecification(dataSource);
	}

	@Test
	void postgresTellsAccountKeysApartByEveryCharacter() {
		DataSource dataSource = postgres.getPostgresDatabase();
		createSchema(dataSource, "postgresql");
		keysSpecification(dataSource);
	}

	@Test
	void h2WithCaseInsensitiveTextTellsAccountKeysApartByEveryCharacter() {
		// As MySQL's and MariaDB's default collations do, this database compares text
		// without regard to case.
		DataSource dataSource = new DriverManagerDataSource(
				"jdbc:h2:mem:ci-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1;IGNORECASE=TRUE", "sa", "");
		createSchema(dataSource, "blob");
		keysSpecification(dataSource);
	}

	private void keysSpecification(DataSource dataSource) {
		long alice = 1100000000000000011L;
		long other = 1100000000000000012L;
		JdbcDiscordTokenStore store = new JdbcDiscordTokenStore(new JdbcTemplate(dataSource),
				new InMemoryClientRegistrationRepository(DISCORD));

		store.saveLink("discord", "local:Alice", alice);
		store.saveLink("discord", "local:alice", other);
		store.saveLink("discord", "local:alice ", alice);

		assertThat(store.linkedUserId("discord", "local:Alice")).isEqualTo(alice);
		assertThat(store.linkedUserId("discord", "local:alice")).isEqualTo(other);
		assertThat(store.linkedUserId("discord", "local:ALICE")).isNull();
		// The table holds no account name.
		assertThat(
				new JdbcTemplate(dataSource).queryForList("SELECT account_key FROM discord_account_link", String.class))
			.hasSize(3)
			.allMatch((key) -> key.matches("[0-9a-f]{64}"));
		assertThat(store.removeLink("discord", "local:ALICE")).isFalse();
		assertThat(store.removeLink("discord", "local:alice")).isTrue();
		assertThat(store.linkedUserId("discord", "local:Alice")).isEqualTo(alice);
	}

	private void linksSpecification(DataSource dataSource) {
		long alice = 1100000000000000011L;
		long other = 1100000000000000012L;
		JdbcDiscordTokenStore before = new JdbcDiscordTokenStore(new JdbcTemplate(dataSource),
				new InMemoryClientRegistrationRepository(DISCORD));
		before.save(entry(alice, "a-access", "a-refresh"), alice);
		before.saveLink("discord", "local:alice", other);
		// Connecting again replaces the account's link.
		before.saveLink("discord", "local:alice", alice);
		assertThat(before.linkedUserId("discord", "local:alice")).isEqualTo(alice);

		// Another instance, or this one after a restart: same database, new store.
		JdbcDiscordTokenStore after = new JdbcDiscordTokenStore(new JdbcTemplate(dataSource),
				new InMemoryClientRegistrationRepository(DISCORD));
		assertThat(after.linkedUserId("discord", "local:alice")).isEqualTo(alice);
		OAuth2AuthorizedClient stored = after.load("discord", alice);
		assertThat(stored).isNotNull();
		assertThat(stored.getAccessToken().getTokenValue()).isEqualTo("a-access");
		// Keys are per account and per registration: nobody else reads Alice's link.
		assertThat(after.linkedUserId("discord", "local:bob")).isNull();
		assertThat(after.linkedUserId("discord", "oauth2:google:alice")).isNull();
		assertThat(after.linkedUserId("other", "local:alice")).isNull();

		assertThat(after.removeLink("discord", "local:alice")).isTrue();
		assertThat(after.removeLink("discord", "local:alice")).isFalse();
		assertThat(before.linkedUserId("discord", "local:alice")).isNull();
	}

	private void specification(DataSource dataSource) {
		JdbcDiscordTokenStore store = new JdbcDiscordTokenStore(new JdbcTemplate(dataSource),
				new InMemoryClientRegistrationRepository(DISCORD));
		int users = 1050;
		for (long id = 1; id <= users; id++) {
			store.save(entry(1100000000000000000L + id, "a" + id, "r" + id), 1100000000000000000L + id);
		}
		List<Long> walked = new ArrayList<>();
		String cursor = null;
		int pages = 0;
		do {
			DiscordTokenStore.UserPage page = store.userIds("discord", cursor, 500);
			assertThat(page.userIds()).hasSizeLessThanOrEqualTo(500);
			walked.addAll(page.userIds());
			cursor = page.next();
			pages++;
		}
		while (cursor != null);
		assertThat(walked).hasSize(users).doesNotHaveDuplicates();
		assertThat(pages).isEqualTo(3);

		long user = 1100000000000000007L;
		assertThat(store.load("discord", user).getRefreshToken().getTokenValue()).isEqualTo("r7");
		// A change sees the entry as stored now: an older pair never replaces a newer
		// one.
		store.save(entry(user, "a7-new", "r7-new"), user);
		boolean removed = store.update("discord", user,
				(current) -> current.getRefreshToken().getTokenValue().equals("r7") ? null : current);
		assertThat(removed).isFalse();
		assertThat(store.load("discord", user).getAccessToken().getTokenValue()).isEqualTo("a7-new");
		removed = store.update("discord", user,
				(current) -> current.getRefreshToken().getTokenValue().equals("r7-new") ? null : current);
		assertThat(removed).isTrue();
		assertThat(store.load("discord", user)).isNull();
		// Saving twice (an insert race between instances ends as an update).
		store.save(entry(user, "a", "r"), user);
		store.save(entry(user, "b", "s"), user);
		assertThat(store.load("discord", user).getAccessToken().getTokenValue()).isEqualTo("b");
	}

	static OAuth2AuthorizedClient entry(long userId, String access, String refresh) {
		Instant now = Instant.now();
		return new OAuth2AuthorizedClient(DISCORD, Long.toString(userId),
				new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, access, now, now.plusSeconds(604800),
						Set.of("identify")),
				new OAuth2RefreshToken(refresh, now));
	}

}
