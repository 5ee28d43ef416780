package io.github.discordoauth2.login;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.discordoauth2.security.DiscordAuthoritiesChangedEvent;

import org.springframework.context.event.EventListener;

/** Records every {@link DiscordAuthoritiesChangedEvent}, as an audit log would. */
class AuthoritiesEvents {

	final List<DiscordAuthoritiesChangedEvent> events = new CopyOnWriteArrayList<>();

	@EventListener
	void onChange(DiscordAuthoritiesChangedEvent event) {
		this.events.add(event);
	}

}
