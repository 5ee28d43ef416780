package io.github.discordoauth2.test;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A guild (server) seeded into the fake.
 *
 * @param id snowflake id
 * @param name guild name
 * @param icon icon hash, or null
 * @param banner banner hash, or null
 * @param ownerId the owner's user id; the owner is a member automatically
 * @param features guild feature flags such as {@code COMMUNITY}
 * @param approximateMemberCount shown with {@code with_counts=true}
 * @param approximatePresenceCount shown with {@code with_counts=true}
 * @since 0.1.0
 */
public record FakeGuild(long id, String name, @Nullable String icon, @Nullable String banner, long ownerId,
		List<String> features, int approximateMemberCount, int approximatePresenceCount) {

	/**
	 * Copies the feature list so the seed cannot change under the running fake.
	 * @param id snowflake id
	 * @param name guild name
	 * @param icon icon hash, or null
	 * @param banner banner hash, or null
	 * @param ownerId the owner's user id; the owner is a member automatically
	 * @param features guild feature flags such as {@code COMMUNITY}
	 * @param approximateMemberCount shown with {@code with_counts=true}
	 * @param approximatePresenceCount shown with {@code with_counts=true}
	 */
	public FakeGuild {
		features = List.copyOf(features);
	}

	/**
	 * A guild without icon, banner or features.
	 * @param id snowflake id
	 * @param name guild name
	 * @param ownerId the owner's user id
	 * @return the guild
	 */
	public static FakeGuild of(long id, String name, long ownerId) {
		return new FakeGuild(id, name, null, null, ownerId, List.of(), 2, 1);
	}
}
