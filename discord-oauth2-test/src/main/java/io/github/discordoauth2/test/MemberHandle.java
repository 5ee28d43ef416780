package io.github.discordoauth2.test;

import java.util.ArrayList;
import java.util.List;

/**
 * A seeded user in one guild of a running {@link FakeDiscord}: their roles now, and
 * changes to them that take effect on the next Discord call. From
 * {@link GuildHandle#member(long)}, e.g.
 * {@code fake.guild(DemoData.MEMBER_GUILD_ID).member(DemoData.USER_ID).revokeRole(DemoData.MODERATOR_ROLE_ID)}.
 *
 * @since 0.1.0
 */
public final class MemberHandle {

	private final FakeState state;

	private final FakeGuild guild;

	private final long userId;

	MemberHandle(FakeState state, FakeGuild guild, long userId) {
		this.state = state;
		this.guild = guild;
		this.userId = userId;
	}

	/**
	 * The guild.
	 * @return its id
	 */
	public long guildId() {
		return this.guild.id();
	}

	/**
	 * The user.
	 * @return their id
	 */
	public long userId() {
		return this.userId;
	}

	/**
	 * Whether the user is a member now.
	 * @return true for a member
	 */
	public boolean isMember() {
		return this.state.member(this.guild.id(), this.userId) != null;
	}

	/**
	 * The ids of the roles held now, without {@code @everyone}, as the member object's
	 * {@code roles} lists them.
	 * @return the role ids
	 * @throws IllegalStateException when the user is not a member
	 */
	public List<Long> roles() {
		return current().roles();
	}

	/**
	 * The member's permissions now, as {@code GET /users/@me/guilds} shows them: owner or
	 * Administrator all bits, otherwise {@code @everyone} and the roles held.
	 * @return the bitset as Discord's decimal string
	 * @throws IllegalStateException when the user is not a member
	 */
	public String permissions() {
		synchronized (this.state) {
			return this.state.permissions(this.guild, current());
		}
	}

	/**
	 * Gives the member a role of the guild; nothing changes when it is already held.
	 * @param roleId a role of the guild
	 * @return this
	 * @throws IllegalArgumentException when the guild has no such role, or for
	 * {@code @everyone}, which every member holds without listing it
	 * @throws IllegalStateException when the user is not a member
	 */
	public MemberHandle grantRole(long roleId) {
		synchronized (this.state) {
			FakeMember member = current();
			if (roleId == this.guild.id() || this.state.role(this.guild.id(), roleId) == null) {
				throw new IllegalArgumentException(
						"guild " + this.guild.id() + " has no role " + roleId + " to grant; its" + " roles are "
								+ this.state.roles(this.guild.id())
									.stream()
									.filter(r -> r.id() != this.guild.id())
									.map(r -> r.id() + " " + r.name())
									.toList()
								+ " (add one with fake.guild(id).putRole(...))");
			}
			if (!member.roles().contains(roleId)) {
				List<Long> roles = new ArrayList<>(member.roles());
				roles.add(roleId);
				this.state.addMember(member.withRoles(roles));
			}
			return this;
		}
	}

	/**
	 * Takes a role from the member; nothing changes when it is not held.
	 * @param roleId the role
	 * @return this
	 * @throws IllegalStateException when the user is not a member
	 */
	public MemberHandle revokeRole(long roleId) {
		synchronized (this.state) {
			FakeMember member = current();
			if (member.roles().contains(roleId)) {
				this.state.addMember(member.withRoles(member.roles().stream().filter(r -> r != roleId).toList()));
			}
			return this;
		}
	}

	private FakeMember current() {
		FakeMember member = this.state.member(this.guild.id(), this.userId);
		if (member == null) {
			throw new IllegalStateException("user " + this.userId + " is not a member of guild " + this.guild.id()
					+ ": use fake.guild(" + this.guild.id() + "L).addMember(" + this.userId + "L) first");
		}
		return member;
	}

	/** Names the guild and user. */
	@Override
	public String toString() {
		return "MemberHandle[guild=" + this.guild.id() + ", user=" + this.userId + "]";
	}

}
