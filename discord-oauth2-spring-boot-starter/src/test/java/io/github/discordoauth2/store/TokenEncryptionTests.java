package io.github.discordoauth2.store;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import io.github.discordoauth2.security.tokens.DiscordTokenDecryptionException;
import io.github.discordoauth2.security.tokens.DiscordTokenEncryption;
import io.github.discordoauth2.security.tokens.JdbcDiscordTokenStore;
import io.github.discordoauth2.support.EmbeddedPostgresSupport;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tokens at rest in the JDBC store on a real PostgreSQL: with a key the table holds no
 * token in clear, and keys rotate without anyone logging out (old values are read with
 * the old key and written again under the new one).
 */
class TokenEncryptionTests {

	private static final long ALICE = 1100000000000000011L;

	private static final long BOB = 1100000000000000012L;

	private static final byte[] FIRST_KEY = Base64.getDecoder().decode("q6iLSObxLKlH3GMgS6ONxwJbmgJzJmLwZ0vJVEn5Zy4=");

	private static final byte[] SECOND_KEY = Base64.getDecoder().decode("mR0yWbuN2hmS0w3V0Jv6m8V3XGjkE1wq8Qn6r1tLk2A=");

	private static EmbeddedPostgres postgres;

	private DataSource dataSource;

	private JdbcTemplate jdbc;

	@BeforeAll
	static void startPostgres() {
		postgres = EmbeddedPostgresSupport.start();
	}

	@AfterAll
	static void stopPostgres() throws Exception {
		postgres.close();
	}

	@BeforeEach
	void emptyTables() {
		this.dataSource = postgres.getPostgresDatabase();
		JdbcDiscordTokenStoreTests.createSchema(this.dataSource, "postgresql");
		this.jdbc = new JdbcTemplate(this.dataSource);
	}

	@Test
	void withAKeyTheTableHoldsNoTokenInClear() {
		JdbcDiscordTokenStore store = store(DiscordTokenEncryption.aesGcm("1", FIRST_KEY, Map.of()));

		store.save(JdbcDiscordTokenStoreTests.entry(ALICE, "alice-access-token-0123456789",
				"alice-refresh-token-0123456789"), ALICE);

		List<String> raw = rawTokens(ALICE);
		assertThat(raw).hasSize(2).allSatisfy((value) -> {
			assertThat(value).startsWith("{aes-gcm:1}").doesNotContain("alice-");
		});
		OAuth2AuthorizedClient loaded = store.load("discord", ALICE);
		assertThat(loaded.getAccessToken().getTokenValue()).isEqualTo("alice-access-token-0123456789");
		assertThat(loaded.getRefreshToken().getTokenValue()).isEqualTo("alice-refresh-token-0123456789");
	}

	@Test
	void aNewKeyWithTheOldOneInOldKeysReadsEverythingAndReencryptsOnTheNextWrite() {
		// Bob logged in before encryption was on; Alice under the first key.
		store(DiscordTokenEncryption.none()).save(JdbcDiscordTokenStoreTests.entry(BOB, "bob-access", "bob-refresh"),
				BOB);
		store(DiscordTokenEncryption.aesGcm("1", FIRST_KEY, Map.of()))
			.save(JdbcDiscordTokenStoreTests.entry(ALICE, "alice-access", "alice-refresh"), ALICE);

		JdbcDiscordTokenStore rotated = store(DiscordTokenEncryption.aesGcm("2", SECOND_KEY, Map.of("1", FIRST_KEY)));
		rotated.checkStoredTokens();

		assertThat(rotated.load("discord", ALICE).getRefreshToken().getTokenValue()).isEqualTo("alice-refresh");
		assertThat(rotated.load("discord", BOB).getRefreshToken().getTokenValue()).isEqualTo("bob-refresh");
		// Read, not rewritten...
		assertThat(rawTokens(ALICE)).allSatisfy((value) -> assertThat(value).startsWith("{aes-gcm:1}"));
		assertThat(rawTokens(BOB)).contains("bob-refresh");
		// ...until the next write (a rotation, a login).
		rotated.update("discord", ALICE, (current) -> JdbcDiscordTokenStoreTests.entry(ALICE, "a2", "r2"));
		rotated.save(rotated.load("discord", BOB), BOB);
		assertThat(rawTokens(ALICE)).allSatisfy((value) -> assertThat(value).startsWith("{aes-gcm:2}"));
		assertThat(rawTokens(BOB)).allSatisfy((value) -> assertThat(value).startsWith("{aes-gcm:2}"));
		assertThat(rotated.load("discord", BOB).getAccessToken().getTokenValue()).isEqualTo("bob-access");
	}

	@Test
	void aStoredTokenNoConfiguredKeyReadsFailsInsteadOfComingBackGarbled() {
		store(DiscordTokenEncryption.aesGcm("1", FIRST_KEY, Map.of()))
			.save(JdbcDiscordTokenStoreTests.entry(ALICE, "alice-access", "alice-refresh"), ALICE);

		assertThatExceptionOfType(DiscordTokenDecryptionException.class)
			.isThrownBy(() -> store(DiscordTokenEncryption.aesGcm("2", SECOND_KEY, Map.of())).load("discord", ALICE))
			.satisfies((ex) -> {
				assertThat(ex.keyId()).isEqualTo("1");
				assertThat(ex.reason()).isEqualTo(DiscordTokenDecryptionException.Reason.UNKNOWN_KEY);
			});
		assertThatExceptionOfType(DiscordTokenDecryptionException.class)
			.isThrownBy(() -> store(DiscordTokenEncryption.aesGcm("1", SECOND_KEY, Map.of())).checkStoredTokens())
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(DiscordTokenDecryptionException.Reason.WRONG_KEY));
		assertThatExceptionOfType(DiscordTokenDecryptionException.class)
			.isThrownBy(() -> store(DiscordTokenEncryption.none()).load("discord", ALICE));
	}

	@Test
	void aTokenCopiedIntoAnotherUsersRowDoesNotDecryptThere() {
		JdbcDiscordTokenStore store = store(DiscordTokenEncryption.aesGcm("1", FIRST_KEY, Map.of()));
		store.save(JdbcDiscordTokenStoreTests.entry(ALICE, "alice-access", "alice-refresh"), ALICE);
		store.save(JdbcDiscordTokenStoreTests.entry(BOB, "bob-access", "bob-refresh"), BOB);

		// Someone with write access to the table but not the key.
		this.jdbc.update(
				"UPDATE oauth2_authorized_client SET access_token_value = (SELECT access_token_value FROM "
						+ "oauth2_authorized_client WHERE principal_name = ?) WHERE principal_name = ?",
				Long.toString(ALICE), Long.toString(BOB));

		assertThatExceptionOfType(DiscordTokenDecryptionException.class).isThrownBy(() -> store.load("discord", BOB))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(DiscordTokenDecryptionException.Reason.OTHER_ROW));
	}

	private JdbcDiscordTokenStore store(DiscordTokenEncryption encryption) {
		return new JdbcDiscordTokenStore(this.jdbc,
				new InMemoryClientRegistrationRepository(JdbcDiscordTokenStoreTests.DISCORD), encryption);
	}

	/** The token columns of a user's row, as the database holds them. */
	private List<String> rawTokens(long userId) {
		return this.jdbc.query(
				"SELECT access_token_value, refresh_token_value FROM oauth2_authorized_client WHERE principal_name = ?",
				(resultSet, rowNum) -> List.of(new String(resultSet.getBytes(1), StandardCharsets.UTF_8),
						new String(resultSet.getBytes(2), StandardCharsets.UTF_8)),
				Long.toString(userId))
			.get(0);
	}

}
