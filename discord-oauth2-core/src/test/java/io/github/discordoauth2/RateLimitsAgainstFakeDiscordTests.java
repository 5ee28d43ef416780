package io.github.discordoauth2;

/**
 * {@link RateLimitsAgainstFakeDiscordContract} on the blocking road: each caller is a
 * thread that waits in the limiter.
 */
class RateLimitsAgainstFakeDiscordTests extends RateLimitsAgainstFakeDiscordContract {

	RateLimitsAgainstFakeDiscordTests() {
		super(Road.BLOCKING);
	}

}
