package io.github.discordoauth2.security.tokens;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;

import io.github.discordoauth2.AccessToken;
import io.github.discordoauth2.Client;
import io.github.discordoauth2.TokenTypeHint;
import io.github.discordoauth2.exceptions.InvalidGrantException;
import io.github.discordoauth2.support.SharedCalls;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.util.Assert;

/**
 * Each user's current Discord token, for web requests and for work without the user (a
 * nightly linked-roles sync): the starter's one place that refreshes a stored token.
 *
 * <p>
 * {@link #find(long)} returns the stored token, refreshing it first when it has expired
 * (or will within {@code discord.oauth2.token-store.refresh-ahead}); the new pair is
 * saved before anyone uses it, and a {@link DiscordTokensRotatedEvent} is published.
 * Concurrent refreshes of one user in this instance share one call to Discord; a refresh
 * that loses a race against another instance (Discord answers {@code invalid_grant}
 * because the other instance already rotated the refresh token) reads the store again and
 * carries on with the winner's token. Stored tokens are removed only when Discord refused
 * the very refresh token that is still stored. A rotated pair is stored only over the
 * refresh token it was made from (a compare-and-swap), so that a refresh in flight never
 * brings back tokens that {@link #revoke(long)}, {@link #remove(long)}, a logout or a
 * disconnect took away; it revokes the pair nobody holds instead.
 *
 * <p>
 * With {@link #setCache(Duration, int)} (the starter sets it for a store that is not in
 * memory), each instance serves a token it read from the store for a bounded time without
 * reading it again, so that a request that takes a token costs no database read while the
 * token is current. Writes of this instance are seen at once; another instance's refresh,
 * logout or revocation within that time. A token that Discord refuses meanwhile is read
 * again from the store by the web layer's 401 handling, which never answers with an error
 * when the store holds a newer token.
 *
 * <p>
 * Do not call {@link AccessToken#refresh()} on a token from here: the rotated refresh
 * token would not be stored, and the stored one would die. Call {@link #find(long)} again
 * instead.
 *
 * @since 0.1.0
 */
public final class DiscordTokens implements DiscordAuthorizedClients {

	private static final Log logger = LogFactory.getLog(DiscordTokens.class);

	private static final long RACE_POLL_MILLIS = 25;

	private final Client client;

	private final String registrationId;

	private final DiscordTokenStore store;

	private final ApplicationEventPublisher events;

	private final Duration refreshAhead;

	private final Duration raceWait;

	private final SharedCalls<Optional<OAuth2AuthorizedClient>> refreshes = new SharedCalls<>();

	private volatile @Nullable CurrentTokenCache cache;

	private final DiscordClientRouting routing;

	/**
	 * Creates the service.
	 * @param client the core client that refreshes and revokes
	 * @param registrationId the ID of the Discord registration, e.g. {@code discord}
	 * @param store where the tokens are kept
	 * @param events where rotation and removal events go
	 * @param refreshAhead how long before its expiry a token is refreshed
	 * @param raceWait how long a refused refresh waits for another instance's rotation to
	 * appear in the store
	 */
	public DiscordTokens(Client client, String registrationId, DiscordTokenStore store,
			ApplicationEventPublisher events, Duration refreshAhead, Duration raceWait) {
		Assert.notNull(client, "client must not be null");
		Assert.hasText(registrationId, "registrationId must not be empty");
		Assert.notNull(store, "store must not be null");
		Assert.notNull(events, "events must not be null");
		Assert.isTrue(!refreshAhead.isNegative(), "refreshAhead must not be negative");
		Assert.isTrue(!raceWait.isNegative(), "raceWait must not be negative");
		this.client = client;
		this.registrationId = registrationId;
		this.store = store;
		this.events = events;
		this.refreshAhead = refreshAhead;
		this.raceWait = raceWait;
		this.routing = new DiscordClientRouting(registrationId);
	}

