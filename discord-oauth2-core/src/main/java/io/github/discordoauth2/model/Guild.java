package io.github.discordoauth2.model;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The guild a bot was added to through the authorization-code grant (the token response's
 * {@code guild}).
 *
 * @param id the guild's snowflake id
 * @param name the guild name
 * @param icon the icon hash, or {@code null}
 * @param banner the banner hash, or {@code null}
 * @param description the description, or {@code null}
 * @param ownerId the owner's user id, or {@code null}
 * @param roles the guild's roles
 * @param features the guild's feature names
 * @param preferredLocale the preferred locale, or {@code null}
 * @since 0.1.0
 */
public record Guild(long id, String name, @Nullable String icon, @Nullable String banner, @Nullable String description,
		@Nullable Long ownerId, List<Role> roles, List<String> features, @Nullable String preferredLocale) {

	/**
	 * Normalises missing lists to empty ones.
	 * @param id the guild's snowflake id
	 * @param name the guild name
	 * @param icon the icon hash, or {@code null}
	 * @param banner the banner hash, or {@code null}
	 * @param description the description, or {@code null}
	 * @param ownerId the owner's user id, or {@code null}
	 * @param roles the guild's roles
	 * @param features the guild's feature names
	 * @param preferredLocale the preferred locale, or {@code null}
	 */
	public Guild {
		roles = (roles != null) ? List.copyOf(roles) : List.of();
		features = (features != null) ? List.copyOf(features) : List.of();
	}

	/**
	 * @return the icon URL on Discord's CDN, or {@code null} when the guild has no icon
	 */
	public @Nullable String iconUrl() {
		return (this.icon != null) ? Cdn.image("icons", this.id, this.icon) : null;
	}

}
