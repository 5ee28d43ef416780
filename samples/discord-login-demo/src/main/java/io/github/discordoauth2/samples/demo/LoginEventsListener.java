package io.github.discordoauth2.samples.demo;

import io.github.discordoauth2.security.DiscordLoginEvent;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Hears about each login. A real app would store
 * {@code event.accessToken().refreshToken()} here to update linked roles later without
 * the user; the demo only logs the login (never a token).
 */
@Component
final class LoginEventsListener {

	private static final Log log = LogFactory.getLog(LoginEventsListener.class);

	@EventListener
	void onLogin(DiscordLoginEvent event) {
		log.info("Discord login: user " + event.user().id() + " (" + event.user().username() + "), scopes "
				+ event.accessToken().scopes() + ", refresh token "
				+ (event.accessToken().refreshToken() != null ? "received" : "none"));
	}

}
