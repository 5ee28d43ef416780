package io.github.discordoauth2.test;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A user's membership in a guild.
 *
 * @param guildId the guild
 * @param userId the member
 * @param nick guild nickname, or null
 * @param roles role ids (snowflakes)
 * @param joinedAt when the user joined
 * @param mute whether the member is server-muted
 * @param deaf whether the member is server-deafened
 * @param permissions the member's permission bitset as Discord's decimal string
 * @since 0.1.0
 */
public record FakeMember(long guildId, long userId, @Nullable String nick, List<Long> roles, Instant joinedAt,
		boolean mute, boolean deaf, String permissions) {

	/**
	 * Default permissions of an ordinary member (Discord's default {@code @everyone}
	 * set).
	 */
	public static final String DEFAULT_PERMISSIONS = "104324673";

	/**
	 * Copies the role list so the seed cannot change under the running fake.
	 * @param guildId the guild
	 * @param userId the member
	 * @param nick guild nickname, or null
	 * @param roles role ids (snowflakes)
	 * @param joinedAt when the user joined
	 * @param mute whether the member is server-muted
	 * @param deaf whether the member is server-deafened
	 * @param permissions the member's permission bitset as Discord's decimal string
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
		return new FakeMember(guildId, userId, null, List.of(), joinedAt, false, false, DEFAULT_PERMISSIONS);
	}
}
