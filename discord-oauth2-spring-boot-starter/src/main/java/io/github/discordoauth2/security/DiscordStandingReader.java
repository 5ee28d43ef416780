package io.github.discordoauth2.security;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.discordoauth2.JoinGuildOptions;
import io.github.discordoauth2.PartialAccessToken;
import io.github.discordoauth2.Scopes;
import io.github.discordoauth2.exceptions.HttpException;
import io.github.discordoauth2.model.PartialGuild;
import io.github.discordoauth2.security.DiscordAuthoritiesPolicy.Outcome;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.util.Assert;

/**
 * Reads a user's servers and roles with the user's own token, blocking: {@code GET
 * /users/@me/guilds/{guild.id}/member} per checked server when the token has
 * {@code guilds.members.read} (404 with code 10004 means "not a member"), else one
 * {@code GET /users/@me/guilds} when it has {@code guilds} (membership, no roles).
 *
 * <p>
 * The bot token does not stand in for a missing scope: the bot's member route shares one
 * rate-limit budget across all users, needs the bot in the server, and reads more than
 * the user consented to.
 *
 * @since 0.1.0
 */
public final class DiscordStandingReader {

	private static final Log logger = LogFactory.getLog(DiscordStandingReader.class);

	/**
	 * Discord's "Unknown Guild", its answer to the member route for a server the user is
	 * not in.
	 */
	static final int UNKNOWN_GUILD = 10004;

	private final List<Long> guilds;

	/**
	 * Creates the reader.
	 * @param guilds the servers to check
	 */
	public DiscordStandingReader(Collection<Long> guilds) {
		Assert.notNull(guilds, "guilds must not be null");
		this.guilds = List.copyOf(new LinkedHashSet<>(guilds));
	}

	/**
	 * Reads the user's standing in the checked servers.
	 * @param token the user's token
	 * @param scopes the scopes the token was granted
	 * @return the standing; {@link DiscordAuthoritiesPolicy.NotGranted} when the token
	 * lacks both scopes; {@link DiscordAuthoritiesPolicy.NoToken} when Discord refuses it
	 * (401); {@link DiscordAuthoritiesPolicy.Failed} when Discord fails, rate-limits the
	 * read or cannot be reached
	 */
	public Outcome read(PartialAccessToken token, Set<String> scopes) {
		try {
			if (scopes.contains(Scopes.GUILDS_MEMBERS_READ)) {
				Map<Long, Set<Long>> memberships = new LinkedHashMap<>();
				for (long guild : this.guilds) {
					try {
						memberships.put(guild, Set.copyOf(token.fetchGuildMember(guild).roles()));
					}
					catch (HttpException ex) {
						if (!isNotAMember(ex)) {
							throw ex;
						}
					}
				}
				return Outcome.of(new DiscordStanding(memberships, true));
			}
			if (scopes.contains(Scopes.GUILDS)) {
				return Outcome.of(fromGuilds(this.guilds, token.fetchGuilds().stream().map(PartialGuild::id).toList()));
			}
			return Outcome.notGranted();
		}
		catch (RuntimeException ex) {
			return failure(ex);
		}
	}

	/**
	 * Adds the user to servers with the application's bot token (scope
	 * {@code guilds.join}), one after another. A failure is logged (without any token)
	 * and does not stop the login; the required membership is checked afterwards anyway.
	 * @param token the user's token, from the login
	 * @param userId the user's ID
	 * @param guilds the servers to join
	 */
	public void joinGuilds(PartialAccessToken token, long userId, Collection<Long> guilds) {
		for (long guild : guilds) {
			try {
				token.joinGuild(guild, userId, JoinGuildOptions.none());
			}
			catch (RuntimeException ex) {
				logJoinFailure(userId, guild, ex);
			}
		}
	}

	static void logJoinFailure(long userId, long guild, Throwable ex) {
		logger.warn("Could not add Discord user " + userId + " to server " + guild + " at login: " + describe(ex));
	}

	static DiscordStanding fromGuilds(List<Long> checked, Collection<Long> memberOf) {
		Set<Long> in = Set.copyOf(memberOf);
		Map<Long, Set<Long>> memberships = new LinkedHashMap<>();
		for (long guild : checked) {
			if (in.contains(guild)) {
				memberships.put(guild, Set.of());
			}
		}
		return new DiscordStanding(memberships, false);
	}

	static boolean isNotAMember(HttpException ex) {
		Integer code = ex.code();
		return ex.status() == 404 && code != null && code == UNKNOWN_GUILD;
	}

	/**
	 * What a failed read means: a refused token (401) is a token that no longer works;
	 * anything else is Discord failing.
	 */
	static Outcome failure(Throwable ex) {
		if (ex instanceof HttpException http && http.status() == 401) {
			return Outcome.noToken();
		}
		return Outcome.failed(ex);
	}

	private static String describe(Throwable ex) {
		return ex.getClass().getSimpleName() + ((ex instanceof HttpException http) ? " " + http.status() : "");
	}

	List<Long> guilds() {
		return this.guilds;
	}

}