	/**
	 * Serves each user's current token from this instance's memory for up to
	 * {@code timeToLive} after it was read from the store, for at most {@code maxUsers}
	 * users; the store is read again after that time, after any write of this instance
	 * for the user, and whenever the token is due for a refresh. The time to live is the
	 * longest another instance's refresh, logout or revocation goes unseen here. Call it
	 * before the service is used.
	 * @param timeToLive how long a token read from the store is served without reading it
	 * again; {@link Duration#ZERO} reads the store on every request
	 * @param maxUsers the most users kept at once
	 * @since 0.1.0
	 */
	public void setCache(Duration timeToLive, int maxUsers) {
		Assert.notNull(timeToLive, "timeToLive must not be null");
		Assert.isTrue(!timeToLive.isNegative(), "timeToLive must not be negative");
		Assert.isTrue(maxUsers > 0, "maxUsers must be positive");
		setCache(timeToLive, maxUsers, System::nanoTime);
	}

	void setCache(Duration timeToLive, int maxUsers, LongSupplier nanoTime) {
		this.cache = timeToLive.isZero() ? null : new CurrentTokenCache(timeToLive, maxUsers, nanoTime);
	}

	/**
	 * The user's current token, refreshed (and the new pair saved) when it has expired.
	 * Always read from the store, never from this instance's copies, which serve web
	 * requests: work that visits every user (a nightly sync) gets each user's latest
	 * token and does not crowd the copies out.
	 * @param userId the Discord user ID
	 * @return the token, or empty when the user never authorized the application, logged
	 * out with tokens removed, revoked it, or Discord refused the stored refresh token
	 */
	public Optional<AccessToken> find(long userId) {
		return currentFromStore(userId).map(this::toAccessToken);
	}

	/**
	 * One page of the users with stored tokens, for walking all of them without loading
	 * them at once:
	 *
	 * <pre class="code">
	 * String cursor = null;
	 * do {
	 *     DiscordTokenStore.UserPage page = tokens.page(cursor, 500);
	 *     page.userIds().forEach((id) -&gt; tokens.find(id).ifPresent(this::sync));
	 *     cursor = page.next();
	 * } while (cursor != null);
	 * </pre>
	 * @param cursor {@code null} for the first page, then the previous page's
	 * {@link DiscordTokenStore.UserPage#next()}
	 * @param size the most user IDs in the page
	 * @return the page
	 */
	public DiscordTokenStore.UserPage page(@Nullable String cursor, int size) {
		Assert.isTrue(size > 0, "size must be positive");
		return this.store.userIds(this.registrationId, cursor, size);
	}

	/**
	 * Calls the action with the ID of every user with stored tokens, reading the store in
	 * pages of {@code pageSize}, and always completes the walk. When Discord answers HTTP
	 * 401 during a user's action and confirms that the user's stored token is refused
	 * ({@code GET /oauth2/@me}), the token is refreshed and the action runs once more,
	 * or, when Discord refuses the refresh token too (the user removed the application),
	 * the user's tokens are removed with a {@link DiscordTokensRemovedEvent} (reason
	 * {@code REFUSED}), so that {@link #find(long)} never hands that token out again. Any
	 * other exception of the action is counted and reported at the end, never thrown in
	 * the middle. Prefer {@link #forEachToken(int, BiConsumer)}, which also looks the
	 * token up.
	 * @param pageSize how many IDs are read at once
	 * @param action what to do with each user ID; may run twice for a user whose token
	 * was refreshed after a 401, so keep it idempotent (writing a role connection is)
	 * @return what the walk did
	 */
	public UserWalkReport forEachUser(int pageSize, LongConsumer action) {
		Assert.notNull(action, "action must not be null");
		return walk(pageSize, action);
	}

	/**
	 * Calls the action with every user's current token (refreshed and saved when it has
	 * expired), reading the store in pages of {@code pageSize}, as
	 * {@link #forEachUser(int, LongConsumer)} does: users whose tokens Discord refuses
	 * are removed on the way, other failures are reported at the end, and the walk always
	 * completes. Users without a usable token are skipped.
	 *
	 * <pre class="code">
	 * UserWalkReport report = tokens.forEachToken(500, (userId, token) -&gt; writeRoleConnection(token));
	 * </pre>
	 * @param pageSize how many IDs are read at once
	 * @param action what to do with each user's token; may run twice for a user whose
	 * token was refreshed after a 401, so keep it idempotent
	 * @return what the walk did
	 */
	public UserWalkReport forEachToken(int pageSize, BiConsumer<Long, AccessToken> action) {
		Assert.notNull(action, "action must not be null");
		return walk(pageSize, (userId) -> find(userId).ifPresent((token) -> action.accept(userId, token)));
	}

