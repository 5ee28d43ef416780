package io.github.discordoauth2.store;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

import io.github.discordoauth2.security.tokens.DiscordTokenEncryption;
import io.github.discordoauth2.security.tokens.DiscordTokens;
import io.github.discordoauth2.security.tokens.JdbcDiscordTokenStore;
import io.github.discordoauth2.support.EmbeddedPostgresSupport;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;

/**
 * What the JDBC token store costs on a real PostgreSQL: the read every request with an
 * {@code AccessToken} argument makes, the store part of a refresh (the re-read, then the
 * compare-and-swap of the rotated pair under a row lock, as {@link DiscordTokens} does
 * it), the table's size per user, and what encrypting the tokens at rest (AES-GCM) adds
 * to each. The clear and the encrypted store take turns in rounds on the same table and
 * connection (each on its own users), so that the machine's load falls on both alike. A
 * bounded loop on one connection (no pool), run by hand:
 *
 * <pre>
 * java -cp target/test-classes:target/classes:$(cat cp.txt) io.github.discordoauth2.store.TokenStoreBenchmark
 * </pre>
 *
 * Not a test: it asserts nothing and prints figures.
 */
public final class TokenStoreBenchmark {

	private static final int USERS = 10_000;

	private static final int WARMUP = 3_000;

	private static final int ROUNDS = 4;

	private static final int READS = 20_000;

	private static final int REFRESHES = 5_000;

	private static final int SEALS = 200_000;

	private static final long CLEAR_USERS = 1100000000000000000L;

	private static final long ENCRYPTED_USERS = 1200000000000000000L;

