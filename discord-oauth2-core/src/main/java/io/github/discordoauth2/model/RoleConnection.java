package io.github.discordoauth2.model;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The user's linked-roles data for this application ({@code GET/PUT
 * /users/@me/applications/{application.id}/role-connection}).
 *
 * @param platformName the platform name shown on the user's profile, or {@code null}
 * @param platformUsername the user's name on that platform, or {@code null}
 * @param metadata metadata keys to their stored values, as Discord returns them (strings)
 * @since 0.1.0
 */
public record RoleConnection(@Nullable String platformName, @Nullable String platformUsername,
		Map<String, String> metadata) {

	/**
	 * Normalises missing metadata to an empty map.
	 * @param platformName the platform name shown on the user's profile, or {@code null}
	 * @param platformUsername the user's name on that platform, or {@code null}
	 * @param metadata metadata keys to their stored values, as Discord returns them
	 * (strings)
	 */
	public RoleConnection {
		metadata = (metadata != null) ? Map.copyOf(metadata) : Map.of();
	}

}