	/**
	 * Runs {@link #forEachToken(int, BiConsumer)} unless another instance (or this one)
	 * already holds the job's lease: when several instances start the same scheduled job
	 * at once, one walks the users and the others return at once. The lease lives in the
	 * token store ({@link DiscordJobLeases}: the {@code discord_job_lease} table beside
	 * the tokens) and is kept for its whole duration, so a late instance does not run the
	 * job again; choose a lease longer than the job plus the instances' clock skew and
	 * shorter than the time between two runs.
	 * @param jobName the job's name, e.g. {@code linked-roles-sync}
	 * @param lease how long the job belongs to the instance that starts it
	 * @param pageSize how many IDs are read at once
	 * @param action what to do with each user's token
	 * @return what the walk did, or empty when another instance holds the lease
	 * @throws IllegalStateException when the token store keeps no leases
	 */
	public Optional<UserWalkReport> forEachTokenOnce(String jobName, Duration lease, int pageSize,
			BiConsumer<Long, AccessToken> action) {
		Assert.notNull(action, "action must not be null");
		Assert.isTrue(pageSize > 0, "pageSize must be positive");
		if (!jobLeases().tryAcquire(jobName, lease)) {
			logger.debug("Job '" + jobName + "' is leased to another run; not walking the users");
			return Optional.empty();
		}
		return Optional.of(forEachToken(pageSize, action));
	}

	/**
	 * Forgets the user's stored tokens (the authorization at Discord stays).
	 * @param userId the Discord user ID
	 * @return whether tokens were stored
	 */
	public boolean remove(long userId) {
		return removeAll(userId, DiscordTokensRemovedEvent.Reason.REMOVED);
	}

	/**
	 * Forgets everything stored for a user who removed the application in Discord: the
	 * tokens (dead at Discord already) and the local accounts' links to the user.
	 * Publishes a {@link DiscordTokensRemovedEvent} with
	 * {@link DiscordTokensRemovedEvent.Reason#DEAUTHORIZED} when tokens were stored.
	 * @param userId the Discord user ID
	 * @return whether tokens were stored
	 * @since 0.1.0
	 */
	public boolean removeDeauthorized(long userId) {
		this.store.removeLinksTo(this.registrationId, userId);
		return removeAll(userId, DiscordTokensRemovedEvent.Reason.DEAUTHORIZED);
	}

	/**
	 * Revokes the user's authorization at Discord (every token of it dies, and the next
	 * login asks for consent again) and forgets the stored tokens. The entry is taken out
	 * of the store first, atomically, and then every token it held (refresh and access)
	 * is revoked: a refresh in flight cannot store its new pair any more (it finds the
	 * entry gone and revokes that pair itself), and should it have rotated the refresh
	 * token a moment ago, the access token still ends the authorization. A failed
	 * revocation is logged at WARN level without the token, and said in the result.
	 * @param userId the Discord user ID
	 * @return what came of it: {@link DiscordRevocation#NOTHING_STORED} when no tokens
	 * were stored, {@link DiscordRevocation#FAILED} when Discord did not confirm
	 */
	public DiscordRevocation revoke(long userId) {
		AtomicReference<@Nullable OAuth2AuthorizedClient> taken = new AtomicReference<>();
		boolean removed = this.store.update(this.registrationId, userId, (current) -> {
			taken.set(current);
			return null;
		});
		forget(userId);
		OAuth2AuthorizedClient stored = taken.get();
		if (!removed || stored == null) {
			return DiscordRevocation.NOTHING_STORED;
		}
		boolean confirmed = true;
		OAuth2RefreshToken refreshToken = stored.getRefreshToken();
		if (refreshToken != null) {
			// The refresh token outlives the access token, so it revokes even after the
			// access token expired.
			confirmed = revokeAtDiscord(userId, refreshToken.getTokenValue(), TokenTypeHint.REFRESH_TOKEN);
		}
		// The access token too: a refresh that rotated the refresh token a moment ago
		// left this one the only stored token Discord still knows.
		confirmed &= revokeAtDiscord(userId, stored.getAccessToken().getTokenValue(), TokenTypeHint.ACCESS_TOKEN);
		this.events.publishEvent(new DiscordTokensRemovedEvent(this, this.registrationId, userId,
				DiscordTokensRemovedEvent.Reason.REVOKED));
		return confirmed ? DiscordRevocation.REVOKED : DiscordRevocation.FAILED;
	}

