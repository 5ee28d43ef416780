package io.github.discordoauth2;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.github.discordoauth2.DiscordRequest.Auth;
import io.github.discordoauth2.model.RoleConnectionMetadata;
import io.github.discordoauth2.model.RoleConnectionMetadataType;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpMethod;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The shape of every call both roads send, as {@link Requests} and {@link UserRequests}
 * describe it, without a server: method, route template and its parameters, auth kind,
 * body, whether it may be repeated, and what is kept out of messages.
 */
class RequestCatalogueTests {

	private static final long CLIENT_ID = 1100000000000000001L;

	private static final String REDIRECT_URI = "http://localhost:8080/callback";

	private final Requests requests = requests("client-secret", "bot-token", REDIRECT_URI);

	private final UserRequests user = this.requests.forToken("user-token");

	private static Requests requests(@Nullable String secret, @Nullable String botToken, @Nullable String redirectUri) {
		return new Requests(new ClientSettings(CLIENT_ID, new Credentials(CLIENT_ID, secret, botToken), redirectUri,
				"https://discord.com", Clock.systemUTC(), RateLimitHook.NONE, Duration.ZERO, Duration.ofSeconds(1),
				Duration.ofSeconds(1)));
	}

	private static void assertShape(DiscordRequest request, HttpMethod method, String route, Auth auth) {
		assertThat(request.method).isEqualTo(method);
		assertThat(request.route).isEqualTo(route);
		assertThat(request.auth).isEqualTo(auth);
	}

	@Test
	void aCodeExchangeIsAFormWithBasicAuthThatIsNeverRepeated() {
		DiscordRequest request = this.requests.exchangeCode("the-code", "the-verifier");
		assertShape(request, HttpMethod.POST, "/oauth2/token", Auth.BASIC);
		assertThat(request.form).containsExactly(Map.entry("grant_type", "authorization_code"),
				Map.entry("code", "the-code"), Map.entry("redirect_uri", REDIRECT_URI),
				Map.entry("code_verifier", "the-verifier"));
		assertThat(request.json).isNull();
		assertThat(request.retryable).isFalse();
		assertThat(request.secrets).containsExactly("the-code", "the-verifier");
		assertThat(this.requests.exchangeCode("c", null, "https://example.com/cb").form)
			.containsEntry("redirect_uri", "https://example.com/cb")
			.doesNotContainKey("code_verifier");
	}

	@Test
	void aPublicClientProvesItselfWithTheVerifierAndItsIdInTheForm() {
		Requests publicClient = requests(null, null, REDIRECT_URI);
		DiscordRequest request = publicClient.exchangeCode("the-code", "the-verifier");
		assertShape(request, HttpMethod.POST, "/oauth2/token", Auth.NONE);
		assertThat(request.form).containsEntry("client_id", "1100000000000000001");
		assertThatIllegalStateException().isThrownBy(() -> publicClient.exchangeCode("the-code", null))
			.withMessageContaining("clientSecret");
		assertThatIllegalStateException().isThrownBy(() -> requests("s", null, null).exchangeCode("the-code", null))
			.withMessageContaining("redirectUri");
	}

	@Test
	void refreshClientCredentialsAndRevokeAreFormsWithBasicAuth() {
		DiscordRequest refresh = this.requests.refresh("the-refresh-token");
		assertShape(refresh, HttpMethod.POST, "/oauth2/token", Auth.BASIC);
		assertThat(refresh.form).containsExactly(Map.entry("grant_type", "refresh_token"),
				Map.entry("refresh_token", "the-refresh-token"));
		assertThat(refresh.secrets).containsExactly("the-refresh-token");

		DiscordRequest grant = this.requests.clientCredentials(List.of("identify", "connections", "identify"));
		assertShape(grant, HttpMethod.POST, "/oauth2/token", Auth.BASIC);
		assertThat(grant.form).containsExactly(Map.entry("grant_type", "client_credentials"),
				Map.entry("scope", "identify connections"));

		DiscordRequest revoke = this.requests.revoke("the-token", TokenTypeHint.REFRESH_TOKEN);
		assertShape(revoke, HttpMethod.POST, "/oauth2/token/revoke", Auth.BASIC);
		assertThat(revoke.form).containsExactly(Map.entry("token", "the-token"),
				Map.entry("token_type_hint", "refresh_token"));
		assertThat(revoke.secrets).containsExactly("the-token");
		assertThat(this.requests.revoke("the-token", null).form).containsOnlyKeys("token");
	}

