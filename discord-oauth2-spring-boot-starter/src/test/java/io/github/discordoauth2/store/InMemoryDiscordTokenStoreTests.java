package io.github.discordoauth2.store;

import java.time.Clock;
import java.time.Instant;
import java.util.Set;

import io.github.discordoauth2.security.tokens.InMemoryDiscordTokenStore;
import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.core.OAuth2AccessToken;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The memory store stays bounded: the least recently used users (and account links) go
 * beyond its size, and entries that can no longer give a token go first.
 */
class InMemoryDiscordTokenStoreTests {

	private static final long FIRST = 1100000000000000000L;

	@Test
	void holdsAtMostItsSizeDroppingTheLeastRecentlyUsed() {
		InMemoryDiscordTokenStore store = new InMemoryDiscordTokenStore(3, Clock.systemUTC());
		for (long id = 1; id <= 3; id++) {
			store.save(JdbcDiscordTokenStoreTests.entry(FIRST + id, "a" + id, "r" + id), FIRST + id);
		}
		// User 1 is used again, so user 2 is now the least recently used.
		assertThat(store.load("discord", FIRST + 1)).isNotNull();

		store.save(JdbcDiscordTokenStoreTests.entry(FIRST + 4, "a4", "r4"), FIRST + 4);

		assertThat(store.size()).isEqualTo(3);
		assertThat(store.load("discord", FIRST + 2)).isNull();
		assertThat(store.load("discord", FIRST + 1)).isNotNull();
	}

	@Test
	void holdsAtMostItsSizeOfAccountLinks() {
		InMemoryDiscordTokenStore store = new InMemoryDiscordTokenStore(2, Clock.systemUTC());
		store.saveLink("discord", "local:a", FIRST + 1);
		store.saveLink("discord", "local:b", FIRST + 2);
		assertThat(store.linkedUserId("discord", "local:a")).isEqualTo(FIRST + 1);

		store.saveLink("discord", "local:c", FIRST + 3);

		assertThat(store.linkedUserId("discord", "local:b")).isNull();
		assertThat(store.linkedUserId("discord", "local:a")).isEqualTo(FIRST + 1);
		assertThat(store.linkedUserId("discord", "local:c")).isEqualTo(FIRST + 3);
		assertThat(store.removeLink("discord", "local:a")).isTrue();
		assertThat(store.linkedUserId("discord", "local:a")).isNull();
	}

	@Test
	void expiredEntriesWithoutRefreshTokenGoBeforeLiveOnes() {
		InMemoryDiscordTokenStore store = new InMemoryDiscordTokenStore(2, Clock.systemUTC());
		Instant past = Instant.now().minusSeconds(3600);
		OAuth2AuthorizedClient dead = new OAuth2AuthorizedClient(JdbcDiscordTokenStoreTests.DISCORD,
				Long.toString(FIRST + 1), new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, "a1", past,
						past.plusSeconds(60), Set.of("identify")));
		store.save(dead, FIRST + 1);
		store.save(JdbcDiscordTokenStoreTests.entry(FIRST + 2, "a2", "r2"), FIRST + 2);
		// The dead entry is the most recently used, yet it goes first.
		store.load("discord", FIRST + 1);

		store.save(JdbcDiscordTokenStoreTests.entry(FIRST + 3, "a3", "r3"), FIRST + 3);

		assertThat(store.load("discord", FIRST + 1)).isNull();
		assertThat(store.load("discord", FIRST + 2)).isNotNull();
		assertThat(store.load("discord", FIRST + 3)).isNotNull();
	}

}
