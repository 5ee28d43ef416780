package io.github.discordoauth2.test;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A user's membership in a guild. Permissions are not stored: they follow from the
 * guild's {@code @everyone} role and the roles held, as Discord computes them.
 *
 * @param guildId the guild
 * @param userId the member
 * @param nick guild nickname, or null
 * @param roles ids of the roles held (snowflakes), without {@code @everyone}
 * @param joinedAt when the user joined
 * @param mute whether the member is server-muted
 * @param deaf whether the member is server-deafened
 * @since 0.1.0
 */
public record FakeMember(long guildId, long userId, @Nullable String nick, List<Long> roles, Instant joinedAt,
		boolean mute, boolean deaf) {

	/**
	 * Copies the role list so the seed cannot change under the running fake.
	 * @param guildId the guild
	 * @param userId the member
	 * @param nick guild nickname, or null
	 * @param roles ids of the roles held (snowflakes), without {@code @everyone}
	 * @param joinedAt when the user joined
	 * @param mute whether the member is server-muted
	 * @param deaf whether the member is server-deafened
	 */
	public FakeMember {
		roles = List.copyOf(roles);
	}

	/**
	 * A member without nickname or roles who joined at the given instant.
	 * @param guildId the guild
	 * @param userId the member
	 * @param joinedAt when the user joined
	 * @return the membership
	 */
	public static FakeMember of(long guildId, long userId, Instant joinedAt) {
		return new FakeMember(guildId, userId, null, List.of(), joinedAt, false, false);
	}

	/**
	 * This membership with other roles.
	 * @param roles the role ids now held
	 * @return a copy holding {@code roles}
	 */
	public FakeMember withRoles(List<Long> roles) {
		return new FakeMember(this.guildId, this.userId, this.nick, roles, this.joinedAt, this.mute, this.deaf);
	}
}
