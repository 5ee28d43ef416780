package io.github.discordoauth2.security.tokens;

import java.util.concurrent.Callable;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.util.Assert;

/**
 * The non-blocking face of {@link DiscordAccountLinks}, for WebFlux applications: the
 * same links in the same store, with the same rules (one Discord account per
 * {@code discord.oauth2.linking.max-accounts-per-discord-user} local accounts, the old
 * grant revoked on reconnecting, the same events), run on a
 * {@link Schedulers#boundedElastic() bounded elastic} thread because the store blocks.
 * Work that writes (a connection, a disconnection) runs to its end once started, even
 * when the subscriber cancels: a browser that goes away must not leave a grant at Discord
 * that nobody holds.
 *
 * @since 0.1.0
 */
public final class ReactiveDiscordAccountLinks {

	private final DiscordAccountLinks links;

	private final Scheduler scheduler;

	/**
	 * Creates the facade, running store access on {@link Schedulers#boundedElastic()}.
	 * @param links the blocking links
	 */
	public ReactiveDiscordAccountLinks(DiscordAccountLinks links) {
		this(links, Schedulers.boundedElastic());
	}

	/**
	 * Creates the facade.
	 * @param links the blocking links
	 * @param scheduler where the blocking work runs (a scheduler whose threads may block)
	 */
	public ReactiveDiscordAccountLinks(DiscordAccountLinks links, Scheduler scheduler) {
		Assert.notNull(links, "links must not be null");
		Assert.notNull(scheduler, "scheduler must not be null");
		this.links = links;
		this.scheduler = scheduler;
	}

	/**
	 * The blocking links behind this facade, for work off the event loop.
	 * @return the links
	 */
	public DiscordAccountLinks blocking() {
		return this.links;
	}

	/**
	 * The Discord user ID of an authentication: the one it logged in with (no store
	 * read), or the one its local account has connected.
	 * @param authentication the authentication, or {@code null}
	 * @return the Discord user ID, or empty
	 */
	public Mono<Long> discordIdOf(@Nullable Authentication authentication) {
		if (!this.links.isLocalAccount(authentication)) {
			return Mono.justOrEmpty(this.links.userIdOf(authentication));
		}
		return Mono.fromCallable(() -> this.links.userIdOf(authentication)).subscribeOn(this.scheduler);
	}

	/**
	 * Whether the authentication is a local account that can connect Discord, as
	 * {@link DiscordAccountLinks#isLocalAccount}; never blocks.
	 * @param authentication the authentication, or {@code null}
	 * @return whether it can have a link
	 */
	public boolean isLocalAccount(@Nullable Authentication authentication) {
		return this.links.isLocalAccount(authentication);
	}

	/**
	 * The key of a local account's link, as {@link DiscordAccountLinks#accountKey}; never
	 * blocks (unless the application's {@link LocalAccountIdentifier} does).
	 * @param authentication the local account
	 * @return the key
	 */
	public String accountKey(Authentication authentication) {
		return this.links.accountKey(authentication);
	}

	/**
	 * Disconnects the local account's Discord account, as
	 * {@link DiscordAccountLinks#disconnect}.
	 * @param authentication the local account
	 * @return what came of the revocation
	 */
	public Mono<DiscordRevocation> disconnect(@Nullable Authentication authentication) {
		return toCompletion(() -> this.links.disconnect(authentication));
	}

	/**
	 * Saves a Discord authorization for a signed-in local account, as
	 * {@link DiscordAccountLinks#saveAuthorized}.
	 * @param authentication the signed-in local account
	 * @param authorized the authorization Spring Security saves
	 * @return {@code false} when a new connection was refused, else {@code true}
	 */
	public Mono<Boolean> saveAuthorized(Authentication authentication, OAuth2AuthorizedClient authorized) {
		return toCompletion(() -> this.links.saveAuthorized(authentication, authorized));
	}

	/**
	 * Work that writes to the store (and may revoke at Discord), off the event loop and
	 * to its end even when the subscriber cancels: cancelling a scheduled task interrupts
	 * its thread.
	 */
	private <T> Mono<T> toCompletion(Callable<@Nullable T> work) {
		return Mono.defer(() -> Mono.fromFuture(Mono.fromCallable(work).subscribeOn(this.scheduler).toFuture(), true));
	}

}
