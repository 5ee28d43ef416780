package io.github.discordoauth2.login;

import java.net.URI;
import java.util.List;

import io.github.discordoauth2.test.DemoData;
import io.github.discordoauth2.test.FakeDiscord;
import io.github.discordoauth2.test.RecordedRequest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the servlet and the WebFlux login tests check alike about a "Login with Discord"
 * that started at {@code /me}.
 */
final class DiscordLoginFlow {

	private DiscordLoginFlow() {
	}

	/**
	 * The browser went from {@code /me} through Discord's authorize page (with PKCE, the
	 * state and the given scopes) and the callback back to {@code /me}.
	 */
	static void assertWentThroughDiscord(List<URI> visited, FakeDiscord fake, String encodedScopes) {
		assertThat(visited).extracting(URI::getPath)
			.containsSubsequence("/me", "/oauth2/authorization/discord", "/oauth2/authorize",
					"/login/oauth2/code/discord", "/me");
		URI authorize = visited.stream()
			.filter((uri) -> uri.getPath().equals("/oauth2/authorize"))
			.findFirst()
			.orElseThrow();
		assertThat(authorize.toString()).startsWith(fake.baseUrl())
			.contains("client_id=" + DemoData.APPLICATION_ID)
			.contains("code_challenge_method=S256")
			.contains("scope=" + encodedScopes)
			.contains("state=");
	}

	/** The calls of Discord's token endpoint that the fake recorded. */
	static List<RecordedRequest> tokenCalls(FakeDiscord fake) {
		return fake.journal()
			.stream()
			.filter((request) -> request.method().equals("POST") && request.path().equals("/api/v10/oauth2/token"))
			.toList();
	}

}
