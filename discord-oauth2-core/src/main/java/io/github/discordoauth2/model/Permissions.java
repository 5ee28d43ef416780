package io.github.discordoauth2.model;

import java.math.BigInteger;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonCreator;

/**
 * An immutable set of Discord permissions, as Discord sends it: an integer of any size
 * written as a decimal string (for example a guild's {@code "permissions"} in
 * {@link PartialGuild}). It is kept whole, bits without a {@link Permission} constant
 * too, so nothing Discord adds later is lost.
 *
 * <p>
 * {@link #has(Permission)} answers as Discord decides: {@link Permission#ADMINISTRATOR}
 * grants every permission. {@link #contains(Permission)} reads the bit alone.
 *
 * @param value the bits; zero or positive
 * @since 0.1.0
 */
public record Permissions(BigInteger value) {

	/** No permission at all. */
	public static final Permissions NONE = new Permissions(BigInteger.ZERO);

	/**
	 * Checks the bits.
	 * @param value the bits; zero or positive
	 * @throws IllegalArgumentException when {@code value} is negative
	 */
	// Discord's string (or a number) is read as a BigInteger, then handed over whole.
	@JsonCreator(mode = JsonCreator.Mode.DELEGATING)
	public Permissions {
		if (value == null || value.signum() < 0) {
			throw new IllegalArgumentException("permissions must be zero or positive, got " + value);
		}
	}

	/**
	 * @param permissions the permissions in the set
	 * @return the set of these permissions
	 */
	public static Permissions of(Permission... permissions) {
		return NONE.with(permissions);
	}

	/**
	 * @param bits the bits, as in Discord's table (for example {@code 0x20} for
	 * {@link Permission#MANAGE_GUILD})
	 * @return the set of these bits
	 * @throws IllegalArgumentException when {@code bits} is negative
	 */
	public static Permissions valueOf(long bits) {
		return new Permissions(BigInteger.valueOf(bits));
	}

	/**
	 * Reads a permission set as Discord writes it.
	 * @param value the bits as a decimal string, for example {@code "2147483647"}
	 * @return the set
	 * @throws IllegalArgumentException when {@code value} is not a decimal integer of
	 * zero or more
	 */
	public static Permissions parse(String value) {
		try {
			return new Permissions(new BigInteger(value.strip()));
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("permissions must be a decimal integer, got \"" + value + "\"", ex);
		}
	}

	/**
	 * Tells whether the set grants a permission, as Discord decides it:
	 * {@link Permission#ADMINISTRATOR} grants all.
	 * @param permission the permission
	 * @return whether its bit or {@code ADMINISTRATOR} is set
	 */
	public boolean has(Permission permission) {
		return contains(Permission.ADMINISTRATOR) || contains(permission);
	}

	/**
	 * Tells whether the set grants every one of some permissions (with
	 * {@link Permission#ADMINISTRATOR} granting all).
	 * @param permissions the permissions
	 * @return whether {@link #has(Permission)} holds for each
	 */
	public boolean hasAll(Permission... permissions) {
		for (Permission permission : permissions) {
			if (!has(permission)) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Tells whether a permission's own bit is set, without the
	 * {@link Permission#ADMINISTRATOR} rule.
	 * @param permission the permission
	 * @return whether its bit is set
	 */
	public boolean contains(Permission permission) {
		return this.value.testBit(permission.bit());
	}

	/**
	 * @param permissions permissions to add
	 * @return a set with their bits set too
	 */
	public Permissions with(Permission... permissions) {
		BigInteger bits = this.value;
		for (Permission permission : permissions) {
			bits = bits.setBit(permission.bit());
		}
		return new Permissions(bits);
	}

	/**
	 * @param permissions permissions to remove
	 * @return a set with their bits cleared
	 */
	public Permissions without(Permission... permissions) {
		BigInteger bits = this.value;
		for (Permission permission : permissions) {
			bits = bits.clearBit(permission.bit());
		}
		return new Permissions(bits);
	}

	/**
	 * @return the permissions whose bits are set, without the
	 * {@link Permission#ADMINISTRATOR} rule; bits without a constant are left out (they
	 * stay in {@link #value()})
	 */
	public Set<Permission> toSet() {
		Set<Permission> set = EnumSet.noneOf(Permission.class);
		for (Permission permission : Permission.values()) {
			if (contains(permission)) {
				set.add(permission);
			}
		}
		return Collections.unmodifiableSet(set);
	}

}
