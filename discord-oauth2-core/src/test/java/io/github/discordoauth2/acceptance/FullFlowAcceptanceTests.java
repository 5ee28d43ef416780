package io.github.discordoauth2.acceptance;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.github.discordoauth2.AccessToken;
import io.github.discordoauth2.AuthorizationRequest;
import io.github.discordoauth2.Client;
import io.github.discordoauth2.JoinGuildOptions;
import io.github.discordoauth2.JoinGuildResult;
import io.github.discordoauth2.Pkce;
import io.github.discordoauth2.Prompt;
import io.github.discordoauth2.Scopes;
import io.github.discordoauth2.exceptions.ForbiddenException;
import io.github.discordoauth2.exceptions.HttpException;
import io.github.discordoauth2.model.PartialGuild;
import io.github.discordoauth2.model.RoleConnection;
import io.github.discordoauth2.model.RoleConnectionMetadata;
import io.github.discordoauth2.model.RoleConnectionMetadataType;
import io.github.discordoauth2.model.User;
import io.github.discordoauth2.test.DemoData;
import io.github.discordoauth2.test.FakeDiscord;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The "done when": a program using only the public names of API.md (this package
 * sees nothing else) runs the whole flow against FakeDiscord, an independent Discord
 * stand-in, over loopback HTTP.
 */
class FullFlowAcceptanceTests {

	@Test
	void theWholeFlowRunsOnThePublicApiOnly() throws IOException {
		try (FakeDiscord fake = FakeDiscord.builder()
			.demoData()
			.autoApprove(true)
			.applicationOwner(DemoData.USER_ID)
			.start()) {
			Client client = Client.builder()
				.clientId(DemoData.APPLICATION_ID)
				.clientSecret(DemoData.CLIENT_SECRET)
				.redirectUri(DemoData.REDIRECT_URI)
				.botToken(DemoData.BOT_TOKEN)
				.baseUrl(fake.baseUrl())
				.build();

			// Authorize: the fake approves at once and redirects with code and state.
			String state = AuthorizationRequest.randomState();
			Map<String, String> callback = approve(client.generateUri(AuthorizationRequest.builder()
				.scopes(Scopes.IDENTIFY, Scopes.EMAIL, Scopes.CONNECTIONS, Scopes.GUILDS, Scopes.GUILDS_JOIN,
						Scopes.GUILDS_MEMBERS_READ, Scopes.ROLE_CONNECTIONS_WRITE)
				.state(state)
				.prompt(Prompt.CONSENT)
				.build()));
			assertThat(callback.get("state")).isEqualTo(state);

			// Exchange without PKCE.
			AccessToken token = client.exchangeCode(callback.get("code"));
			assertThat(token.scopes()).contains(Scopes.IDENTIFY, Scopes.ROLE_CONNECTIONS_WRITE);
			assertThat(token.isExpired()).isFalse();

			// Exchange with PKCE.
			Pkce pkce = Pkce.create();
			Map<String, String> pkceCallback = approve(client.generateUri(
					AuthorizationRequest.builder().scopes(Scopes.IDENTIFY).codeChallenge(pkce.challenge()).build()));
			AccessToken pkceToken = client.exchangeCode(pkceCallback.get("code"), pkce.verifier());
			assertThat(pkceToken.fetchIdentify().id()).isEqualTo(DemoData.USER_ID);

			// Identify, connections, guilds, member.
			User user = token.fetchIdentify();
			assertThat(user.id()).isEqualTo(DemoData.USER_ID);
			assertThat(user.email()).isEqualTo(DemoData.EMAIL);
			assertThat(token.fetchConnections()).isNotEmpty();
			List<PartialGuild> guilds = token.fetchGuilds();
			assertThat(guilds).extracting(PartialGuild::id).contains(DemoData.OWNED_GUILD_ID);
			assertThat(token.fetchGuildMember(DemoData.MEMBER_GUILD_ID).nick()).isEqualTo(DemoData.MEMBER_GUILD_NICK);

			// Metadata records, then the user's role connection: update, read, clear.
			List<RoleConnectionMetadata> records = client.updateLinkedRolesMetadata(List.of(
					new RoleConnectionMetadata(RoleConnectionMetadataType.BOOLEAN_EQUAL, "verified", "Verified",
							"Verified player"),
					new RoleConnectionMetadata(RoleConnectionMetadataType.INTEGER_GREATER_THAN_OR_EQUAL, "level",
							"Level", "Minimum level"),
					new RoleConnectionMetadata(RoleConnectionMetadataType.DATETIME_GREATER_THAN_OR_EQUAL, "since",
							"Since", "Playing since")));
			assertThat(records).hasSize(3);
			Map<String, Object> values = new HashMap<>();
			values.put("verified", true);
			values.put("level", 30);
			values.put("since", OffsetDateTime.of(2020, 5, 1, 8, 0, 0, 0, ZoneOffset.ofHours(2)));
			RoleConnection updated = token.updateMetadata("Demo Game", "demo_player", values);
			assertThat(updated.metadata()).containsEntry("verified", "1").containsEntry("level", "30");
			assertThat(token.fetchMetadata().platformUsername()).isEqualTo("demo_player");
			token.clearMetadata();
			assertThat(token.fetchMetadata().metadata()).isEmpty();

			// Join twice: added, then already a member; both succeed.
			JoinGuildResult first = token.joinGuild(DemoData.JOIN_GUILD_ID,
					JoinGuildOptions.builder().nick("player").build());
			assertThat(first.added()).isTrue();
			JoinGuildResult second = token.joinGuild(DemoData.JOIN_GUILD_ID);
			assertThat(second.alreadyMember()).isTrue();

			// Refresh: the new token works, the old refresh token is spent.
			AccessToken refreshed = client.refreshToken(token.refreshToken());
			assertThat(refreshed.fetchIdentify().id()).isEqualTo(DemoData.USER_ID);
			assertThatExceptionOfType(HttpException.class).isThrownBy(() -> client.refreshToken(token.refreshToken()))
				.withMessageContaining("must authorize again");

			// Client credentials: a token for the owner, without refresh token.
			AccessToken owner = client.clientCredentialsGrant(Scopes.IDENTIFY);
			assertThat(owner.refreshToken()).isNull();

			// Revoke: afterwards the token is refused.
			refreshed.revoke();
			assertThatExceptionOfType(ForbiddenException.class).isThrownBy(refreshed::fetchIdentify);
		}
	}

	/**
	 * Opens the authorize URL like a browser would and reads the query of the redirect it
	 * answers with.
	 */
	private static Map<String, String> approve(URI authorizeUri) throws IOException {
		HttpURLConnection connection = (HttpURLConnection) authorizeUri.toURL().openConnection();
		connection.setInstanceFollowRedirects(false);
		try {
			assertThat(connection.getResponseCode()).isEqualTo(302);
			URI location = URI.create(connection.getHeaderField("Location"));
			assertThat(location.toString()).startsWith(DemoData.REDIRECT_URI);
			Map<String, String> query = new HashMap<>();
			for (String pair : location.getRawQuery().split("&")) {
				String[] parts = pair.split("=", 2);
				query.put(URLDecoder.decode(parts[0], StandardCharsets.UTF_8),
						URLDecoder.decode(parts[1], StandardCharsets.UTF_8));
			}
			return query;
		}
		finally {
			connection.disconnect();
		}
	}

}
