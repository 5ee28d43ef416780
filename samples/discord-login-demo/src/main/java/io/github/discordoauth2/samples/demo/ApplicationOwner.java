package io.github.discordoauth2.samples.demo;

import io.github.discordoauth2.Client;
import io.github.discordoauth2.exceptions.DiscordOAuth2Exception;
import io.github.discordoauth2.security.DiscordOAuth2User;
import org.jspecify.annotations.Nullable;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/**
 * Who owns the Discord application, and so may replace its linked-roles metadata records
 * (with the bot token) and sync every user: {@code demo.owner-id} when set, else the
 * owner Discord reports for the bot's application ({@code GET /oauth2/applications/@me},
 * for a team's application the team's owner), asked once.
 */
@Component
final class ApplicationOwner {

	private final DemoProperties demo;

	private final Client client;

	private volatile @Nullable Long owner;

	ApplicationOwner(DemoProperties demo, Client client) {
		this.demo = demo;
		this.client = client;
	}

	/** Whether the logged-in user owns the application. */
	boolean isOwner(@Nullable Authentication authentication) {
		if (authentication == null || !(authentication.getPrincipal() instanceof DiscordOAuth2User user)) {
			return false;
		}
		Long id = ownerId();
		return id != null && id == user.id();
	}

	private @Nullable Long ownerId() {
		Long configured = this.demo.ownerId();
		if (configured != null) {
			return configured;
		}
		Long known = this.owner;
		if (known == null && this.client.hasBotToken()) {
			known = fetchOwner();
			this.owner = known;
		}
		return known;
	}

	private @Nullable Long fetchOwner() {
		try {
			return this.client.fetchApplication().ownerUserId();
		}
		catch (DiscordOAuth2Exception ex) {
			// Bot token refused or Discord unreachable: nobody counts as the owner for
			// now, and the next page asks again.
			return null;
		}
	}

}
