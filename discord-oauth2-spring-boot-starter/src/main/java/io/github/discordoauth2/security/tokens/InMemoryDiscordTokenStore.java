package io.github.discordoauth2.security.tokens;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import org.jspecify.annotations.Nullable;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.util.Assert;

/**
 * Keeps Discord tokens in this instance's memory: for <strong>one instance</strong> of an
 * application only. Another instance does not see them, and a restart loses them (every
 * user logs in again). Run several instances with {@link JdbcDiscordTokenStore}.
 *
 * <p>
 * It is bounded: it holds at most {@code maxUsers} entries (the least recently used go
 * first), and drops entries that can no longer give a token (access token expired and no
 * refresh token). The links of account linking are bounded by the same number (the least
 * recently used go first). Logged-out users' entries go when logout removes tokens
 * ({@code discord.oauth2.token-store.on-logout}).
 *
 * @since 0.1.0
 */
public final class InMemoryDiscordTokenStore implements DiscordTokenStore, DiscordJobLeases {

	private final int maxUsers;

	private final Clock clock;

	private final LinkedHashMap<Key, OAuth2AuthorizedClient> entries = new LinkedHashMap<>(16, 0.75f, true);

	private final LinkedHashMap<Key, Long> links = new LinkedHashMap<>(16, 0.75f, true);

	private final Map<String, Instant> leases = new HashMap<>();

	/**
	 * Creates the store.
	 * @param maxUsers the most entries it holds
	 * @param clock tells when an access token has expired
	 */
	public InMemoryDiscordTokenStore(int maxUsers, Clock clock) {
		Assert.isTrue(maxUsers > 0, "maxUsers must be positive");
		Assert.notNull(clock, "clock must not be null");
		this.maxUsers = maxUsers;
		this.clock = clock;
	}

	@Override
	@SuppressWarnings("unchecked")
	public synchronized <T extends OAuth2AuthorizedClient> @Nullable T loadAuthorizedClient(String clientRegistrationId,
			String principalName) {
		return (T) this.entries.get(new Key(clientRegistrationId, principalName));
	}

	@Override
	public void saveAuthorizedClient(OAuth2AuthorizedClient authorizedClient, Authentication principal) {
		put(new Key(authorizedClient.getClientRegistration().getRegistrationId(), principal.getName()),
				authorizedClient);
	}

	@Override
	public synchronized void removeAuthorizedClient(String clientRegistrationId, String principalName) {
		this.entries.remove(new Key(clientRegistrationId, principalName));
	}

	@Override
	public @Nullable OAuth2AuthorizedClient load(String registrationId, long userId) {
		return loadAuthorizedClient(registrationId, Long.toString(userId));
	}

	@Override
	public void save(OAuth2AuthorizedClient authorizedClient, long userId) {
		put(new Key(authorizedClient.getClientRegistration().getRegistrationId(), Long.toString(userId)),
				authorizedClient);
	}

	@Override
	public synchronized boolean update(String registrationId, long userId,
			UnaryOperator<@Nullable OAuth2AuthorizedClient> change) {
		Key key = new Key(registrationId, Long.toString(userId));
		OAuth2AuthorizedClient current = this.entries.get(key);
		if (current == null) {
			return false;
		}
		OAuth2AuthorizedClient changed = change.apply(current);
		if (changed == current) {
			return false;
		}
		if (changed == null) {
			this.entries.remove(key);
			return true;
		}
		put(key, changed);
		return false;
	}

	@Override
	public synchronized UserPage userIds(String registrationId, @Nullable String after, int size) {
		Assert.isTrue(size > 0, "size must be positive");
		String from = (after != null) ? after : "";
		List<String> names = this.entries.keySet()
			.stream()
			.filter((key) -> key.registrationId().equals(registrationId) && key.principalName().compareTo(from) > 0)
			.map(Key::principalName)
			.sorted()
			.limit(size)
			.toList();
		List<Long> ids = new ArrayList<>(names.size());
		names.forEach((name) -> ids.add(Long.parseLong(name)));
		return new UserPage(ids, (names.size() < size) ? null : names.get(names.size() - 1));
	}

	@Override
	public synchronized @Nullable Long linkedUserId(String registrationId, String accountKey) {
		return this.links.get(new Key(registrationId, accountKey));
	}

	@Override
	public synchronized void saveLink(String registrationId, String accountKey, long userId) {
		this.links.put(new Key(registrationId, accountKey), userId);
		Iterator<Key> eldest = this.links.keySet().iterator();
		while (this.links.size() > this.maxUsers && eldest.hasNext()) {
			eldest.next();
			eldest.remove();
		}
	}

	@Override
	public synchronized int countLinks(String registrationId, long userId) {
		int count = 0;
		for (Map.Entry<Key, Long> link : this.links.entrySet()) {
			if (link.getKey().registrationId().equals(registrationId) && link.getValue() == userId) {
				count++;
			}
		}
		return count;
	}

	@Override
	public synchronized LinkResult link(String registrationId, String accountKey, long userId, int maxAccountsPerUser) {
		// Atomic here: the default's write-then-count is for stores shared by instances.
		return DiscordTokenStore.super.link(registrationId, accountKey, userId, maxAccountsPerUser);
	}

	@Override
	public synchronized boolean removeLink(String registrationId, String accountKey) {
		return this.links.remove(new Key(registrationId, accountKey)) != null;
	}

	@Override
	public synchronized int removeLinksTo(String registrationId, long userId) {
		int before = this.links.size();
		this.links.entrySet()
			.removeIf((link) -> link.getKey().registrationId().equals(registrationId) && link.getValue() == userId);
		return before - this.links.size();
	}

	/**
	 * Takes the job's lease in this instance's memory: enough for one instance, which is
	 * all this store serves.
	 */
	@Override
	public synchronized boolean tryAcquire(String jobName, Duration lease) {
		Assert.hasText(jobName, "jobName must not be empty");
		Assert.isTrue(!lease.isNegative() && !lease.isZero(), "lease must be positive");
		Instant now = this.clock.instant();
		Instant until = this.leases.get(jobName);
		if (until != null && now.isBefore(until)) {
			return false;
		}
		this.leases.put(jobName, now.plus(lease));
		return true;
	}

	/**
	 * How many entries the store holds now.
	 * @return the number of entries
	 */
	public synchronized int size() {
		return this.entries.size();
	}

	private synchronized void put(Key key, OAuth2AuthorizedClient authorizedClient) {
		this.entries.put(key, authorizedClient);
		if (this.entries.size() > this.maxUsers) {
			dropDeadEntries();
		}
		Iterator<Map.Entry<Key, OAuth2AuthorizedClient>> eldest = this.entries.entrySet().iterator();
		while (this.entries.size() > this.maxUsers && eldest.hasNext()) {
			eldest.next();
			eldest.remove();
		}
	}

	private void dropDeadEntries() {
		this.entries.values().removeIf((entry) -> {
			if (entry.getRefreshToken() != null) {
				return false;
			}
			Instant expiresAt = entry.getAccessToken().getExpiresAt();
			return expiresAt != null && !this.clock.instant().isBefore(expiresAt);
		});
	}

	private record Key(String registrationId, String principalName) {
	}

}
