package io.github.discordoauth2.security.tokens;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;

import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientService;

/**
 * Where the starter keeps each user's Discord tokens: one entry per registration and
 * Discord user ID (never per principal name, which a local account could share with a
 * Discord ID). It is also the application's {@link OAuth2AuthorizedClientService}, so
 * that Spring Security's login stores into it; for the Discord registration the
 * {@code principalName} of that interface is the Discord user ID.
 *
 * <p>
 * It also keeps the links of account linking ({@link DiscordAccountLinks}): which Discord
 * user ID a local account (a form login, another provider) has connected, keyed by
 * {@link DiscordAccountLinks#accountKey(org.springframework.security.core.Authentication)},
 * compared exactly (every character, case included) on every database.
 *
 * <p>
 * Implementations: {@link JdbcDiscordTokenStore} (shared by every instance of an
 * application) and {@link InMemoryDiscordTokenStore} (one instance). Use
 * {@link DiscordTokens} rather than the store to get a user's current token: it refreshes
 * and saves.
 *
 * @since 0.1.0
 */
public interface DiscordTokenStore extends OAuth2AuthorizedClientService {

	/**
	 * The stored tokens of a user, as they are (not refreshed).
	 * @param registrationId the Discord registration ID
	 * @param userId the Discord user ID
	 * @return the entry, or {@code null} when none is stored
	 */
	@Nullable OAuth2AuthorizedClient load(String registrationId, long userId);

	/**
	 * Stores a user's tokens, replacing any earlier entry.
	 * @param authorizedClient the tokens; its principal name must be the user ID
	 * @param userId the Discord user ID
	 */
	void save(OAuth2AuthorizedClient authorizedClient, long userId);

	/**
	 * Changes a user's entry atomically against other instances: the change sees the
	 * entry as stored at that moment, so that an entry another instance has just replaced
	 * (a rotation) is never overwritten with an older one nor removed by mistake.
	 * @param registrationId the Discord registration ID
	 * @param userId the Discord user ID
	 * @param change given the stored entry, returns it unchanged (nothing happens), a new
	 * entry (stored instead) or {@code null} (the entry is removed)
	 * @return whether the entry was removed
	 */
	boolean update(String registrationId, long userId, UnaryOperator<@Nullable OAuth2AuthorizedClient> change);

	/**
	 * Stores a rotated pair only while the user's entry still holds the refresh token the
	 * rotation started from (compare-and-swap, atomic against other instances as
	 * {@link #update} is). A rotation that finishes after the entry was removed (logout,
	 * {@link DiscordTokens#revoke(long)}, disconnect) or replaced (a new login) stores
	 * nothing, so that it cannot bring back what was removed nor overwrite a newer pair.
	 * @param registrationId the Discord registration ID
	 * @param userId the Discord user ID
	 * @param expectedRefreshToken the refresh token the rotation was made with
	 * @param rotated the new pair
	 * @return whether the pair was stored
	 */
	default boolean replace(String registrationId, long userId, String expectedRefreshToken,
			OAuth2AuthorizedClient rotated) {
		AtomicBoolean replaced = new AtomicBoolean();
		update(registrationId, userId, (current) -> {
			if (current == null || current.getRefreshToken() == null
					|| !current.getRefreshToken().getTokenValue().equals(expectedRefreshToken)) {
				return current;
			}
			replaced.set(true);
			return rotated;
		});
		return replaced.get();
	}

	/**
	 * One page of the stored user IDs of a registration, in a stable order.
	 * @param registrationId the Discord registration ID
	 * @param after the cursor of the previous page ({@link UserPage#next()}), or
	 * {@code null} for the first page
	 * @param size the most IDs to return
	 * @return the page
	 */
	UserPage userIds(String registrationId, @Nullable String after, int size);

	/**
	 * The Discord user ID a local account has connected.
	 * @param registrationId the Discord registration ID
	 * @param accountKey the local account's key
	 * ({@link DiscordAccountLinks#accountKey(org.springframework.security.core.Authentication)}),
	 * compared exactly
	 * @return the Discord user ID, or {@code null} when the account has none connected
	 */
	@Nullable Long linkedUserId(String registrationId, String accountKey);

	/**
	 * Records that a local account has connected a Discord user ID, replacing any earlier
	 * link of that account.
	 * @param registrationId the Discord registration ID
	 * @param accountKey the local account's key
	 * @param userId the Discord user ID, as Discord reported it for the account's token
	 */
	void saveLink(String registrationId, String accountKey, long userId);

	/**
	 * How many local accounts have connected a Discord user ID.
	 * @param registrationId the Discord registration ID
	 * @param userId the Discord user ID
	 * @return the number of links to it
	 */
	int countLinks(String registrationId, long userId);

	/**
	 * Links a local account to a Discord user ID, replacing the account's earlier link,
	 * unless the Discord user would then be connected to more than
	 * {@code maxAccountsPerUser} local accounts: then the account keeps its earlier link
	 * (or none). Written first and counted after, so that two instances linking at the
	 * same moment may both be refused but never both kept beyond the limit.
	 * @param registrationId the Discord registration ID
	 * @param accountKey the local account's key
	 * @param userId the Discord user ID, as Discord reported it for the account's token
	 * @param maxAccountsPerUser the most local accounts one Discord user may be linked to
	 * @return whether the account is linked now, and to whom it was linked before
	 */
	default LinkResult link(String registrationId, String accountKey, long userId, int maxAccountsPerUser) {
		Long previous = linkedUserId(registrationId, accountKey);
		if (previous != null && previous == userId) {
			return new LinkResult(true, previous);
		}
		saveLink(registrationId, accountKey, userId);
		if (countLinks(registrationId, userId) <= maxAccountsPerUser) {
			return new LinkResult(true, previous);
		}
		if (previous != null) {
			saveLink(registrationId, accountKey, previous);
		}
		else {
			removeLink(registrationId, accountKey);
		}
		return new LinkResult(false, previous);
	}

	/**
	 * Forgets a local account's link.
	 * @param registrationId the Discord registration ID
	 * @param accountKey the local account's key
	 * @return whether a link was stored
	 */
	boolean removeLink(String registrationId, String accountKey);

	/**
	 * Forgets every local account's link to a Discord user, as when the user removed the
	 * application in Discord.
	 * @param registrationId the Discord registration ID
	 * @param userId the Discord user ID
	 * @return how many links were stored
	 * @since 0.1.0
	 */
	int removeLinksTo(String registrationId, long userId);

	/**
	 * What {@link #link} did.
	 *
	 * @param linked whether the account is linked to the Discord user now
	 * @param previousUserId the Discord user ID the account was linked to before, or
	 * {@code null}
	 * @since 0.1.0
	 */
	record LinkResult(boolean linked, @Nullable Long previousUserId) {

	}

	/**
	 * A page of stored user IDs.
	 *
	 * @param userIds the Discord user IDs of this page
	 * @param next the cursor for the next page, or {@code null} when this is the last
	 * @since 0.1.0
	 */
	record UserPage(List<Long> userIds, @Nullable String next) {

		/**
		 * Copies the list.
		 * @param userIds the Discord user IDs of this page
		 * @param next the cursor for the next page, or {@code null} when this is the last
		 */
		public UserPage {
			userIds = List.copyOf(userIds);
		}

	}

}
