package io.github.discordoauth2;

/**
 * {@link RefusedCredentialsAgainstFakeDiscordContract} on the blocking road.
 */
class RefusedCredentialsAgainstFakeDiscordTests extends RefusedCredentialsAgainstFakeDiscordContract {

	RefusedCredentialsAgainstFakeDiscordTests() {
		super(Road.BLOCKING);
	}

}