	private TokenStoreBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		byte[] key = new byte[32];
		new SecureRandom().nextBytes(key);
		DiscordTokenEncryption encryption = DiscordTokenEncryption.aesGcm("1", key, Map.of());
		try (EmbeddedPostgres postgres = EmbeddedPostgresSupport.start()) {
			SingleConnectionDataSource dataSource = new SingleConnectionDataSource(
					postgres.getJdbcUrl("postgres", "postgres"), "postgres", "", true);
			JdbcDiscordTokenStoreTests.createSchema(dataSource, "postgresql");
			JdbcTemplate jdbc = new JdbcTemplate(dataSource);
			InMemoryClientRegistrationRepository registrations = new InMemoryClientRegistrationRepository(
					JdbcDiscordTokenStoreTests.DISCORD);
			Variant clear = new Variant("in clear", new JdbcDiscordTokenStore(jdbc, registrations), CLEAR_USERS);
			Variant encrypted = new Variant("AES-GCM", new JdbcDiscordTokenStore(jdbc, registrations, encryption),
					ENCRYPTED_USERS);
			SplittableRandom random = new SplittableRandom(42);
			for (Variant variant : new Variant[] { clear, encrypted }) {
				for (int i = 0; i < USERS; i++) {
					variant.store.save(entry(variant.firstUser + i, random), variant.firstUser + i);
				}
			}
			jdbc.execute("VACUUM ANALYZE oauth2_authorized_client");
			for (Variant variant : new Variant[] { clear, encrypted }) {
				for (int i = 0; i < WARMUP; i++) {
					variant.read(random);
					variant.refresh(random);
				}
			}
			for (int round = 0; round < ROUNDS; round++) {
				Variant first = (round % 2 == 0) ? clear : encrypted;
				Variant second = (first == clear) ? encrypted : clear;
				for (Variant variant : new Variant[] { first, second }) {
					for (int i = 0; i < READS / ROUNDS; i++) {
						variant.reads[variant.readCount++] = variant.read(random);
					}
				}
				for (Variant variant : new Variant[] { first, second }) {
					for (int i = 0; i < REFRESHES / ROUNDS; i++) {
						variant.refreshes[variant.refreshCount++] = variant.refresh(random);
					}
				}
			}
			jdbc.execute("VACUUM FULL ANALYZE oauth2_authorized_client");
			String version = jdbc.queryForObject("SHOW server_version", String.class);
			System.out.printf("PostgreSQL %s, %d users per variant, one connection, JDBC on loopback%n", version,
					USERS);
			for (Variant variant : new Variant[] { clear, encrypted }) {
				System.out.printf("%-8s read per request (load by user id): %s%n", variant.name,
						summary(variant.reads));
				System.out.printf("%-8s per refresh (re-read + compare-and-swap of the rotated pair): %s%n",
						variant.name, summary(variant.refreshes));
				long bytes = jdbc.queryForObject(
						"SELECT SUM(octet_length(access_token_value) + octet_length(refresh_token_value)) "
								+ "FROM oauth2_authorized_client WHERE principal_name LIKE ?",
						Long.class, Long.toString(variant.firstUser).substring(0, 2) + "%");
				System.out.printf("%-8s token columns: %d bytes per user%n", variant.name, bytes / USERS);
			}
			long total = jdbc.queryForObject("SELECT pg_total_relation_size('oauth2_authorized_client')", Long.class);
			long rows = jdbc.queryForObject("SELECT COUNT(*) FROM oauth2_authorized_client", Long.class);
			System.out.printf("table size: %d bytes in total for %d rows, %d bytes per row%n", total, rows,
					total / rows);
			dataSource.destroy();
		}
		sealing(encryption);
	}

	/** The cipher alone, without the database: sealing and opening one token. */
	private static void sealing(DiscordTokenEncryption encryption) {
		SplittableRandom random = new SplittableRandom(7);
		String row = "discord/1100000000000000100";
		String[] tokens = new String[1024];
		String[] sealed = new String[tokens.length];
		for (int i = 0; i < tokens.length; i++) {
			tokens[i] = token(random);
			sealed[i] = encryption.encrypt(tokens[i], row);
		}
		for (int i = 0; i < SEALS / 4; i++) {
			encryption.decrypt(encryption.encrypt(tokens[i % tokens.length], row), row);
		}
		long[] encrypt = new long[SEALS];
		long[] decrypt = new long[SEALS];
		for (int i = 0; i < SEALS; i++) {
			long start = System.nanoTime();
			encryption.encrypt(tokens[i % tokens.length], row);
			encrypt[i] = System.nanoTime() - start;
			start = System.nanoTime();
			encryption.decrypt(sealed[i % sealed.length], row);
			decrypt[i] = System.nanoTime() - start;
		}
		System.out.printf("AES-GCM encrypt one token (in process): %s%n", summary(encrypt));
		System.out.printf("AES-GCM decrypt one token (in process): %s%n", summary(decrypt));
	}

	private static String summary(long[] nanos) {
		long[] sorted = nanos.clone();
		Arrays.sort(sorted);
		double mean = Arrays.stream(sorted).average().orElse(0) / 1000.0;
		return String.format("mean %.1f us, p50 %.1f us, p99 %.1f us (%d ops)", mean,
				sorted[sorted.length / 2] / 1000.0, sorted[(int) (sorted.length * 0.99)] / 1000.0, sorted.length);
	}

	private static OAuth2AuthorizedClient entry(long userId, SplittableRandom random) {
		Instant now = Instant.now();
		// Discord's tokens are 30 random characters.
		return new OAuth2AuthorizedClient(JdbcDiscordTokenStoreTests.DISCORD, Long.toString(userId),
				new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, token(random), now, now.plusSeconds(604800),
						Set.of("identify", "email", "guilds", "role_connections.write")),
				new OAuth2RefreshToken(token(random), now));
	}

	private static String token(SplittableRandom random) {
		char[] chars = new char[30];
		for (int i = 0; i < chars.length; i++) {
			chars[i] = (char) ('A' + random.nextInt(26));
		}
		return new String(chars);
	}

	/** One store and the figures measured on it. */
	private static final class Variant {

		final String name;

		final JdbcDiscordTokenStore store;

		final long firstUser;

		final long[] reads = new long[READS];

		final long[] refreshes = new long[REFRESHES];

		int readCount;

		int refreshCount;

		Variant(String name, JdbcDiscordTokenStore store, long firstUser) {
			this.name = name;
			this.store = store;
			this.firstUser = firstUser;
		}

		long read(SplittableRandom random) {
			long id = this.firstUser + random.nextInt(USERS);
			long start = System.nanoTime();
			this.store.load("discord", id);
			return System.nanoTime() - start;
		}

		long refresh(SplittableRandom random) {
			long id = this.firstUser + random.nextInt(USERS);
			OAuth2AuthorizedClient rotated = entry(id, random);
			long start = System.nanoTime();
			// What DiscordTokens does around the call to Discord: read again, then store
			// the rotated pair only over the refresh token it started from.
			OAuth2AuthorizedClient stored = this.store.load("discord", id);
			this.store.replace("discord", id, stored.getRefreshToken().getTokenValue(), rotated);
			return System.nanoTime() - start;
		}

	}

}
