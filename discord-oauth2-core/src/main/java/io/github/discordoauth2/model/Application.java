package io.github.discordoauth2.model;

import org.jspecify.annotations.Nullable;

/**
 * A partial Discord application, as returned by {@code GET /oauth2/@me} and
 * {@code GET /oauth2/applications/@me}.
 *
 * @param id the application's snowflake id (the client id)
 * @param name the application name
 * @param icon the icon hash, or {@code null}
 * @param description the description, or {@code null}
 * @param botPublic whether anyone can add the bot, or {@code null}
 * @param botRequireCodeGrant whether adding the bot requires the code grant, or
 * {@code null}
 * @param verifyKey the public key for interaction signatures, or {@code null}
 * @param owner the user who owns the application, or {@code null} where Discord leaves it
 * out; for a team's application a stand-in user for the team
 * @param team the team that owns the application, or {@code null} when a user owns it
 * @since 0.1.0
 */
public record Application(long id, String name, @Nullable String icon, @Nullable String description,
		@Nullable Boolean botPublic, @Nullable Boolean botRequireCodeGrant, @Nullable String verifyKey,
		@Nullable User owner, @Nullable Team team) {

	/**
	 * The user who may act as the application's owner: the team's owner for a team's
	 * application, else the owning user.
	 * @return that user's id, or {@code null} when the answer names neither
	 */
	public @Nullable Long ownerUserId() {
		Team team = this.team;
		if (team != null) {
			return team.ownerUserId();
		}
		User owner = this.owner;
		return (owner != null) ? owner.id() : null;
	}

}
