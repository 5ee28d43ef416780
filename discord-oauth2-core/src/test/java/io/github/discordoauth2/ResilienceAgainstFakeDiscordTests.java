package io.github.discordoauth2;

/**
 * {@link ResilienceAgainstFakeDiscordContract} on the blocking road: backoffs sleep on
 * the calling thread.
 */
class ResilienceAgainstFakeDiscordTests extends ResilienceAgainstFakeDiscordContract {

	ResilienceAgainstFakeDiscordTests() {
		super(Road.BLOCKING);
	}

}
