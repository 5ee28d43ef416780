package io.github.discordoauth2.security.tokens;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.BiFunction;

import io.github.discordoauth2.AccessToken;
import io.github.discordoauth2.ReactiveAccessToken;
import io.github.discordoauth2.ReactiveClient;
import io.github.discordoauth2.security.DiscordUnauthorized;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.util.Assert;

/**
 * The non-blocking face of {@link DiscordTokens}, for WebFlux applications: the same
 * store, the same one refresh logic (saved before use, one call per user and instance,
 * races between instances settled in the store, the same events), run on a
 * {@link Schedulers#boundedElastic() bounded elastic} thread because the store (JDBC) and
 * the refresh block; no store access or refresh ever runs on the event loop. A current
 * token already in this instance's memory (the per-instance copy in front of the JDBC
 * store, or the memory store) is served on the calling thread. The tokens handed out are
 * {@link ReactiveAccessToken}s on the {@link ReactiveClient}, so calls made with them do
 * not block. Work that writes to the store (a refresh and its save, a save, a removal, a
 * revocation) runs to its end once started, even when the subscriber cancels: a browser
 * that goes away must not lose a pair that Discord has already rotated.
 *
 * <p>
 * As with {@link DiscordTokens}, do not call {@link ReactiveAccessToken#refresh()} on a
 * token from here: the rotated refresh token would not be stored. Call
 * {@link #find(long)} again instead.
 *
 * @since 0.1.0
 */
public final class ReactiveDiscordTokens implements ReactiveDiscordAuthorizedClients {

	private final DiscordTokens tokens;

	private final ReactiveClient client;

	private final Scheduler scheduler;

	private final DiscordAccountLinks links;

	/**
	 * Creates the facade, running store access and refreshes on
	 * {@link Schedulers#boundedElastic()}.
	 * @param tokens the blocking service that reads, refreshes and saves
	 * @param client the reactive client of the same core client
	 */
	public ReactiveDiscordTokens(DiscordTokens tokens, ReactiveClient client) {
		this(tokens, client, Schedulers.boundedElastic());
	}

	/**
	 * Creates the facade.
	 * @param tokens the blocking service that reads, refreshes and saves
	 * @param client the reactive client of the same core client
	 * @param scheduler where the blocking work runs (a scheduler whose threads may block)
	 */
	public ReactiveDiscordTokens(DiscordTokens tokens, ReactiveClient client, Scheduler scheduler) {
		this(tokens, client, scheduler, new DiscordAccountLinks(tokens));
	}

	/**
	 * Creates the facade.
	 * @param tokens the blocking service that reads, refreshes and saves
	 * @param client the reactive client of the same core client
	 * @param scheduler where the blocking work runs (a scheduler whose threads may block)
	 * @param links the account links (the {@link DiscordAccountLinks} bean), for local
	 * accounts that connected Discord
	 */
	public ReactiveDiscordTokens(DiscordTokens tokens, ReactiveClient client, Scheduler scheduler,
			DiscordAccountLinks links) {
		Assert.notNull(tokens, "tokens must not be null");
		Assert.notNull(client, "client must not be null");
		Assert.notNull(scheduler, "scheduler must not be null");
		Assert.notNull(links, "links must not be null");
		this.tokens = tokens;
		this.client = client;
		this.scheduler = scheduler;
		this.links = links;
	}

	/**
	 * The user's current token, refreshed (and the new pair saved) when it has expired;
	 * read from the store, as {@link DiscordTokens#find(long)}.
	 * @param userId the Discord user ID
	 * @return the token, or empty as {@link DiscordTokens#find(long)}
	 */
	public Mono<ReactiveAccessToken> find(long userId) {
		return toCompletion(() -> this.tokens.currentFromStore(userId).orElse(null)).map(this::toAccessToken);
	}

	/**
	 * The ID of every user with stored tokens, read from the store in pages of
	 * {@code pageSize} as the subscriber asks for more.
	 * @param pageSize how many IDs are read at once
	 * @return the user IDs
	 */
	public Flux<Long> userIds(int pageSize) {
		Assert.isTrue(pageSize > 0, "pageSize must be positive");
		return Mono.fromCallable(() -> this.tokens.page(null, pageSize))
			.subscribeOn(this.scheduler)
			.expand((page) -> (page.next() == null) ? Mono.empty()
					: Mono.fromCallable(() -> this.tokens.page(page.next(), pageSize)).subscribeOn(this.scheduler))
			.concatMapIterable(DiscordTokenStore.UserPage::userIds);
	}

