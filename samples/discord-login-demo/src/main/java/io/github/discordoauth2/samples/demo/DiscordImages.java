package io.github.discordoauth2.samples.demo;

import io.github.discordoauth2.model.PartialGuild;
import io.github.discordoauth2.model.User;

import org.springframework.stereotype.Component;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Picks image URLs for avatars and server icons. With real Discord they are the CDN URLs
 * from the core models; in demo mode the CDN is not there (FakeDiscord's hashes are made
 * up, and the demo must work offline), so the app draws initials instead.
 */
@Component
final class DiscordImages {

	private final boolean embedded;

	DiscordImages(DemoProperties demo) {
		this.embedded = demo.embedded();
	}

	String avatar(User user) {
		return this.embedded ? placeholder(user.displayName(), user.id()) : user.avatarUrl();
	}

	/**
	 * The server's icon, or its initials when it has none (as Discord's own client shows
	 * it).
	 */
	String icon(PartialGuild guild) {
		String cdn = guild.iconUrl();
		return this.embedded || cdn == null ? placeholder(guild.name(), guild.id()) : cdn;
	}

	/** Initials for a server known only by name and id (before the user joined it). */
	String icon(String name, long id) {
		return placeholder(name, id);
	}

	private static String placeholder(String name, long id) {
		return UriComponentsBuilder.fromPath(PlaceholderImageController.PATH)
			.queryParam("text", PlaceholderImageController.initials(name))
			.queryParam("seed", id)
			.build()
			.toUriString();
	}

}
