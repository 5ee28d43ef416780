package io.github.discordoauth2.test;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * What a user's role connection for the application holds, as the fake stored it.
 *
 * @param platformName the platform name, or null
 * @param platformUsername the user's name on that platform, or null
 * @param metadata values keyed by metadata key, stored as strings as Discord does
 * @since 0.1.0
 */
public record FakeRoleConnection(@Nullable String platformName, @Nullable String platformUsername,
		Map<String, String> metadata) {

	/**
	 * Copies the map so the record stays immutable.
	 * @param platformName the platform name, or null
	 * @param platformUsername the user's name on that platform, or null
	 * @param metadata values keyed by metadata key, stored as strings as Discord does
	 */
	public FakeRoleConnection {
		metadata = Map.copyOf(metadata);
	}
}
