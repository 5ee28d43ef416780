package io.github.discordoauth2;

import java.util.Optional;

import io.github.discordoauth2.model.GuildMember;
import org.jspecify.annotations.Nullable;

/**
 * The outcome of adding a user to a guild: both outcomes are success.
 *
 * @since 0.1.0
 */
public final class JoinGuildResult {

	private final boolean added;

	private final @Nullable GuildMember member;

	private JoinGuildResult(boolean added, @Nullable GuildMember member) {
		this.added = added;
		this.member = member;
	}

	/**
	 * Discord answered 201: the user was added.
	 * @param member the new member from the answer, or {@code null}
	 * @return the result
	 */
	public static JoinGuildResult ofAdded(@Nullable GuildMember member) {
		return new JoinGuildResult(true, member);
	}

	/**
	 * @return the result for Discord's 204: the user already was a member
	 */
	public static JoinGuildResult ofAlreadyMember() {
		return new JoinGuildResult(false, null);
	}

	/**
	 * @return whether the user was added now (201)
	 */
	public boolean added() {
		return this.added;
	}

	/**
	 * @return whether the user already was a member (204); nothing was changed
	 */
	public boolean alreadyMember() {
		return !this.added;
	}

	/**
	 * @return the new member (only when {@link #added()})
	 */
	public Optional<GuildMember> member() {
		return Optional.ofNullable(this.member);
	}

	@Override
	public String toString() {
		return this.added ? "JoinGuildResult[added]" : "JoinGuildResult[alreadyMember]";
	}

}