	@Override
	public String registrationId() {
		return this.registrationId;
	}

	/**
	 * The Discord user ID of an authentication, only when it came from this Discord
	 * registration (a Discord login, as {@link DiscordClientRouting} decides): a local
	 * account whose name equals someone's Discord ID gets none.
	 * @param authentication the authentication, or {@code null}
	 * @return the user ID, or {@code null}
	 */
	public @Nullable Long userIdOf(@Nullable Authentication authentication) {
		DiscordClientRouting.Route route = this.routing.route(this.registrationId, authentication);
		return (route.target() == DiscordClientRouting.Target.DISCORD_USER) ? route.discordUserId() : null;
	}

	DiscordTokenStore store() {
		return this.store;
	}

	/**
	 * Drops this instance's copy of the user's entry; every write to the user's entry in
	 * the store is followed by this, so that the next read sees the write.
	 */
	void forget(long userId) {
		CurrentTokenCache current = this.cache;
		if (current != null) {
			current.forget(userId);
		}
	}

	/**
	 * How many users this instance keeps a copy of, for tests.
	 */
	int cachedUsers() {
		CurrentTokenCache current = this.cache;
		return (current != null) ? current.size() : 0;
	}

	Client client() {
		return this.client;
	}

	ApplicationEventPublisher events() {
		return this.events;
	}

	DiscordJobLeases jobLeases() {
		if (this.store instanceof DiscordJobLeases leases) {
			return leases;
		}
		throw new IllegalStateException("The token store " + this.store.getClass().getName()
				+ " keeps no job leases: implement DiscordJobLeases in it, or run the job under a lock of your own "
				+ "(e.g. ShedLock) with forEachToken");
	}

	private UserWalkReport walk(int pageSize, LongConsumer visit) {
		Assert.isTrue(pageSize > 0, "pageSize must be positive");
		UserWalk walk = new UserWalk(this);
		String cursor = null;
		do {
			DiscordTokenStore.UserPage page = page(cursor, pageSize);
			for (long userId : page.userIds()) {
				walk.visit(userId, () -> visit.accept(userId));
			}
			cursor = page.next();
		}
		while (cursor != null);
		return walk.report();
	}

	// Always the store, and this instance's copy goes: whoever asks for the entry as
	// stored (the 401 handling, a save) wants the truth, and the next request too.
	@Override
	public @Nullable OAuth2AuthorizedClient load(long userId) {
		forget(userId);
		return this.store.load(this.registrationId, userId);
	}

	@Override
	public void save(OAuth2AuthorizedClient authorized, long userId) {
		this.store.save(authorized, userId);
		forget(userId);
	}

	@Override
	public Optional<OAuth2AuthorizedClient> current(long userId) {
		return current(userId, this.cache);
	}

	/**
	 * The user's entry when it can be had without blocking and is not due for a refresh:
	 * this instance's fresh copy, or the entry of a store in memory; else {@code null}.
	 * Never waits on a database or on Discord, so it may run on an event loop.
	 */
	@Nullable OAuth2AuthorizedClient currentWithoutBlocking(long userId) {
		CurrentTokenCache copies = this.cache;
		OAuth2AuthorizedClient entry;
		if (copies != null) {
			entry = copies.get(userId);
		}
		else if (this.store instanceof InMemoryDiscordTokenStore memory) {
			// A map behind a monitor held for a lookup: nothing to hop off the loop for.
			entry = memory.load(this.registrationId, userId);
		}
		else {
			return null;
		}
		return (entry != null && !needsRefresh(entry)) ? entry : null;
	}

	/**
	 * As {@link #current(long)}, but read from the store without keeping a copy.
	 */
	Optional<OAuth2AuthorizedClient> currentFromStore(long userId) {
		return current(userId, null);
	}

	private Optional<OAuth2AuthorizedClient> current(long userId, @Nullable CurrentTokenCache copies) {
		long stamp = 0;
		if (copies != null) {
			OAuth2AuthorizedClient copy = copies.get(userId);
			if (copy != null && !needsRefresh(copy)) {
				return Optional.of(copy);
			}
			stamp = copies.stamp(userId);
		}
		OAuth2AuthorizedClient stored = this.store.load(this.registrationId, userId);
		if (stored == null) {
			return Optional.empty();
		}
		if (!needsRefresh(stored)) {
			if (copies != null) {
				copies.keep(userId, stored, stamp);
			}
			return Optional.of(stored);
		}
		return refreshOnce(userId);
	}

