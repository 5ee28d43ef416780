package io.github.discordoauth2.model;

import java.math.BigInteger;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The bit arithmetic of {@link Permission} and {@link Permissions}, checked against
 * values in Discord's table of permission flags.
 */
class PermissionsTests {

	@Test
	void permissionsHaveTheValuesOfDiscordsTable() {
		assertThat(Permission.CREATE_INSTANT_INVITE.value()).isEqualTo(0x1L);
		assertThat(Permission.ADMINISTRATOR.value()).isEqualTo(0x8L);
		assertThat(Permission.MANAGE_GUILD.value()).isEqualTo(0x20L);
		assertThat(Permission.MANAGE_ROLES.value()).isEqualTo(0x10000000L);
		assertThat(Permission.USE_APPLICATION_COMMANDS.value()).isEqualTo(0x80000000L);
		assertThat(Permission.REQUEST_TO_SPEAK.value()).isEqualTo(0x100000000L);
		assertThat(Permission.MODERATE_MEMBERS.value()).isEqualTo(0x10000000000L);
		assertThat(Permission.SEND_VOICE_MESSAGES.value()).isEqualTo(0x400000000000L);
		// Bit 47 is not in Discord's table.
		assertThat(Permission.SET_VOICE_CHANNEL_STATUS.value()).isEqualTo(0x1000000000000L);
		assertThat(Permission.BYPASS_SLOWMODE.value()).isEqualTo(0x10000000000000L);
	}

	@Test
	void everyPermissionHasABitOfItsOwn() {
		Set<Integer> bits = new HashSet<>();
		for (Permission permission : Permission.values()) {
			assertThat(bits.add(permission.bit())).as(permission.name()).isTrue();
			assertThat(permission.value()).isEqualTo(1L << permission.bit());
		}
		assertThat(Permission.values()).hasSize(52);
	}

	@Test
	void aSetIsWhatItsBitsSay() {
		Permissions permissions = Permissions.valueOf(0x20L | 0x400L);
		assertThat(permissions.toSet()).containsExactlyInAnyOrder(Permission.MANAGE_GUILD, Permission.VIEW_CHANNEL);
		assertThat(permissions.contains(Permission.MANAGE_GUILD)).isTrue();
		assertThat(permissions.has(Permission.MANAGE_GUILD)).isTrue();
		assertThat(permissions.has(Permission.BAN_MEMBERS)).isFalse();
		assertThat(permissions.hasAll(Permission.MANAGE_GUILD, Permission.VIEW_CHANNEL)).isTrue();
		assertThat(permissions.hasAll(Permission.MANAGE_GUILD, Permission.BAN_MEMBERS)).isFalse();
		assertThat(Permissions.of(Permission.MANAGE_GUILD, Permission.VIEW_CHANNEL)).isEqualTo(permissions);
		assertThat(Permissions.NONE.toSet()).isEmpty();
	}

	@Test
	void administratorGrantsEveryPermissionButSetsNoOtherBit() {
		Permissions administrator = Permissions.of(Permission.ADMINISTRATOR);
		for (Permission permission : Permission.values()) {
			assertThat(administrator.has(permission)).as(permission.name()).isTrue();
		}
		assertThat(administrator.contains(Permission.MANAGE_GUILD)).isFalse();
		assertThat(administrator.toSet()).containsExactly(Permission.ADMINISTRATOR);
		assertThat(administrator.without(Permission.ADMINISTRATOR).has(Permission.MANAGE_GUILD)).isFalse();
	}

	@Test
	void withAndWithoutMakeNewSets() {
		Permissions base = Permissions.of(Permission.VIEW_CHANNEL);
		Permissions more = base.with(Permission.SEND_MESSAGES, Permission.BYPASS_SLOWMODE);
		assertThat(base.toSet()).containsExactly(Permission.VIEW_CHANNEL);
		assertThat(more.value()).isEqualTo(BigInteger.valueOf(0x400L | 0x800L | (1L << 52)));
		assertThat(more.without(Permission.VIEW_CHANNEL, Permission.KICK_MEMBERS).toSet())
			.containsExactlyInAnyOrder(Permission.SEND_MESSAGES, Permission.BYPASS_SLOWMODE);
	}

	@Test
	void bitsWithoutAConstantAreKept() {
		BigInteger unknownBits = BigInteger.ONE.shiftLeft(47).or(BigInteger.ONE.shiftLeft(70));
		Permissions permissions = Permissions.parse(unknownBits.add(BigInteger.valueOf(0x20L)).toString());
		assertThat(permissions.toSet()).containsExactly(Permission.MANAGE_GUILD);
		assertThat(permissions.without(Permission.MANAGE_GUILD).value()).isEqualTo(unknownBits);
	}

	@Test
	void discordsDecimalStringIsReadAndBadOnesRefused() {
		assertThat(Permissions.parse("2147483647").value()).isEqualTo(BigInteger.valueOf(Integer.MAX_VALUE));
		assertThat(Permissions.parse("0")).isEqualTo(Permissions.NONE);
		assertThatIllegalArgumentException().isThrownBy(() -> Permissions.parse("-8"));
		assertThatIllegalArgumentException().isThrownBy(() -> Permissions.parse("0x20"));
		assertThatIllegalArgumentException().isThrownBy(() -> Permissions.parse(""));
		assertThatIllegalArgumentException().isThrownBy(() -> Permissions.valueOf(-1));
	}

	@Test
	void theSetOfPermissionsCannotBeChanged() {
		Set<Permission> set = Permissions.of(Permission.SPEAK).toSet();
		assertThatExceptionOfType(UnsupportedOperationException.class)
			.isThrownBy(() -> set.add(Permission.ADMINISTRATOR));
	}

	@Test
	void anOwnerHasEveryPermissionInTheirGuild() {
		PartialGuild owned = new PartialGuild(1L, "Mine", null, null, true, Permissions.NONE, null, null, null);
		PartialGuild member = new PartialGuild(2L, "Theirs", null, null, false, Permissions.NONE, null, null, null);
		assertThat(owned.hasPermission(Permission.MANAGE_GUILD)).isTrue();
		assertThat(member.hasPermission(Permission.MANAGE_GUILD)).isFalse();
	}

}
