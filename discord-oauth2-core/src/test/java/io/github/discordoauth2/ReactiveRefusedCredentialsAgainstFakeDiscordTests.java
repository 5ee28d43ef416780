package io.github.discordoauth2;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;

/**
 * {@link RefusedCredentialsAgainstFakeDiscordContract} on the non-blocking road, with
 * BlockHound on.
 */
@Tag("reactive")
class ReactiveRefusedCredentialsAgainstFakeDiscordTests extends RefusedCredentialsAgainstFakeDiscordContract {

	ReactiveRefusedCredentialsAgainstFakeDiscordTests() {
		super(new ReactiveRoad());
	}

	@BeforeAll
	static void blockHound() {
		ReactiveTesting.installBlockHound();
	}

}
