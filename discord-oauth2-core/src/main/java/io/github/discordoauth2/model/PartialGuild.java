package io.github.discordoauth2.model;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A guild the user is in ({@code GET /users/@me/guilds}, scope {@code guilds}).
 *
 * @param id the guild's snowflake id
 * @param name the guild name
 * @param icon the icon hash, or {@code null}
 * @param banner the banner hash, or {@code null}
 * @param owner whether the user owns the guild
 * @param permissions the user's permissions in the guild, as Discord computes them from
 * the user's roles (channel overwrites are not counted); {@link Permissions#NONE} when
 * absent
 * @param features the guild's feature names
 * @param approximateMemberCount approximate member count (only when asked with counts),
 * or {@code null}
 * @param approximatePresenceCount approximate online count (only when asked with counts),
 * or {@code null}
 * @since 0.1.0
 */
public record PartialGuild(long id, String name, @Nullable String icon, @Nullable String banner, boolean owner,
		Permissions permissions, List<String> features, @Nullable Integer approximateMemberCount,
		@Nullable Integer approximatePresenceCount) {

	/**
	 * Normalises a missing feature list to an empty one.
	 * @param id the guild's snowflake id
	 * @param name the guild name
	 * @param icon the icon hash, or {@code null}
	 * @param banner the banner hash, or {@code null}
	 * @param owner whether the user owns the guild
	 * @param permissions the user's permissions in the guild; {@link Permissions#NONE}
	 * when absent
	 * @param features the guild's feature names
	 * @param approximateMemberCount approximate member count (only when asked with
	 * counts), or {@code null}
	 * @param approximatePresenceCount approximate online count (only when asked with
	 * counts), or {@code null}
	 */
	public PartialGuild {
		permissions = (permissions != null) ? permissions : Permissions.NONE;
		features = (features != null) ? List.copyOf(features) : List.of();
	}

	/**
	 * @return the icon URL on Discord's CDN, or {@code null} when the guild has no icon
	 */
	public @Nullable String iconUrl() {
		return (this.icon != null) ? Cdn.image("icons", this.id, this.icon) : null;
	}

	/**
	 * @return the banner URL on Discord's CDN, or {@code null} when the guild has no
	 * banner
	 */
	public @Nullable String bannerUrl() {
		return (this.banner != null) ? Cdn.image("banners", this.id, this.banner) : null;
	}

	/**
	 * Tells whether the user has a permission in this guild: the owner has all, and
	 * {@link Permission#ADMINISTRATOR} grants all.
	 * @param permission the permission, for example {@link Permission#MANAGE_GUILD}
	 * @return whether the user owns the guild or {@link #permissions()} grants it
	 */
	public boolean hasPermission(Permission permission) {
		return this.owner || this.permissions.has(permission);
	}

}
