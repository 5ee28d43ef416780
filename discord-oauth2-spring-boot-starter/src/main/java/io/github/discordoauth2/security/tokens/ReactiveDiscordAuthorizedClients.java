package io.github.discordoauth2.security.tokens;

import io.github.discordoauth2.ReactiveAccessToken;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;

/**
 * What the reactive web layer needs of a token's life: the non-blocking twin of
 * {@link DiscordAuthorizedClients}, between the adapters of {@code security.web.server}
 * and the store. {@link ReactiveDiscordTokens} implements it. Every method that touches
 * the store returns a publisher that does its work off the event loop.
 *
 * @since 0.1.0
 */
public interface ReactiveDiscordAuthorizedClients {

	/**
	 * The registration whose tokens this handles.
	 * @return e.g. {@code discord}
	 */
	String registrationId();

	/**
	 * The Discord user ID of an authentication that is a Discord login of this
	 * registration; decided from the authentication alone, without the store.
	 * @param authentication the authentication, or {@code null}
	 * @return the user ID, or {@code null}
	 */
	@Nullable Long userIdOf(@Nullable Authentication authentication);

	/**
	 * The Discord user an authentication stands for: its Discord login, or the Discord
	 * account that its local account connected.
	 * @param authentication the authentication, or {@code null}
	 * @return the user ID, or empty
	 */
	Mono<Long> linkedUserIdOf(@Nullable Authentication authentication);

	/**
	 * The user's entry as stored, without refreshing it.
	 * @param userId the Discord user ID
	 * @return the entry, or empty
	 */
	Mono<OAuth2AuthorizedClient> load(long userId);

	/**
	 * The user's current entry, refreshed first when due, as
	 * {@link DiscordAuthorizedClients#current(long)}.
	 * @param userId the Discord user ID
	 * @return the entry, or empty
	 */
	Mono<OAuth2AuthorizedClient> current(long userId);

	/**
	 * The current entry of the Discord user an authentication stands for (see
	 * {@link #linkedUserIdOf}), refreshed when due; empty for anyone else.
	 * @param authentication the authentication, or {@code null}
	 * @return the entry, or empty
	 */
	Mono<OAuth2AuthorizedClient> currentFor(@Nullable Authentication authentication);

	/**
	 * Stores a freshly issued entry for the user, as
	 * {@link DiscordAuthorizedClients#save}.
	 * @param authorized the entry
	 * @param userId the Discord user ID
	 * @return completes when saved
	 */
	Mono<Void> save(OAuth2AuthorizedClient authorized, long userId);

	/**
	 * What the reactive authorized client repository does with an entry Spring Security
	 * saves for the user, as {@link DiscordAuthorizedClients#saveFromRepository}: a
	 * freshly issued pair is stored whatever its lifetime; a pair handed back to ask for
	 * a refresh only makes the next use of the stored pair refresh it when due.
	 * @param authorized the entry Spring Security saves
	 * @param userId the Discord user ID it belongs to
	 * @return completes when done
	 */
	default Mono<Void> saveFromRepository(OAuth2AuthorizedClient authorized, long userId) {
		return load(userId).map((stored) -> DiscordAuthorizedClients.isSamePair(stored, authorized))
			.defaultIfEmpty(false)
			.flatMap((stored) -> {
				if (!stored && !toAccessToken(authorized).isExpired()) {
					return save(authorized, userId);
				}
				return (!stored || needsRefresh(authorized)) ? invalidateAccessToken(userId) : Mono.empty();
			});
	}

	/**
	 * Makes the next use of the user's token refresh it, as
	 * {@link DiscordAuthorizedClients#invalidateAccessToken(long)}.
	 * @param userId the Discord user ID
	 * @return completes when done
	 */
	Mono<Void> invalidateAccessToken(long userId);

	/**
	 * Whether an entry is due for a refresh; computed, never blocks.
	 * @param authorized the entry
	 * @return whether to refresh before use
	 */
	boolean needsRefresh(OAuth2AuthorizedClient authorized);

	/**
	 * The core's reactive token for an entry, for Discord calls.
	 * @param authorized the entry
	 * @return the token
	 */
	ReactiveAccessToken toAccessToken(OAuth2AuthorizedClient authorized);

}
