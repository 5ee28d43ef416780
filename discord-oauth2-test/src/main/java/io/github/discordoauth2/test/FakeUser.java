package io.github.discordoauth2.test;

import org.jspecify.annotations.Nullable;

/**
 * A Discord user seeded into the fake.
 *
 * @param id snowflake id
 * @param username unique username (migrated users have discriminator {@code "0"})
 * @param globalName display name, or null
 * @param avatar avatar hash, or null for the default avatar
 * @param email e-mail address, returned only with the {@code email} scope; may be null
 * @param verified whether the e-mail is verified, returned only with the {@code email}
 * scope
 * @param locale the user's chosen language, e.g. {@code en-US}
 * @param mfaEnabled whether two-factor authentication is on
 * @param premiumType Nitro level (0 none, 1 classic, 2 Nitro, 3 basic)
 * @param publicFlags public account flags
 * @since 0.1.0
 */
public record FakeUser(long id, String username, @Nullable String globalName, @Nullable String avatar,
		@Nullable String email, boolean verified, String locale, boolean mfaEnabled, int premiumType, int publicFlags) {

	/**
	 * A plain user with no avatar, no e-mail and English locale.
	 * @param id snowflake id
	 * @param username unique username
	 * @return the user
	 */
	public static FakeUser of(long id, String username) {
		return new FakeUser(id, username, null, null, null, false, "en-US", false, 0, 0);
	}

	/**
	 * This user with the given e-mail, verified.
	 * @param email the e-mail address
	 * @return a copy with that e-mail
	 */
	public FakeUser withEmail(String email) {
		return new FakeUser(this.id, this.username, this.globalName, this.avatar, email, true, this.locale,
				this.mfaEnabled, this.premiumType, this.publicFlags);
	}

	/**
	 * This user with the given display name.
	 * @param globalName the display name
	 * @return a copy with that display name
	 */
	public FakeUser withGlobalName(String globalName) {
		return new FakeUser(this.id, this.username, globalName, this.avatar, this.email, this.verified, this.locale,
				this.mfaEnabled, this.premiumType, this.publicFlags);
	}

	/**
	 * This user with the given avatar hash.
	 * @param avatar the avatar hash
	 * @return a copy with that avatar
	 */
	public FakeUser withAvatar(String avatar) {
		return new FakeUser(this.id, this.username, this.globalName, avatar, this.email, this.verified, this.locale,
				this.mfaEnabled, this.premiumType, this.publicFlags);
	}
}
