package io.github.discordoauth2;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * Optional settings for adding a user to a guild; unset options are not sent. Each needs
 * a bot permission: nick MANAGE_NICKNAMES, roles MANAGE_ROLES, mute MUTE_MEMBERS, deaf
 * DEAFEN_MEMBERS.
 *
 * @since 0.1.0
 */
public final class JoinGuildOptions {

	private static final JoinGuildOptions NONE = new JoinGuildOptions(new Builder());

	private final @Nullable String nick;

	private final @Nullable List<Long> roles;

	private final @Nullable Boolean mute;

	private final @Nullable Boolean deaf;

	private JoinGuildOptions(Builder builder) {
		this.nick = builder.nick;
		this.roles = (builder.roles != null) ? List.copyOf(builder.roles) : null;
		this.mute = builder.mute;
		this.deaf = builder.deaf;
	}

	/**
	 * @return options that set nothing
	 */
	public static JoinGuildOptions none() {
		return NONE;
	}

	/**
	 * @return a new builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * @return the nickname to set, if any
	 */
	public Optional<String> nick() {
		return Optional.ofNullable(this.nick);
	}

	/**
	 * @return the role ids to assign, if set
	 */
	public Optional<List<Long>> roles() {
		return Optional.ofNullable(this.roles);
	}

	/**
	 * @return whether to server-mute the user, if set
	 */
	public Optional<Boolean> mute() {
		return Optional.ofNullable(this.mute);
	}

	/**
	 * @return whether to server-deafen the user, if set
	 */
	public Optional<Boolean> deaf() {
		return Optional.ofNullable(this.deaf);
	}

	@Override
	public String toString() {
		return "JoinGuildOptions[nick=" + this.nick + ", roles=" + this.roles + ", mute=" + this.mute + ", deaf="
				+ this.deaf + "]";
	}

	/**
	 * Builds {@link JoinGuildOptions}.
	 *
	 * @since 0.1.0
	 */
	public static final class Builder {

		private @Nullable String nick;

		private @Nullable List<Long> roles;

		private @Nullable Boolean mute;

		private @Nullable Boolean deaf;

		private Builder() {
		}

		/**
		 * Sets the nickname (needs MANAGE_NICKNAMES).
		 * @param nick the nickname, 1 to 32 characters
		 * @return this builder
		 */
		public Builder nick(String nick) {
			Args.notBlank(nick, "nick");
			if (nick.length() > 32) {
				throw new IllegalArgumentException("nick must be at most 32 characters, got " + nick.length());
			}
			this.nick = nick;
			return this;
		}

		/**
		 * Sets the roles to assign (needs MANAGE_ROLES).
		 * @param roleIds role snowflake ids
		 * @return this builder
		 */
		public Builder roles(long... roleIds) {
			List<Long> list = new ArrayList<>();
			for (long id : Args.notNull(roleIds, "roles")) {
				list.add(id);
			}
			return roles(list);
		}

		/**
		 * Sets the roles to assign (needs MANAGE_ROLES).
		 * @param roleIds role snowflake ids
		 * @return this builder
		 */
		public Builder roles(Collection<Long> roleIds) {
			List<Long> list = new ArrayList<>();
			for (Long id : Args.notNull(roleIds, "roles")) {
				list.add(Args.positive(Args.notNull(id, "roles[]"), "roles[]"));
			}
			this.roles = list;
			return this;
		}

		/**
		 * Sets whether the user is server-muted (needs MUTE_MEMBERS).
		 * @param mute whether to mute
		 * @return this builder
		 */
		public Builder mute(boolean mute) {
			this.mute = mute;
			return this;
		}

		/**
		 * Sets whether the user is server-deafened (needs DEAFEN_MEMBERS).
		 * @param deaf whether to deafen
		 * @return this builder
		 */
		public Builder deaf(boolean deaf) {
			this.deaf = deaf;
			return this;
		}

		/**
		 * @return the options
		 */
		public JoinGuildOptions build() {
			return new JoinGuildOptions(this);
		}

	}

}
