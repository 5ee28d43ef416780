package io.github.discordoauth2.model;

import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * A linked-roles metadata record the application registers ({@code PUT
 * /applications/{application.id}/role-connections/metadata}); guilds build role
 * requirements from it.
 *
 * @param type how the user's value is compared
 * @param key the metadata key ({@code a-z}, {@code 0-9}, {@code _}; 1 to 50 characters)
 * @param name the name shown to guild admins (1 to 100 characters)
 * @param nameLocalizations translations of the name by locale, or {@code null}
 * @param description the description shown to guild admins (1 to 200 characters)
 * @param descriptionLocalizations translations of the description by locale, or
 * {@code null}
 * @since 0.1.0
 */
public record RoleConnectionMetadata(RoleConnectionMetadataType type, String key, String name,
		@Nullable Map<String, String> nameLocalizations, String description,
		@Nullable Map<String, String> descriptionLocalizations) {

	/**
	 * Checks the required fields; Discord's length and pattern rules are checked before a
	 * request is sent.
	 * @param type how the user's value is compared
	 * @param key the metadata key ({@code a-z}, {@code 0-9}, {@code _}; 1 to 50
	 * characters)
	 * @param name the name shown to guild admins (1 to 100 characters)
	 * @param nameLocalizations translations of the name by locale, or {@code null}
	 * @param description the description shown to guild admins (1 to 200 characters)
	 * @param descriptionLocalizations translations of the description by locale, or
	 * {@code null}
	 */
	public RoleConnectionMetadata {
		Objects.requireNonNull(type, "type must not be null");
		Objects.requireNonNull(key, "key must not be null");
		Objects.requireNonNull(name, "name must not be null");
		Objects.requireNonNull(description, "description must not be null");
		nameLocalizations = (nameLocalizations != null) ? Map.copyOf(nameLocalizations) : null;
		descriptionLocalizations = (descriptionLocalizations != null) ? Map.copyOf(descriptionLocalizations) : null;
	}

	/**
	 * Creates a record without localizations.
	 * @param type how the user's value is compared
	 * @param key the metadata key
	 * @param name the name shown to guild admins
	 * @param description the description shown to guild admins
	 */
	public RoleConnectionMetadata(RoleConnectionMetadataType type, String key, String name, String description) {
		this(type, key, name, null, description, null);
	}

}
