package io.github.discordoauth2.test;

import java.math.BigInteger;

/**
 * A role of a guild, as Discord's role object describes it
 * (https://discord.com/developers/docs/topics/permissions#role-object).
 *
 * <p>
 * Every guild has the {@code @everyone} role, whose id is the guild's id; the fake adds
 * it with {@link #DEFAULT_EVERYONE_PERMISSIONS} unless a role with that id is seeded.
 * Members hold the other roles by id ({@link FakeMember#roles()}).
 *
 * @param id snowflake id; the guild's own id for {@code @everyone}
 * @param name role name, e.g. {@code Moderator}
 * @param permissions permission bitset as Discord's decimal string
 * @param position position in the role list ({@code @everyone} is 0, higher is above)
 * @param color RGB colour as an integer, 0 for none
 * @param hoist whether members with this role are shown apart in the member list
 * @param managed whether an integration (a bot, boosts) manages the role
 * @param mentionable whether anyone may mention the role
 * @since 0.1.0
 */
public record FakeRole(long id, String name, String permissions, int position, int color, boolean hoist,
		boolean managed, boolean mentionable) {

	/**
	 * Permissions of Discord's default {@code @everyone} role in a new server (View
	 * Channels, Send Messages, Connect, Speak and the other everyday bits).
	 */
	public static final String DEFAULT_EVERYONE_PERMISSIONS = "104324673";

	/** Checks the name and that the permissions are a decimal bitset. */
	public FakeRole {
		if (name == null || name.isBlank() || name.length() > 100) {
			throw new IllegalArgumentException("role name must be 1 to 100 characters, got " + name);
		}
		if (permissions == null || !permissions.matches("\\d{1,20}") || new BigInteger(permissions).bitLength() > 63) {
			throw new IllegalArgumentException(
					"role permissions must be a decimal permission bitset such as \"8\", got " + permissions);
		}
		if (position < 0) {
			throw new IllegalArgumentException("role position must be >= 0, got " + position);
		}
	}

	/**
	 * A plain role: no colour, not hoisted, not managed, not mentionable.
	 * @param id snowflake id
	 * @param name role name
	 * @param permissions permission bitset as a decimal string ({@code "0"} for none)
	 * @param position position in the role list, 1 or more for roles other than
	 * {@code @everyone}
	 * @return the role
	 */
	public static FakeRole of(long id, String name, String permissions, int position) {
		return new FakeRole(id, name, permissions, position, 0, false, false, false);
	}

	/**
	 * The {@code @everyone} role of a guild with the given permissions.
	 * @param guildId the guild, whose id the role shares
	 * @param permissions permission bitset as a decimal string
	 * @return the role
	 */
	public static FakeRole everyone(long guildId, String permissions) {
		return new FakeRole(guildId, "@everyone", permissions, 0, 0, false, false, false);
	}

}
