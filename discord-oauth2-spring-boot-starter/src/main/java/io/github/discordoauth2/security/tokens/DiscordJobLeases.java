package io.github.discordoauth2.security.tokens;

import java.time.Duration;

/**
 * Named leases that let one instance of an application, out of several started on the
 * same schedule, run a job: the first to ask for a free lease gets it, for a fixed time,
 * and every other instance that asks before it runs out is refused. Used by
 * {@link DiscordTokens#forEachTokenOnce(String, Duration, int, java.util.function.BiConsumer)}
 * for nightly work over every user.
 *
 * <p>
 * A lease is kept for its whole duration, also when the job finishes earlier, so that an
 * instance whose clock or scheduler is a little late does not run the job a second time.
 * Choose a duration longer than the job and the instances' clock skew together, and
 * shorter than the time between two runs. A job whose instance dies holds its lease until
 * it runs out.
 *
 * <p>
 * {@link JdbcDiscordTokenStore} keeps them in the {@code discord_job_lease} table of the
 * tokens' database (shared by every instance); {@link InMemoryDiscordTokenStore} in its
 * memory (one instance).
 *
 * @since 0.1.0
 */
public interface DiscordJobLeases {

	/**
	 * Takes the job's lease for the given time, unless it is held by anyone (this
	 * instance included) and has not run out.
	 * @param jobName the job's name, at most 200 characters
	 * @param lease how long the lease lasts from now
	 * @return whether this call got the lease
	 */
	boolean tryAcquire(String jobName, Duration lease);

}
