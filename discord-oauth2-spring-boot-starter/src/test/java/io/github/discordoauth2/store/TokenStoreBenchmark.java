package io.github.discordoauth2.store;

import java.time.Instant;
import java.util.Arrays;
import java.util.Set;
import java.util.SplittableRandom;

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
 * {@code AccessToken} argument makes, the re-read plus update of a refresh, and the
 * table's size per user. A bounded loop on one connection (no pool), run by hand:
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

	private static final int READS = 20_000;

	private static final int REFRESHES = 5_000;

	private static final long FIRST = 1100000000000000000L;

	private TokenStoreBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		try (EmbeddedPostgres postgres = EmbeddedPostgresSupport.start()) {
			SingleConnectionDataSource dataSource = new SingleConnectionDataSource(
					postgres.getJdbcUrl("postgres", "postgres"), "postgres", "", true);
			JdbcDiscordTokenStoreTests.createSchema(dataSource, "postgresql");
			JdbcDiscordTokenStore store = new JdbcDiscordTokenStore(new JdbcTemplate(dataSource),
					new InMemoryClientRegistrationRepository(JdbcDiscordTokenStoreTests.DISCORD));
			SplittableRandom random = new SplittableRandom(42);
			for (int i = 0; i < USERS; i++) {
				store.save(entry(FIRST + i, random), FIRST + i);
			}
			JdbcTemplate jdbc = new JdbcTemplate(dataSource);
			jdbc.execute("VACUUM ANALYZE oauth2_authorized_client");

			for (int i = 0; i < WARMUP; i++) {
				store.load("discord", FIRST + random.nextInt(USERS));
				store.save(entry(FIRST + random.nextInt(USERS), random), FIRST + random.nextInt(USERS));
			}
			long[] reads = new long[READS];
			for (int i = 0; i < READS; i++) {
				long id = FIRST + random.nextInt(USERS);
				long start = System.nanoTime();
				store.load("discord", id);
				reads[i] = System.nanoTime() - start;
			}
			long[] refreshes = new long[REFRESHES];
			for (int i = 0; i < REFRESHES; i++) {
				long id = FIRST + random.nextInt(USERS);
				OAuth2AuthorizedClient rotated = entry(id, random);
				long start = System.nanoTime();
				// What DiscordTokens does around the call to Discord: read again, then
				// save.
				store.load("discord", id);
				store.save(rotated, id);
				refreshes[i] = System.nanoTime() - start;
			}
			jdbc.execute("VACUUM FULL ANALYZE oauth2_authorized_client");
			long total = jdbc.queryForObject("SELECT pg_total_relation_size('oauth2_authorized_client')", Long.class);
			long heap = jdbc.queryForObject("SELECT pg_relation_size('oauth2_authorized_client')", Long.class);
			long rows = jdbc.queryForObject("SELECT COUNT(*) FROM oauth2_authorized_client", Long.class);
			String version = jdbc.queryForObject("SHOW server_version", String.class);

			System.out.printf("PostgreSQL %s, %d users, one connection, JDBC on loopback%n", version, rows);
			System.out.printf("read per request (load by user id): %s%n", summary(reads));
			System.out.printf("per refresh (re-read + save of the rotated pair): %s%n", summary(refreshes));
			System.out.printf("size: %d bytes in total (%d heap, %d index and TOAST), %d bytes per user%n", total, heap,
					total - heap, total / rows);
			dataSource.destroy();
		}
	}

	private static String summary(long[] nanos) {
		long[] sorted = nanos.clone();
		Arrays.sort(sorted);
		double mean = Arrays.stream(sorted).average().orElse(0) / 1000.0;
		return String.format("mean %.0f us, p50 %.0f us, p99 %.0f us (%d ops)", mean,
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

}
