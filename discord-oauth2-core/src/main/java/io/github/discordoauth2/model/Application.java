package io.github.discordoauth2.model;

import org.jspecify.annotations.Nullable;

/**
 * A partial Discord application, as returned by {@code GET /oauth2/@me}.
 *
 * @param id the application's snowflake id (the client id)
 * @param name the application name
 * @param icon the icon hash, or {@code null}
 * @param description the description, or {@code null}
 * @param botPublic whether anyone can add the bot, or {@code null}
 * @param botRequireCodeGrant whether adding the bot requires the code grant, or
 * {@code null}
 * @param verifyKey the public key for interaction signatures, or {@code null}
 */
public record Application(long id, String name, @Nullable String icon, @Nullable String description,
		@Nullable Boolean botPublic, @Nullable Boolean botRequireCodeGrant, @Nullable String verifyKey) {
}
