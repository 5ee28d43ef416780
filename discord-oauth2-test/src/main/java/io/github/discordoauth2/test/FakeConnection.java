package io.github.discordoauth2.test;

/**
 * An account a user linked to Discord (GitHub, Twitch, ...), as
 * {@code GET /users/@me/connections} shows it.
 *
 * @param id the account id on that service
 * @param name the account name on that service
 * @param type the service slug, e.g. {@code github}
 * @param revoked whether the connection is revoked
 * @param verified whether the connection is verified
 * @param friendSync whether friend sync is on
 * @param showActivity whether activities from this connection show in presence
 * @param twoWayLink whether it has a two-way link
 * @param visibility 0 only the user, 1 everyone
 * @since 0.1.0
 */
public record FakeConnection(String id, String name, String type, boolean revoked, boolean verified, boolean friendSync,
		boolean showActivity, boolean twoWayLink, int visibility) {

	/**
	 * A verified, visible connection.
	 * @param type the service slug, e.g. {@code github}
	 * @param id the account id on that service
	 * @param name the account name on that service
	 * @return the connection
	 */
	public static FakeConnection of(String type, String id, String name) {
		return new FakeConnection(id, name, type, false, true, false, true, false, 1);
	}
}
