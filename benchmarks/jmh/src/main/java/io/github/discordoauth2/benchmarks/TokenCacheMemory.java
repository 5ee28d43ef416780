package io.github.discordoauth2.benchmarks;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Set;
import java.util.function.UnaryOperator;

import io.github.discordoauth2.Client;
import io.github.discordoauth2.security.DiscordClientRegistrations;
import io.github.discordoauth2.security.tokens.DiscordTokenStore;
import io.github.discordoauth2.security.tokens.DiscordTokens;
import org.jspecify.annotations.Nullable;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;

/**
 * Heap retained by {@link DiscordTokens}' per-instance copies of the current tokens
 * ({@code discord.oauth2.token-store.cache.*}) as users are served, up to and beyond its
 * bound. The store hands out a new entry on every read, with token values of Discord's
 * length, as the JDBC store does after reading a row, so each copy is counted whole (the
 * client registration, shared by all, is not). Usage:
 * {@code TokenCacheMemory [users=100000] [max-users=10000]}.
 */
public final class TokenCacheMemory {

	private TokenCacheMemory() {
	}

	/** Prints a markdown table of users served and retained heap. */
	public static void main(String[] args) {
		int users = (args.length > 0) ? Integer.parseInt(args[0]) : 100_000;
		int maxUsers = (args.length > 1) ? Integer.parseInt(args[1]) : 10_000;
		Client client = Client.builder().clientId(1100000000000000001L).clientSecret("secret").build();
		ClientRegistration registration = DiscordClientRegistrations.discord("discord", client)
			.clientSecret("secret")
			.redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
			.scope("identify")
			.build();
		FreshEntries store = new FreshEntries(registration);
		System.out.println("| users served | cache bound (max-users) | retained heap (MiB) | bytes per cached user |");
		System.out.println("|---:|---:|---:|---:|");
		for (int bound : new int[] { users, maxUsers }) {
			DiscordTokens tokens = new DiscordTokens(client, "discord", store, (event) -> {
			}, Duration.ofSeconds(60), Duration.ofSeconds(3));
			long base = retainedHeap(tokens);
			tokens.setCache(Duration.ofMinutes(10), bound);
			for (long user = 1; user <= users; user++) {
				if (tokens.current(user).isEmpty()) {
					throw new IllegalStateException("no token for user " + user);
				}
			}
			long heap = retainedHeap(tokens) - base;
			int kept = Math.min(users, bound);
			System.out.printf(Locale.ROOT, "| %,d | %,d | %.1f | %,d (at most %,d users kept) |%n", users, bound,
					heap / 1048576.0, heap / kept, kept);
		}
		System.out.printf(Locale.ROOT, "JVM %s, max heap %d MiB%n", System.getProperty("java.version"),
				Runtime.getRuntime().maxMemory() >> 20);
	}

	private static long retainedHeap(Object keep) {
		long used = Long.MAX_VALUE;
		for (int i = 0; i < 5; i++) {
			System.gc();
			used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
		}
		// What is measured must stay reachable until then.
		return used + ((keep.hashCode() == 42) ? 1 : 0);
	}

	/**
	 * Every user has a current pair; each read builds a new entry, as reading a row does.
	 */
	private static final class FreshEntries implements DiscordTokenStore {

		private final ClientRegistration registration;

		private final Instant issuedAt = Instant.now();

		FreshEntries(ClientRegistration registration) {
			this.registration = registration;
		}

		@Override
		public @Nullable OAuth2AuthorizedClient load(String registrationId, long userId) {
			// Discord's tokens are 30 characters.
			String access = String.format(Locale.ROOT, "a%029d", userId);
			String refresh = String.format(Locale.ROOT, "r%029d", userId);
			return new OAuth2AuthorizedClient(this.registration, Long.toString(userId),
					new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, access, this.issuedAt,
							this.issuedAt.plus(Duration.ofDays(7)), Set.of("identify", "guilds")),
					new OAuth2RefreshToken(refresh, this.issuedAt));
		}

		@Override
		public void save(OAuth2AuthorizedClient authorizedClient, long userId) {
			throw new UnsupportedOperationException();
		}

		@Override
		public boolean update(String registrationId, long userId,
				UnaryOperator<@Nullable OAuth2AuthorizedClient> change) {
			throw new UnsupportedOperationException();
		}

		@Override
		public UserPage userIds(String registrationId, @Nullable String after, int size) {
			throw new UnsupportedOperationException();
		}

		@Override
		public @Nullable Long linkedUserId(String registrationId, String accountKey) {
			return null;
		}

		@Override
		public void saveLink(String registrationId, String accountKey, long userId) {
			throw new UnsupportedOperationException();
		}

		@Override
		public int countLinks(String registrationId, long userId) {
			return 0;
		}

		@Override
		public boolean removeLink(String registrationId, String accountKey) {
			return false;
		}

		@Override
		public int removeLinksTo(String registrationId, long userId) {
			return 0;
		}

		@Override
		public <T extends OAuth2AuthorizedClient> @Nullable T loadAuthorizedClient(String clientRegistrationId,
				String principalName) {
			throw new UnsupportedOperationException();
		}

		@Override
		public void saveAuthorizedClient(OAuth2AuthorizedClient authorizedClient, Authentication principal) {
			throw new UnsupportedOperationException();
		}

		@Override
		public void removeAuthorizedClient(String clientRegistrationId, String principalName) {
			throw new UnsupportedOperationException();
		}

	}

}
