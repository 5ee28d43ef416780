package io.github.discordoauth2.model;

import java.time.OffsetDateTime;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The user's membership in a guild ({@code GET /users/@me/guilds/{guild.id}/member}, or
 * the body of a successful add-guild-member).
 *
 * @param user the user, or {@code null}
 * @param nick the guild nickname, or {@code null}
 * @param avatar the guild avatar hash, or {@code null}
 * @param roles the ids of the member's roles (Discord leaves out {@code @everyone}, whose
 * id is the guild's)
 * @param joinedAt when the user joined, or {@code null}
 * @param premiumSince since when the user boosts the guild, or {@code null}
 * @param deaf whether the user is deafened in voice channels
 * @param mute whether the user is muted in voice channels
 * @param flags the member flags
 * @param pending whether the user has not yet passed membership screening, or
 * {@code null}
 * @param communicationDisabledUntil when the user's timeout ends, or {@code null}
 * @since 0.1.0
 */
public record GuildMember(@Nullable User user, @Nullable String nick, @Nullable String avatar, List<Long> roles,
		@Nullable OffsetDateTime joinedAt, @Nullable OffsetDateTime premiumSince, boolean deaf, boolean mute,
		long flags, @Nullable Boolean pending, @Nullable OffsetDateTime communicationDisabledUntil) {

	/**
	 * Normalises a missing role list to an empty one.
	 * @param user the user, or {@code null}
	 * @param nick the guild nickname, or {@code null}
	 * @param avatar the guild avatar hash, or {@code null}
	 * @param roles the ids of the member's roles
	 * @param joinedAt when the user joined, or {@code null}
	 * @param premiumSince since when the user boosts the guild, or {@code null}
	 * @param deaf whether the user is deafened in voice channels
	 * @param mute whether the user is muted in voice channels
	 * @param flags the member flags
	 * @param pending whether the user has not yet passed membership screening, or
	 * {@code null}
	 * @param communicationDisabledUntil when the user's timeout ends, or {@code null}
	 */
	public GuildMember {
		roles = (roles != null) ? List.copyOf(roles) : List.of();
	}

}
