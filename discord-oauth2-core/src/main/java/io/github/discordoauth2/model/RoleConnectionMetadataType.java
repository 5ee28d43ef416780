package io.github.discordoauth2.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * How a linked-roles metadata record compares the user's value with the guild's
 * requirement (Discord's eight types; JSON carries the number).
 *
 * @since 0.1.0
 */
public enum RoleConnectionMetadataType {

	/** The user's integer is less than or equal to the guild's value (1). */
	INTEGER_LESS_THAN_OR_EQUAL(1),

	/** The user's integer is greater than or equal to the guild's value (2). */
	INTEGER_GREATER_THAN_OR_EQUAL(2),

	/** The user's integer equals the guild's value (3). */
	INTEGER_EQUAL(3),

	/** The user's integer differs from the guild's value (4). */
	INTEGER_NOT_EQUAL(4),

	/** The user's date-time is at most the guild's number of days before now (5). */
	DATETIME_LESS_THAN_OR_EQUAL(5),

	/** The user's date-time is at least the guild's number of days before now (6). */
	DATETIME_GREATER_THAN_OR_EQUAL(6),

	/**
	 * The user's boolean equals the guild's value (7); send {@code true}/{@code false},
	 * stored as 1/0.
	 */
	BOOLEAN_EQUAL(7),

	/** The user's boolean differs from the guild's value (8). */
	BOOLEAN_NOT_EQUAL(8);

	private final int value;

	RoleConnectionMetadataType(int value) {
		this.value = value;
	}

	/**
	 * @return Discord's number for this type (1 to 8)
	 */
	@JsonValue
	public int value() {
		return this.value;
	}

	/**
	 * Finds the type for Discord's number.
	 * @param value 1 to 8
	 * @return the type
	 * @throws IllegalArgumentException for any other number
	 */
	@JsonCreator
	public static RoleConnectionMetadataType of(int value) {
		for (RoleConnectionMetadataType type : values()) {
			if (type.value == value) {
				return type;
			}
		}
		throw new IllegalArgumentException("Unknown role connection metadata type " + value + " (expected 1 to 8)");
	}

}