	// Only while the store still holds the pair handed back: one that another request
	// rotated since is newer, and refreshing it again would only cost a call.
	@Override
	public void saveFromRepository(OAuth2AuthorizedClient authorized, long userId) {
		boolean stored = DiscordAuthorizedClients.isSamePair(load(userId), authorized);
		if (!stored && !toAccessToken(authorized).isExpired()) {
			save(authorized, userId);
		}
		else if (stored && needsRefresh(authorized)) {
			invalidateAccessToken(userId, authorized.getAccessToken().getTokenValue());
		}
	}

	// What Spring Security's failure handlers get when they ask to remove the authorized
	// client: at worst a pair another request has just rotated is refreshed once more.
	@Override
	public void invalidateAccessToken(long userId) {
		invalidateAccessToken(userId, null);
	}

	private void invalidateAccessToken(long userId, @Nullable String onlyWhileStored) {
		this.store.update(this.registrationId, userId, (current) -> {
			if (current == null) {
				return null;
			}
			if (onlyWhileStored != null && !onlyWhileStored.equals(current.getAccessToken().getTokenValue())) {
				// Rotated meanwhile: the newer pair stays as it is.
				return current;
			}
			if (current.getRefreshToken() == null) {
				return null;
			}
			if (needsRefresh(current)) {
				return current;
			}
			OAuth2AccessToken token = current.getAccessToken();
			OAuth2AccessToken expired = new OAuth2AccessToken(token.getTokenType(), token.getTokenValue(),
					Instant.EPOCH, Instant.EPOCH.plusSeconds(1), token.getScopes());
			return new OAuth2AuthorizedClient(current.getClientRegistration(), current.getPrincipalName(), expired,
					current.getRefreshToken());
		});
		forget(userId);
	}

	@Override
	public AccessToken toAccessToken(OAuth2AuthorizedClient authorized) {
		OAuth2AccessToken accessToken = authorized.getAccessToken();
		OAuth2RefreshToken refreshToken = authorized.getRefreshToken();
		return this.client.restoreAccessToken(accessToken.getTokenValue(),
				(refreshToken != null) ? refreshToken.getTokenValue() : null, accessToken.getExpiresAt(),
				accessToken.getScopes());
	}

	@Override
	public boolean needsRefresh(OAuth2AuthorizedClient authorized) {
		// The core client's clock decides, the same one that computed the expiry.
		return toAccessToken(authorized).isExpired(this.refreshAhead);
	}

	private Optional<OAuth2AuthorizedClient> refreshOnce(long userId) {
		try {
			return this.refreshes.call(Long.toString(userId), () -> refresh(userId));
		}
		finally {
			// Whatever the refresh wrote (a rotation, a removal), the next read sees it.
			forget(userId);
		}
	}

	private Optional<OAuth2AuthorizedClient> refresh(long userId) {
		// Read again: another instance may have rotated since this request loaded it.
		OAuth2AuthorizedClient stored = this.store.load(this.registrationId, userId);
		if (stored == null) {
			return Optional.empty();
		}
		if (!needsRefresh(stored)) {
			return Optional.of(stored);
		}
		OAuth2RefreshToken refreshToken = stored.getRefreshToken();
		if (refreshToken == null) {
			return Optional.empty();
		}
		AccessToken fresh;
		try {
			fresh = this.client.refreshToken(refreshToken.getTokenValue());
		}
		catch (InvalidGrantException ex) {
			return afterRefusedRefresh(userId, refreshToken.getTokenValue());
		}
		OAuth2AuthorizedClient rotated = toAuthorizedClient(stored, fresh);
		// Saved before anyone uses it (a token used but not stored would be lost with the
		// rotated refresh token), and only over the pair it was made from: an entry
		// removed meanwhile (logout, revoke, disconnect) stays removed.
		if (!this.store.replace(this.registrationId, userId, refreshToken.getTokenValue(), rotated)) {
			return afterLostRotation(userId, fresh);
		}
		this.events
			.publishEvent(new DiscordTokensRotatedEvent(this, this.registrationId, userId, toAccessToken(rotated)));
		return Optional.of(rotated);
	}

