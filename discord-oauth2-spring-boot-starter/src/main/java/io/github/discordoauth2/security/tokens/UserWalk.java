package io.github.discordoauth2.security.tokens;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.github.discordoauth2.exceptions.HttpException;
import io.github.discordoauth2.security.DiscordUnauthorized;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;

/**
 * One walk over every user with stored tokens ({@link DiscordTokens#forEachUser} and its
 * variants): settles the users whose token Discord refused, and counts. Thread-safe, as a
 * reactive walk records from whichever thread its steps run on; the blocking steps
 * ({@link #settle}, {@link #failed}, {@link #countIfRemoved}) read the store and call
 * Discord, so a reactive walk runs them off the event loop.
 */
final class UserWalk {

	private static final Log logger = LogFactory.getLog(DiscordTokens.class);

	private static final int MAX_MESSAGE = 300;

	private final DiscordTokens tokens;

	private long visited;

	private long removed;

	private long failed;

	private final List<UserWalkReport.Failure> failures = new ArrayList<>();

	UserWalk(DiscordTokens tokens) {
		this.tokens = tokens;
	}

	/**
	 * Visits one user with a blocking action: on a 401 that Discord confirms for the
	 * user's token, the token is refreshed and the action runs once more, or the tokens
	 * are removed when Discord refuses them altogether; anything else is recorded.
	 */
	void visit(long userId, Runnable action) {
		visited();
		try {
			action.run();
		}
		catch (RuntimeException ex) {
			try {
				Settled settled = DiscordUnauthorized.isUnauthorized(ex) ? settle(userId) : Settled.FAILED;
				if (settled == Settled.RETRY) {
					action.run();
				}
				else if (settled == Settled.FAILED) {
					failed(userId, ex);
				}
			}
			catch (RuntimeException again) {
				failed(userId, again);
			}
		}
		countIfRemoved(userId);
	}

	synchronized void visited() {
		this.visited++;
	}

	/**
	 * Records a failed visit, with the user's token values masked in its message.
	 */
	void failed(long userId, Throwable ex) {
		String message = (ex.getMessage() != null) ? ex.getMessage() : "";
		try {
			OAuth2AuthorizedClient stored = this.tokens.load(userId);
			if (stored != null) {
				message = mask(message, stored.getAccessToken().getTokenValue());
				OAuth2RefreshToken refreshToken = stored.getRefreshToken();
				message = (refreshToken != null) ? mask(message, refreshToken.getTokenValue()) : message;
			}
		}
		catch (RuntimeException storeFailed) {
			// Without the stored values there is nothing to mask but the message.
		}
		if (message.length() > MAX_MESSAGE) {
			message = message.substring(0, MAX_MESSAGE) + "...";
		}
		UserWalkReport.Failure failure = new UserWalkReport.Failure(userId, ex.getClass().getSimpleName(), message);
		synchronized (this) {
			this.failed++;
			if (this.failures.size() < UserWalkReport.MAX_FAILURES) {
				this.failures.add(failure);
				logger.warn("Walking the users with Discord tokens: " + failure);
			}
		}
	}

	/**
	 * Counts the user as removed when no tokens are stored after the visit.
	 */
	void countIfRemoved(long userId) {
		boolean gone;
		try {
			gone = this.tokens.load(userId) == null;
		}
		catch (RuntimeException ex) {
			return;
		}
		if (gone) {
			synchronized (this) {
				this.removed++;
			}
		}
	}

	/**
	 * After Discord answered 401 during a user's visit: asks Discord whether the stored
	 * access token is refused (a 401 of another call, e.g. with the bot token, must not
	 * cost the user their tokens); if so, marks it expired, so that it is refreshed, or
	 * removed with a {@link DiscordTokensRemovedEvent} when Discord refuses the refresh
	 * token too (or there is none). Either way no one is handed that token again.
	 */
	Settled settle(long userId) {
		OAuth2AuthorizedClient stored = this.tokens.load(userId);
		if (stored == null) {
			return Settled.GONE;
		}
		String refused = stored.getAccessToken().getTokenValue();
		if (!isRefusedByDiscord(refused)) {
			return Settled.FAILED;
		}
		String registrationId = this.tokens.registrationId();
		DiscordTokenStore store = this.tokens.store();
		if (stored.getRefreshToken() == null) {
			boolean removed = store.update(registrationId, userId,
					(current) -> (current != null && holdsAccessToken(current, refused)) ? null : current);
			this.tokens.forget(userId);
			if (removed) {
				this.tokens.events()
					.publishEvent(new DiscordTokensRemovedEvent(this.tokens, registrationId, userId,
							DiscordTokensRemovedEvent.Reason.REFUSED));
				return Settled.GONE;
			}
		}
		else {
			// Only while it is still the refused token: a pair rotated meanwhile stays.
			store.update(registrationId, userId, (current) -> (current != null && holdsAccessToken(current, refused))
					? withExpiredAccessToken(current) : current);
		}
		this.tokens.forget(userId);
		return this.tokens.currentFromStore(userId).isPresent() ? Settled.RETRY : Settled.GONE;
	}

	UserWalkReport report() {
		UserWalkReport report;
		synchronized (this) {
			report = new UserWalkReport(this.visited, this.removed, this.failed, this.failures);
		}
		if (report.removed() > 0 || !report.succeeded()) {
			logger.info("Walked the users with Discord tokens: " + report);
		}
		else if (logger.isDebugEnabled()) {
			logger.debug("Walked the users with Discord tokens: " + report);
		}
		return report;
	}

	private boolean isRefusedByDiscord(String accessToken) {
		try {
			this.tokens.client().fromAccessToken(accessToken).fetchAuthorization();
			return false;
		}
		catch (HttpException ex) {
			return ex.status() == 401;
		}
		catch (RuntimeException ex) {
			// Discord unreachable or rate-limited: no proof that the token is dead.
			return false;
		}
	}

	private static boolean holdsAccessToken(OAuth2AuthorizedClient authorized, String accessToken) {
		return authorized.getAccessToken().getTokenValue().equals(accessToken);
	}

	private static OAuth2AuthorizedClient withExpiredAccessToken(OAuth2AuthorizedClient authorized) {
		OAuth2AccessToken token = authorized.getAccessToken();
		OAuth2AccessToken expired = new OAuth2AccessToken(token.getTokenType(), token.getTokenValue(), Instant.EPOCH,
				Instant.EPOCH.plusSeconds(1), token.getScopes());
		return new OAuth2AuthorizedClient(authorized.getClientRegistration(), authorized.getPrincipalName(), expired,
				authorized.getRefreshToken());
	}

	private static String mask(String message, String secret) {
		return secret.isEmpty() ? message : message.replace(secret, "***");
	}

	/**
	 * What became of a user whose visit got HTTP 401.
	 */
	enum Settled {

		/** The token was refreshed: run the action again. */
		RETRY,

		/** The tokens are gone: Discord refused them. */
		GONE,

		/** Discord still accepts the stored token, or could not tell: a failure. */
		FAILED

	}

}