	/**
	 * Calls the action with every user's current token, as
	 * {@link DiscordTokens#forEachToken(int, java.util.function.BiConsumer)} does, one
	 * user after another: a user whose token Discord refuses (HTTP 401, confirmed with
	 * {@code GET /oauth2/@me}) has the token refreshed and the action run once more, or
	 * the tokens removed when Discord refuses them altogether; any other error is counted
	 * and reported at the end. The walk always completes; store access and the checks run
	 * off the event loop.
	 * @param pageSize how many IDs are read at once
	 * @param action what to do with each user's token, e.g.
	 * {@code (userId, token) -> token.updateMetadata(...)}; keep it idempotent
	 * @return what the walk did, once it has completed
	 */
	public Mono<UserWalkReport> forEachToken(int pageSize,
			BiFunction<Long, ReactiveAccessToken, ? extends Publisher<?>> action) {
		Assert.notNull(action, "action must not be null");
		return Mono.defer(() -> {
			UserWalk walk = new UserWalk(this.tokens);
			return userIds(pageSize).concatMap((userId) -> visit(walk, userId, action)).then(offLoop(walk::report));
		});
	}

	/**
	 * Runs {@link #forEachToken(int, BiFunction)} unless another instance holds the job's
	 * lease, as
	 * {@link DiscordTokens#forEachTokenOnce(String, Duration, int, java.util.function.BiConsumer)}.
	 * @param jobName the job's name, e.g. {@code linked-roles-sync}
	 * @param lease how long the job belongs to the instance that starts it
	 * @param pageSize how many IDs are read at once
	 * @param action what to do with each user's token
	 * @return what the walk did, or empty when another instance holds the lease
	 */
	public Mono<UserWalkReport> forEachTokenOnce(String jobName, Duration lease, int pageSize,
			BiFunction<Long, ReactiveAccessToken, ? extends Publisher<?>> action) {
		Assert.notNull(action, "action must not be null");
		Assert.isTrue(pageSize > 0, "pageSize must be positive");
		return offLoop(() -> this.tokens.jobLeases().tryAcquire(jobName, lease))
			.flatMap((acquired) -> acquired ? forEachToken(pageSize, action) : Mono.empty());
	}

	private Mono<Void> visit(UserWalk walk, long userId,
			BiFunction<Long, ReactiveAccessToken, ? extends Publisher<?>> action) {
		Mono<Void> once = toCompletion(() -> this.tokens.currentFromStore(userId).orElse(null)).map(this::toAccessToken)
			.flatMap((token) -> Mono.from(action.apply(userId, token)).then());
		return Mono.fromRunnable(walk::visited)
			.then(once)
			.onErrorResume((ex) -> afterFailure(walk, userId, ex, once))
			.then(offLoop(() -> {
				walk.countIfRemoved(userId);
				return null;
			}))
			.then();
	}

	private Mono<Void> afterFailure(UserWalk walk, long userId, Throwable ex, Mono<Void> again) {
		if (!DiscordUnauthorized.isUnauthorized(ex)) {
			return failed(walk, userId, ex);
		}
		return offLoop(() -> walk.settle(userId)).flatMap((settled) -> switch (settled) {
			case RETRY -> again.onErrorResume((failedAgain) -> failed(walk, userId, failedAgain));
			case FAILED -> failed(walk, userId, ex);
			case GONE -> Mono.<Void>empty();
		}).onErrorResume((settleFailed) -> failed(walk, userId, settleFailed));
	}

	private Mono<Void> failed(UserWalk walk, long userId, Throwable ex) {
		return offLoop(() -> {
			walk.failed(userId, ex);
			return null;
		}).then();
	}

	/**
	 * Forgets the user's stored tokens, as {@link DiscordTokens#remove(long)}.
	 * @param userId the Discord user ID
	 * @return whether tokens were stored
	 */
	public Mono<Boolean> remove(long userId) {
		return toCompletion(() -> this.tokens.remove(userId));
	}

