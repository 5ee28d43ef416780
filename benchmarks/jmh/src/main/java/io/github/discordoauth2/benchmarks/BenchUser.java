package io.github.discordoauth2.benchmarks;

import org.jspecify.annotations.Nullable;

/**
 * The user object the raw baselines decode, with the same fields as the core's
 * {@code User}, so that a baseline does the same JSON work as the core.
 */
public record BenchUser(long id, String username, @Nullable String discriminator, @Nullable String globalName,
		@Nullable String avatar, @Nullable Boolean bot, @Nullable Boolean system, @Nullable Boolean mfaEnabled,
		@Nullable String banner, @Nullable Integer accentColor, @Nullable String locale, @Nullable Boolean verified,
		@Nullable String email, @Nullable Long flags, @Nullable Integer premiumType, @Nullable Long publicFlags) {
}
