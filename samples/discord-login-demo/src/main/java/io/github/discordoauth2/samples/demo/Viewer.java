package io.github.discordoauth2.samples.demo;

import io.github.discordoauth2.model.User;
import org.jspecify.annotations.Nullable;

/**
 * Who looks at a page, for the top bar.
 *
 * @param loggedIn whether a Discord user or the local account is logged in
 * @param name the display name (the local account's name), empty when logged out
 * @param avatarUrl the avatar, when logged in
 */
record Viewer(boolean loggedIn, String name, @Nullable String avatarUrl) {

	static final Viewer ANONYMOUS = new Viewer(false, "", null);

	static Viewer of(User user, DiscordImages images) {
		return new Viewer(true, user.displayName(), images.avatar(user));
	}
}
