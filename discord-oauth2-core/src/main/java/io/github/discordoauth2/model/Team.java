package io.github.discordoauth2.model;

import org.jspecify.annotations.Nullable;

/**
 * The team that owns an application (Discord's team object; its members are not read).
 *
 * @param id the team's snowflake id
 * @param name the team's name
 * @param icon the icon hash, or {@code null}
 * @param ownerUserId the id of the user who owns the team
 * @since 0.1.0
 */
public record Team(long id, String name, @Nullable String icon, long ownerUserId) {
}
