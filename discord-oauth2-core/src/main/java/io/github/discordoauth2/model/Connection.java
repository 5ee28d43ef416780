package io.github.discordoauth2.model;

import org.jspecify.annotations.Nullable;

/**
 * An account the user linked to Discord ({@code GET /users/@me/connections}, scope
 * {@code connections}).
 *
 * @param id the account id on the other service (not a snowflake)
 * @param name the account name on the other service
 * @param type the service, for example {@code github} or {@code steam}
 * @param revoked whether the connection is revoked, or {@code null}
 * @param verified whether the connection is verified
 * @param friendSync whether friend sync is enabled
 * @param showActivity whether activities from this connection are shown in presence
 * updates
 * @param twoWayLink whether the connection has a matching third-party OAuth2 token
 * @param visibility 0 = only the user, 1 = everyone
 * @since 0.1.0
 */
public record Connection(String id, String name, String type, @Nullable Boolean revoked, boolean verified,
		boolean friendSync, boolean showActivity, boolean twoWayLink, int visibility) {
}
