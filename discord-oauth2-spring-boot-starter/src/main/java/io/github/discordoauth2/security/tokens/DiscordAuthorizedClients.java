package io.github.discordoauth2.security.tokens;

import java.util.Optional;

import io.github.discordoauth2.AccessToken;
import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;

/**
 * What the web layer needs of a token's life: the service provider interface between the
 * servlet adapters of {@code security.web} (authorized client repository, manager,
 * {@code AccessToken} arguments) and the one place that reads, refreshes and saves
 * Discord tokens. {@link DiscordTokens} implements it; an application that replaces the
 * store or the refresh logic implements it to keep the web adapters working.
 * <p>
 * Entries are Spring Security's {@link OAuth2AuthorizedClient}, keyed by Discord user ID
 * (never by a principal's name). Implementations are thread-safe and may block (they read
 * and write the store).
 *
 * @since 0.1.0
 * @see ReactiveDiscordAuthorizedClients
 */
public interface DiscordAuthorizedClients {

	/**
	 * The registration whose tokens this handles.
	 * @return e.g. {@code discord}
	 */
	String registrationId();

	/**
	 * The user's entry as stored, without refreshing it.
	 * @param userId the Discord user ID
	 * @return the entry, or {@code null} when none is stored
	 */
	@Nullable OAuth2AuthorizedClient load(long userId);

	/**
	 * The user's current entry: as stored, or refreshed first (and the rotated pair saved
	 * before it is returned) when it has expired or will within the refresh-ahead time.
	 * @param userId the Discord user ID
	 * @return the entry, or empty when none is stored or it can no longer be refreshed
	 */
	Optional<OAuth2AuthorizedClient> current(long userId);

	/**
	 * Stores a freshly issued entry (a login or a completed authorization) for the user,
	 * replacing what was stored.
	 * @param authorized the entry
	 * @param userId the Discord user ID it belongs to
	 */
	void save(OAuth2AuthorizedClient authorized, long userId);

	/**
	 * What the web layer's authorized client repositories do with an entry Spring
	 * Security saves for the user. A pair the store does not hold, whose access token has
	 * not expired, was freshly issued (a login, or a completed authorization) and is
	 * stored, whatever its lifetime, even one shorter than the refresh-ahead time.
	 * Anything else is Spring Security (or the 401 handling) handing back a pair it
	 * loaded earlier, marked expired to ask for a refresh: while the store still holds
	 * that pair, its next use refreshes it; a pair another request has rotated meanwhile
	 * is newer, so it is neither overwritten with the older one nor refreshed again.
	 * @param authorized the entry Spring Security saves
	 * @param userId the Discord user ID it belongs to
	 */
	default void saveFromRepository(OAuth2AuthorizedClient authorized, long userId) {
		boolean stored = isSamePair(load(userId), authorized);
		if (!stored && !toAccessToken(authorized).isExpired()) {
			save(authorized, userId);
		}
		else if (stored && needsRefresh(authorized)) {
			invalidateAccessToken(userId);
		}
	}

	/**
	 * Whether two entries hold the same pair of tokens: the same refresh token, or,
	 * without one, the same access token.
	 * @param stored the stored entry, or {@code null}
	 * @param other the other entry
	 * @return whether they are the same pair
	 */
	static boolean isSamePair(@Nullable OAuth2AuthorizedClient stored, OAuth2AuthorizedClient other) {
		if (stored == null) {
			return false;
		}
		OAuth2RefreshToken storedRefresh = stored.getRefreshToken();
		OAuth2RefreshToken otherRefresh = other.getRefreshToken();
		if (storedRefresh != null || otherRefresh != null) {
			return storedRefresh != null && otherRefresh != null
					&& storedRefresh.getTokenValue().equals(otherRefresh.getTokenValue());
		}
		return stored.getAccessToken().getTokenValue().equals(other.getAccessToken().getTokenValue());
	}

	/**
	 * Makes the next use of the user's token refresh it, or forgets it when it cannot be
	 * refreshed. Works on the entry as stored, so a pair that another request has just
	 * rotated is never deleted.
	 * @param userId the Discord user ID
	 */
	void invalidateAccessToken(long userId);

	/**
	 * Whether an entry is due for a refresh: expired, or expiring within the
	 * refresh-ahead time.
	 * @param authorized the entry
	 * @return whether to refresh before use
	 */
	boolean needsRefresh(OAuth2AuthorizedClient authorized);

	/**
	 * The core's token for an entry, for Discord calls. Do not call
	 * {@link AccessToken#refresh()} on it: the rotated refresh token would not be stored.
	 * @param authorized the entry
	 * @return the token
	 */
	AccessToken toAccessToken(OAuth2AuthorizedClient authorized);

}
