package io.github.discordoauth2.test;

import java.util.List;
import java.util.Objects;

/**
 * A seeded guild of a running {@link FakeDiscord}, to change its roles and members while
 * an application runs: {@code fake.guild(id).member(userId).grantRole(roleId)}. Every
 * change takes effect on the next Discord call (the next {@code GET
 * /users/@me/guilds/{guild.id}/member} shows it), as when a moderator changes a server in
 * Discord's client.
 *
 * @since 0.1.0
 */
public final class GuildHandle {

	private final FakeState state;

	private final FakeGuild guild;

	GuildHandle(FakeState state, FakeGuild guild) {
		this.state = state;
		this.guild = guild;
	}

	/**
	 * The guild's id.
	 * @return the snowflake
	 */
	public long id() {
		return this.guild.id();
	}

	/**
	 * The guild as seeded (name, owner, counts).
	 * @return the seeded guild
	 */
	public FakeGuild guild() {
		return this.guild;
	}

	/**
	 * The guild's roles: {@code @everyone} (id = guild id) first, then upwards by
	 * position.
	 * @return the roles now
	 */
	public List<FakeRole> roles() {
		return this.state.roles(this.guild.id());
	}

	/**
	 * Creates a role, or replaces the one with the same id (to rename it or change its
	 * permissions); a role with the guild's id replaces {@code @everyone}.
	 * @param role the role
	 * @return this
	 */
	public GuildHandle putRole(FakeRole role) {
		Objects.requireNonNull(role, "role");
		this.state.putRole(this.guild.id(), role);
		return this;
	}

	/**
	 * Deletes a role; every member loses it, as in Discord.
	 * @param roleId the role
	 * @return false if the guild had no such role
	 * @throws IllegalArgumentException for {@code @everyone}, which cannot be deleted
	 */
	public boolean deleteRole(long roleId) {
		if (roleId == this.guild.id()) {
			throw new IllegalArgumentException("@everyone (role " + roleId + ") cannot be deleted");
		}
		return this.state.deleteRole(this.guild.id(), roleId);
	}

	/**
	 * The user ids of the members now, the owner included.
	 * @return the member ids
	 */
	public List<Long> memberIds() {
		return this.state.memberIds(this.guild.id());
	}

	/**
	 * A member, or a seeded user who may become one; {@link MemberHandle#isMember()} says
	 * which.
	 * @param userId a seeded user
	 * @return the handle
	 * @throws IllegalArgumentException when the user is not seeded
	 */
	public MemberHandle member(long userId) {
		this.state.requireUser("userId", userId);
		return new MemberHandle(this.state, this.guild, userId);
	}

	/**
	 * Makes a seeded user a member now, with no roles (as joining through an invite);
	 * nothing changes for a member.
	 * @param userId a seeded user
	 * @return the member's handle, e.g. to {@link MemberHandle#grantRole(long) grant a
	 * role}
	 * @throws IllegalArgumentException when the user is not seeded
	 */
	public MemberHandle addMember(long userId) {
		synchronized (this.state) {
			MemberHandle member = member(userId);
			if (this.state.member(this.guild.id(), userId) == null) {
				this.state.addMember(FakeMember.of(this.guild.id(), userId, this.state.now()));
			}
			return member;
		}
	}

	/**
	 * Takes a member out of the guild (they left, or were kicked or banned); the next
	 * {@code GET /users/@me/guilds/{guild.id}/member} answers 404 Unknown Guild.
	 * @param userId the member
	 * @return false if the user was not a member
	 * @throws IllegalArgumentException for the owner, who must transfer the guild first
	 */
	public boolean removeMember(long userId) {
		if (userId == this.guild.ownerId()) {
			throw new IllegalArgumentException("user " + userId + " owns guild " + this.guild.id()
					+ " and cannot leave it (Discord asks the owner to" + " transfer ownership first)");
		}
		return this.state.removeMember(this.guild.id(), userId);
	}

	/** Names the guild. */
	@Override
	public String toString() {
		return "GuildHandle[" + this.guild.id() + " " + this.guild.name() + "]";
	}

}
