package io.github.discordoauth2.login;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.discordoauth2.security.tokens.DiscordTokensRemovedEvent;

import org.springframework.context.event.EventListener;

/**
 * Records every {@link DiscordTokensRemovedEvent}, as an application's own copy would.
 */
class TokenEvents {

	final List<DiscordTokensRemovedEvent> removed = new CopyOnWriteArrayList<>();

	@EventListener
	void onRemoved(DiscordTokensRemovedEvent event) {
		this.removed.add(event);
	}

}
