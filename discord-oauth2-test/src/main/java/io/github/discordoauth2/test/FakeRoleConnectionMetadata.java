package io.github.discordoauth2.test;

import java.util.Map;

/**
 * One application role connection metadata record (a linked-roles requirement).
 *
 * @param type 1..8: integer &lt;=, integer &gt;=, integer ==, integer !=, datetime &lt;=,
 * datetime &gt;=, boolean ==, boolean !=
 * @param key {@code a-z}, {@code 0-9} or {@code _}, 1 to 50 characters
 * @param name 1 to 100 characters
 * @param description 1 to 200 characters
 * @param nameLocalizations translations of {@code name}, may be empty
 * @param descriptionLocalizations translations of {@code description}, may be empty
 * @since 0.1.0
 */
public record FakeRoleConnectionMetadata(int type, String key, String name, String description,
		Map<String, String> nameLocalizations, Map<String, String> descriptionLocalizations) {

	/**
	 * Copies the maps so the record stays immutable.
	 * @param type 1..8: integer &lt;=, integer &gt;=, integer ==, integer !=, datetime
	 * &lt;=, datetime &gt;=, boolean ==, boolean !=
	 * @param key {@code a-z}, {@code 0-9} or {@code _}, 1 to 50 characters
	 * @param name 1 to 100 characters
	 * @param description 1 to 200 characters
	 * @param nameLocalizations translations of {@code name}, may be empty
	 * @param descriptionLocalizations translations of {@code description}, may be empty
	 */
	public FakeRoleConnectionMetadata {
		nameLocalizations = Map.copyOf(nameLocalizations);
		descriptionLocalizations = Map.copyOf(descriptionLocalizations);
	}

	/**
	 * A record without localizations.
	 * @param type 1..8, as in the record's description
	 * @param key {@code a-z}, {@code 0-9} or {@code _}, 1 to 50 characters
	 * @param name 1 to 100 characters
	 * @param description 1 to 200 characters
	 */
	public FakeRoleConnectionMetadata(int type, String key, String name, String description) {
		this(type, key, name, description, Map.of(), Map.of());
	}
}