	/**
	 * Revokes the user's authorization at Discord and forgets the stored tokens, as
	 * {@link DiscordTokens#revoke(long)}; once started it finishes even when the
	 * subscriber cancels.
	 * @param userId the Discord user ID
	 * @return what came of it
	 */
	public Mono<DiscordRevocation> revoke(long userId) {
		return toCompletion(() -> this.tokens.revoke(userId));
	}

	@Override
	public @Nullable Long userIdOf(@Nullable Authentication authentication) {
		return this.tokens.userIdOf(authentication);
	}

	@Override
	public String registrationId() {
		return this.tokens.registrationId();
	}

	/**
	 * The blocking service behind this one, for work off the event loop.
	 * @return the tokens
	 */
	public DiscordTokens blocking() {
		return this.tokens;
	}

	@Override
	public Mono<Long> linkedUserIdOf(@Nullable Authentication authentication) {
		Long discordLogin = this.tokens.userIdOf(authentication);
		if (discordLogin != null || !this.links.isLocalAccount(authentication)) {
			return Mono.justOrEmpty(discordLogin);
		}
		return offLoop(() -> this.links.userIdOf(authentication));
	}

	@Override
	public Mono<OAuth2AuthorizedClient> load(long userId) {
		return offLoop(() -> this.tokens.load(userId));
	}

	@Override
	public Mono<OAuth2AuthorizedClient> current(long userId) {
		// A current token in this instance's memory (a copy, or the memory store) is
		// served on the calling thread: no hop off the event loop for it.
		OAuth2AuthorizedClient copy = this.tokens.currentWithoutBlocking(userId);
		if (copy != null) {
			return Mono.just(copy);
		}
		return toCompletion(() -> this.tokens.current(userId).orElse(null));
	}

	@Override
	public Mono<OAuth2AuthorizedClient> currentFor(@Nullable Authentication authentication) {
		Long discordLogin = this.tokens.userIdOf(authentication);
		if (discordLogin != null) {
			return current(discordLogin);
		}
		// One hop off the event loop for the link lookup and the read.
		return toCompletion(() -> {
			Long userId = this.links.userIdOf(authentication);
			return (userId != null) ? this.tokens.current(userId).orElse(null) : null;
		});
	}

	@Override
	public Mono<Void> save(OAuth2AuthorizedClient authorized, long userId) {
		return toCompletion(() -> {
			this.tokens.save(authorized, userId);
			return null;
		}).then();
	}

	@Override
	public Mono<Void> saveFromRepository(OAuth2AuthorizedClient authorized, long userId) {
		// One hop off the event loop, finished even when the subscriber cancels: a login
		// whose pair is lost must start again.
		return toCompletion(() -> {
			this.tokens.saveFromRepository(authorized, userId);
			return null;
		}).then();
	}

	@Override
	public Mono<Void> invalidateAccessToken(long userId) {
		return toCompletion(() -> {
			this.tokens.invalidateAccessToken(userId);
			return null;
		}).then();
	}

	@Override
	public boolean needsRefresh(OAuth2AuthorizedClient authorized) {
		return this.tokens.needsRefresh(authorized);
	}

	@Override
	public ReactiveAccessToken toAccessToken(OAuth2AuthorizedClient authorized) {
		AccessToken token = this.tokens.toAccessToken(authorized);
		return this.client.restoreAccessToken(token.token(), token.refreshToken(), token.expiresAt(), token.scopes());
	}

	private <T> Mono<T> offLoop(Callable<@Nullable T> work) {
		return Mono.fromCallable(work).subscribeOn(this.scheduler);
	}

	/**
	 * Work that writes to the store, run off the event loop to its end even when the
	 * subscriber cancels (a browser that went away): cancelling a scheduled task
	 * interrupts its thread, and a refresh interrupted between Discord's answer and the
	 * save would lose the rotated pair, whose predecessor Discord has already retired.
	 */
	private <T> Mono<T> toCompletion(Callable<@Nullable T> work) {
		return Mono.defer(() -> Mono.fromFuture(offLoop(work).toFuture(), true));
	}

}