	@Test
	void theApplicationsOwnCallsUseTheBotToken() {
		List<RoleConnectionMetadata> records = List
			.of(new RoleConnectionMetadata(RoleConnectionMetadataType.BOOLEAN_EQUAL, "verified", "Verified", "Is"));
		DiscordRequest update = this.requests.updateLinkedRolesMetadata(records);
		assertShape(update, HttpMethod.PUT, "/applications/{application_id}/role-connections/metadata", Auth.BOT);
		assertThat(update.params).containsExactly(Map.entry("application_id", "1100000000000000001"));
		assertThat(update.json).isEqualTo(records);

		DiscordRequest fetch = this.requests.fetchLinkedRolesMetadata();
		assertShape(fetch, HttpMethod.GET, "/applications/{application_id}/role-connections/metadata", Auth.BOT);
		assertThat(fetch.json).isNull();
		assertShape(this.requests.fetchApplication(), HttpMethod.GET, "/oauth2/applications/@me", Auth.BOT);
		assertThatIllegalStateException().isThrownBy(() -> requests("s", null, null).fetchApplication())
			.withMessageContaining("botToken");
	}

	@Test
	void aUsersReadsAreGetsWithTheTokenAsBearer() {
		DiscordRequest identify = this.user.identify();
		assertShape(identify, HttpMethod.GET, "/users/@me", Auth.BEARER);
		assertThat(identify.bearerAuthorization).isEqualTo("Bearer user-token");
		assertThat(identify.bearerIdentity).isEqualTo(Secrets.identity("Bearer user-token"));
		assertThat(identify.form).isNull();
		assertThat(identify.json).isNull();
		assertShape(this.user.connections(), HttpMethod.GET, "/users/@me/connections", Auth.BEARER);
		assertShape(this.user.authorization(), HttpMethod.GET, "/oauth2/@me", Auth.BEARER);

		DiscordRequest guilds = this.user.guilds(GuildsQuery.builder().after(5).limit(10).withCounts(true).build());
		assertShape(guilds, HttpMethod.GET, "/users/@me/guilds", Auth.BEARER);
		assertThat(guilds.query).containsExactly(Map.entry("after", "5"), Map.entry("limit", "10"),
				Map.entry("with_counts", "true"));
		assertThat(this.user.guilds(GuildsQuery.builder().build()).query).isEmpty();

		DiscordRequest member = this.user.guildMember(1200000000000000002L);
		assertShape(member, HttpMethod.GET, "/users/@me/guilds/{guild_id}/member", Auth.BEARER);
		assertThat(member.params).containsExactly(Map.entry("guild_id", "1200000000000000002"));
	}

	@Test
	void aJoinIsAPutWithTheBotTokenAndTheUsersTokenInItsBody() {
		DiscordRequest join = this.user.joinGuild(7, 8, JoinGuildOptions.builder().nick("newbie").mute(true).build());
		assertShape(join, HttpMethod.PUT, "/guilds/{guild_id}/members/{user_id}", Auth.BOT);
		assertThat(join.params).containsExactly(Map.entry("guild_id", "7"), Map.entry("user_id", "8"));
		assertThat(join.json).isEqualTo(Map.of("access_token", "user-token", "nick", "newbie", "mute", true));
		assertThat(join.secrets).containsExactly("user-token");
		assertThatIllegalStateException()
			.isThrownBy(() -> requests("s", null, null).forToken("t").checkJoinGuild(7, JoinGuildOptions.none()))
			.withMessageContaining("botToken");
	}

	@Test
	void theRoleConnectionIsReadSetAndClearedOnOneRoute() {
		String route = "/users/@me/applications/{application_id}/role-connection";
		assertShape(this.user.fetchMetadata(), HttpMethod.GET, route, Auth.BEARER);
		assertShape(this.user.clearMetadata(), HttpMethod.DELETE, route, Auth.BEARER);
		DiscordRequest update = this.user.updateMetadata("Game", null, Map.of("verified", true));
		assertShape(update, HttpMethod.PUT, route, Auth.BEARER);
		assertThat(update.params).containsExactly(Map.entry("application_id", "1100000000000000001"));
		assertThat(update.json).isEqualTo(Map.of("platform_name", "Game", "metadata", Map.of("verified", 1)));
	}

}
