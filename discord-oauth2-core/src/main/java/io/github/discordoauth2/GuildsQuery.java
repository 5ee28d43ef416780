package io.github.discordoauth2;

import java.util.OptionalInt;
import java.util.OptionalLong;

import org.jspecify.annotations.Nullable;

/**
 * Paging and counts for {@link PartialAccessToken#fetchGuilds(GuildsQuery)}
 * ({@code GET /users/@me/guilds}).
 *
 * @since 0.1.0
 */
public final class GuildsQuery {

	private final @Nullable Long before;

	private final @Nullable Long after;

	private final @Nullable Integer limit;

	private final boolean withCounts;

	private GuildsQuery(Builder builder) {
		this.before = builder.before;
		this.after = builder.after;
		this.limit = builder.limit;
		this.withCounts = builder.withCounts;
	}

	/**
	 * @return a new builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * @return a query that asks for approximate member and presence counts
	 */
	public static GuildsQuery withApproximateCounts() {
		return builder().withCounts(true).build();
	}

	/**
	 * @return only guilds with an id before this one, if set
	 */
	public OptionalLong before() {
		return (this.before != null) ? OptionalLong.of(this.before) : OptionalLong.empty();
	}

	/**
	 * @return only guilds with an id after this one, if set
	 */
	public OptionalLong after() {
		return (this.after != null) ? OptionalLong.of(this.after) : OptionalLong.empty();
	}

	/**
	 * @return the maximum number of guilds (1 to 200), if set
	 */
	public OptionalInt limit() {
		return (this.limit != null) ? OptionalInt.of(this.limit) : OptionalInt.empty();
	}

	/**
	 * @return whether approximate member and presence counts are asked for
	 */
	public boolean withCounts() {
		return this.withCounts;
	}

	@Override
	public String toString() {
		return "GuildsQuery[before=" + this.before + ", after=" + this.after + ", limit=" + this.limit + ", withCounts="
				+ this.withCounts + "]";
	}

	/**
	 * Builds a {@link GuildsQuery}.
	 *
	 * @since 0.1.0
	 */
	public static final class Builder {

		private @Nullable Long before;

		private @Nullable Long after;

		private @Nullable Integer limit;

		private boolean withCounts;

		private Builder() {
		}

		/**
		 * Returns only guilds with an id before this one.
		 * @param guildId a guild snowflake id
		 * @return this builder
		 */
		public Builder before(long guildId) {
			this.before = Args.positive(guildId, "before");
			return this;
		}

		/**
		 * Returns only guilds with an id after this one.
		 * @param guildId a guild snowflake id
		 * @return this builder
		 */
		public Builder after(long guildId) {
			this.after = Args.positive(guildId, "after");
			return this;
		}

		/**
		 * Limits the number of guilds returned.
		 * @param limit 1 to 200 (Discord's default is 200)
		 * @return this builder
		 */
		public Builder limit(int limit) {
			if (limit < 1 || limit > 200) {
				throw new IllegalArgumentException("limit must be between 1 and 200, got " + limit);
			}
			this.limit = limit;
			return this;
		}

		/**
		 * Asks for approximate member and presence counts.
		 * @param withCounts whether to include counts
		 * @return this builder
		 */
		public Builder withCounts(boolean withCounts) {
			this.withCounts = withCounts;
			return this;
		}

		/**
		 * @return the query
		 */
		public GuildsQuery build() {
			return new GuildsQuery(this);
		}

	}

}