	/**
	 * Discord refused the refresh token: either the user revoked the app, or another
	 * instance used it a moment ago and is about to store the new pair.
	 */
	private Optional<OAuth2AuthorizedClient> afterRefusedRefresh(long userId, String refused) {
		long deadline = System.nanoTime() + this.raceWait.toNanos();
		while (true) {
			OAuth2AuthorizedClient now = this.store.load(this.registrationId, userId);
			if (now == null) {
				return Optional.empty();
			}
			if (!holdsRefreshToken(now, refused)) {
				// The winner's pair.
				return needsRefresh(now) ? Optional.empty() : Optional.of(now);
			}
			if (System.nanoTime() - deadline >= 0) {
				break;
			}
			try {
				TimeUnit.MILLISECONDS.sleep(RACE_POLL_MILLIS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return Optional.empty();
			}
		}
		boolean removed = this.store.update(this.registrationId, userId,
				(current) -> (current != null && holdsRefreshToken(current, refused)) ? null : current);
		if (removed) {
			this.events.publishEvent(new DiscordTokensRemovedEvent(this, this.registrationId, userId,
					DiscordTokensRemovedEvent.Reason.REFUSED));
			return Optional.empty();
		}
		OAuth2AuthorizedClient winner = this.store.load(this.registrationId, userId);
		return (winner != null && !needsRefresh(winner)) ? Optional.of(winner) : Optional.empty();
	}

	/**
	 * The entry was removed or replaced while Discord rotated it: nobody holds the new
	 * pair, so it must not live on at Discord.
	 */
	private Optional<OAuth2AuthorizedClient> afterLostRotation(long userId, AccessToken orphan) {
		revokeUnstored(userId, orphan);
		OAuth2AuthorizedClient now = this.store.load(this.registrationId, userId);
		return (now != null && !needsRefresh(now)) ? Optional.of(now) : Optional.empty();
	}

	/**
	 * Revokes a pair that was never stored (a lost rotation, a refused connection), so
	 * that no live token is left that nobody holds.
	 */
	void revokeUnstored(long userId, AccessToken orphan) {
		String refreshToken = orphan.refreshToken();
		if (refreshToken != null) {
			revokeAtDiscord(userId, refreshToken, TokenTypeHint.REFRESH_TOKEN);
		}
		else {
			revokeAtDiscord(userId, orphan.token(), TokenTypeHint.ACCESS_TOKEN);
		}
	}

	private boolean revokeAtDiscord(long userId, String token, TokenTypeHint hint) {
		try {
			this.client.revokeToken(token, hint);
			return true;
		}
		catch (RuntimeException ex) {
			logger.warn("Could not revoke a Discord token of user " + userId + " (" + ex.getClass().getSimpleName()
					+ "); it is no longer stored, but may work at Discord until it expires or the user removes "
					+ "the application");
			return false;
		}
	}

	private boolean removeAll(long userId, DiscordTokensRemovedEvent.Reason reason) {
		boolean removed = this.store.update(this.registrationId, userId, (current) -> null);
		forget(userId);
		if (removed) {
			this.events.publishEvent(new DiscordTokensRemovedEvent(this, this.registrationId, userId, reason));
		}
		return removed;
	}

	private static boolean holdsRefreshToken(OAuth2AuthorizedClient authorized, String refreshToken) {
		OAuth2RefreshToken stored = authorized.getRefreshToken();
		return stored != null && stored.getTokenValue().equals(refreshToken);
	}

	private static OAuth2AuthorizedClient toAuthorizedClient(OAuth2AuthorizedClient previous, AccessToken fresh) {
		Instant expiresAt = fresh.expiresAt();
		Instant issuedAt = Instant.now();
		if (expiresAt != null && !expiresAt.isAfter(issuedAt)) {
			issuedAt = expiresAt.minusSeconds(1);
		}
		OAuth2AccessToken accessToken = new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, fresh.token(),
				issuedAt, expiresAt, fresh.scopes().isEmpty() ? previous.getAccessToken().getScopes() : fresh.scopes());
		String newRefresh = fresh.refreshToken();
		// Discord rotates the refresh token; should it ever not send one, the old one
		// stays valid.
		OAuth2RefreshToken refreshToken = (newRefresh != null) ? new OAuth2RefreshToken(newRefresh, issuedAt)
				: previous.getRefreshToken();
		return new OAuth2AuthorizedClient(previous.getClientRegistration(), previous.getPrincipalName(), accessToken,
				refreshToken);
	}

}
