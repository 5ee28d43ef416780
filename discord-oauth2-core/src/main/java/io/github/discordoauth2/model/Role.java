package io.github.discordoauth2.model;

/**
 * A guild role, as carried by {@link Guild}.
 *
 * @param id the role's snowflake id
 * @param name the role name
 * @param color the colour as an RGB integer
 * @param hoist whether the role is shown separately in the member list
 * @param position the position in the role list
 * @param permissions the role's permissions; {@link Permissions#NONE} when absent
 * @param managed whether an integration manages the role
 * @param mentionable whether the role can be mentioned
 * @since 0.1.0
 */
public record Role(long id, String name, int color, boolean hoist, int position, Permissions permissions,
		boolean managed, boolean mentionable) {

	/**
	 * Normalises missing permissions to none.
	 * @param id the role's snowflake id
	 * @param name the role name
	 * @param color the colour as an RGB integer
	 * @param hoist whether the role is shown separately in the member list
	 * @param position the position in the role list
	 * @param permissions the role's permissions; {@link Permissions#NONE} when absent
	 * @param managed whether an integration manages the role
	 * @param mentionable whether the role can be mentioned
	 */
	public Role {
		permissions = (permissions != null) ? permissions : Permissions.NONE;
	}

}
