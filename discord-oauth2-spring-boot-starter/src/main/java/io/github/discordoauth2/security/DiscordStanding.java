package io.github.discordoauth2.security;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.springframework.util.Assert;

/**
 * What Discord said about a user in the servers an application checks: which of them the
 * user is a member of, and with which roles.
 *
 * @param memberships the checked servers the user is a member of (guild ID to the IDs of
 * the roles the user holds there, without {@code @everyone}); a server the user is not in
 * is absent
 * @param rolesRead whether the roles were read ({@code GET
 * /users/@me/guilds/{guild.id}/member}, scope {@code guilds.members.read}); {@code false}
 * when only membership was read ({@code GET /users/@me/guilds}, scope {@code guilds}),
 * and the role sets are empty
 * @since 0.1.0
 */
public record DiscordStanding(Map<Long, Set<Long>> memberships, boolean rolesRead) {

	/**
	 * Copies the memberships, keeping their order.
	 * @param memberships the checked servers the user is a member of, with the roles held
	 * there
	 * @param rolesRead whether the roles were read
	 */
	public DiscordStanding {
		Assert.notNull(memberships, "memberships must not be null");
		Map<Long, Set<Long>> copy = new LinkedHashMap<>();
		memberships.forEach((guild, roles) -> copy.put(guild, Set.copyOf(roles)));
		memberships = Collections.unmodifiableMap(copy);
	}

	/**
	 * Whether the user is a member of the server.
	 * @param guildId the guild ID
	 * @return {@code true} when Discord listed the user as a member
	 */
	public boolean isMember(long guildId) {
		return this.memberships.containsKey(guildId);
	}

}
