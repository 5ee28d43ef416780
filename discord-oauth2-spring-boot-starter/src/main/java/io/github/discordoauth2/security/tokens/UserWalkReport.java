package io.github.discordoauth2.security.tokens;

import java.util.List;

import org.springframework.util.Assert;

/**
 * What a walk over every user with stored tokens did
 * ({@link DiscordTokens#forEachUser(int, java.util.function.LongConsumer)},
 * {@link DiscordTokens#forEachToken(int, java.util.function.BiConsumer)} and their
 * reactive and once-across-instances variants). A walk always completes: a user whose
 * tokens Discord refuses is removed and counted here, any other failure of the action is
 * counted and the walk goes on.
 *
 * @param visited how many users the walk visited
 * @param removed how many of them no longer had stored tokens after their visit (Discord
 * refused their tokens, the user revoked the application, or the action removed them),
 * each with a {@link DiscordTokensRemovedEvent}
 * @param failed how many visits failed for another reason (the action threw, Discord was
 * unreachable or rate-limited)
 * @param failures the first {@value #MAX_FAILURES} failures, in the order they happened
 */
public record UserWalkReport(long visited, long removed, long failed, List<Failure> failures) {

	/**
	 * The most failures a report lists; {@link #failed()} counts them all.
	 */
	public static final int MAX_FAILURES = 5;

	/**
	 * Checks the counts and copies the list.
	 * @param visited how many users the walk visited
	 * @param removed how many of them no longer had stored tokens after their visit
	 * @param failed how many visits failed for another reason
	 * @param failures the first failures, in the order they happened
	 */
	public UserWalkReport {
		Assert.isTrue(visited >= 0 && removed >= 0 && failed >= 0, "counts must not be negative");
		failures = List.copyOf(failures);
	}

	/**
	 * Whether every visit completed.
	 * @return {@code true} when nothing failed
	 */
	public boolean succeeded() {
		return this.failed == 0;
	}

	@Override
	public String toString() {
		return "UserWalkReport[visited=" + this.visited + ", removed=" + this.removed + ", failed=" + this.failed
				+ (this.failures.isEmpty() ? "" : ", first failures=" + this.failures) + "]";
	}

	/**
	 * One failed visit.
	 *
	 * @param userId the Discord user whose visit failed
	 * @param exception the simple class name of what was thrown, e.g.
	 * {@code RateLimitedException}
	 * @param message its message, at most 300 characters, with the user's token values
	 * masked
	 */
	public record Failure(long userId, String exception, String message) {

		@Override
		public String toString() {
			return "user " + this.userId + ": " + this.exception + ": " + this.message;
		}

	}

}
