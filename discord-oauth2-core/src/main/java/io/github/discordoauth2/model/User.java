package io.github.discordoauth2.model;

import org.jspecify.annotations.Nullable;

/**
 * A Discord user ({@code GET /users/@me}). {@code email} and {@code verified} are present
 * only with the {@code email} scope.
 *
 * @param id the user's snowflake id
 * @param username the unique username
 * @param discriminator {@code "0"} for users on the new username system, else the legacy
 * four digits
 * @param globalName the display name, or {@code null}
 * @param avatar the avatar hash, or {@code null}
 * @param bot whether the user is a bot, or {@code null} when absent
 * @param system whether the user is an official Discord system user, or {@code null}
 * @param mfaEnabled whether two-factor authentication is enabled, or {@code null}
 * @param banner the banner hash, or {@code null}
 * @param accentColor the banner colour as an RGB integer, or {@code null}
 * @param locale the chosen language, or {@code null}
 * @param verified whether the email is verified (scope {@code email}), or {@code null}
 * @param email the email (scope {@code email}), or {@code null}
 * @param flags the user's flags, or {@code null}
 * @param premiumType the Nitro type (0 none, 1 classic, 2 Nitro, 3 basic), or
 * {@code null}
 * @param publicFlags the public flags, or {@code null}
 * @since 0.1.0
 */
public record User(long id, String username, @Nullable String discriminator, @Nullable String globalName,
		@Nullable String avatar, @Nullable Boolean bot, @Nullable Boolean system, @Nullable Boolean mfaEnabled,
		@Nullable String banner, @Nullable Integer accentColor, @Nullable String locale, @Nullable Boolean verified,
		@Nullable String email, @Nullable Long flags, @Nullable Integer premiumType, @Nullable Long publicFlags) {

	/**
	 * Creates a user with only the always-present fields.
	 * @param id the snowflake id
	 * @param username the username
	 */
	public User(long id, String username) {
		this(id, username, "0", null, null, null, null, null, null, null, null, null, null, null, null, null);
	}

	/**
	 * @return the name to show: the global display name when set, else the username
	 */
	public String displayName() {
		return (this.globalName != null && !this.globalName.isBlank()) ? this.globalName : this.username;
	}

	/**
	 * @return the avatar URL on Discord's CDN, or the default avatar's URL when the user
	 * has none
	 */
	public String avatarUrl() {
		return (this.avatar != null) ? Cdn.image("avatars", this.id, this.avatar) : defaultAvatarUrl();
	}

	/**
	 * @return the URL of the default avatar Discord shows for this user
	 */
	public String defaultAvatarUrl() {
		long index;
		if (this.discriminator == null || this.discriminator.isEmpty() || "0".equals(this.discriminator)) {
			index = (this.id >>> 22) % 6;
		}
		else {
			index = parseOrZero(this.discriminator) % 5;
		}
		return Cdn.BASE + "/embed/avatars/" + index + ".png";
	}

	/**
	 * @return the banner URL on Discord's CDN, or {@code null} when the user has no
	 * banner
	 */
	public @Nullable String bannerUrl() {
		return (this.banner != null) ? Cdn.image("banners", this.id, this.banner) : null;
	}

	private static long parseOrZero(String digits) {
		try {
			return Long.parseLong(digits);
		}
		catch (NumberFormatException ex) {
			return 0;
		}
	}

}
