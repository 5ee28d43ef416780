package io.github.discordoauth2;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import io.github.discordoauth2.ScriptedServer.Received;
import io.github.discordoauth2.ScriptedServer.Reply;
import io.github.discordoauth2.model.Permissions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The exact requests the core sends, as they arrive over loopback HTTP: form vs JSON,
 * auth kind, what is omitted.
 */
class RequestShapeTests {

	private static final String BASIC = "Basic " + Base64.getEncoder()
		.encodeToString("1100000000000000001:scripted-client-secret".getBytes(StandardCharsets.UTF_8));

	private static final String TOKEN_JSON = """
			{"access_token":"at-1","token_type":"Bearer","expires_in":604800,"refresh_token":"rt-1",
			 "scope":"identify guilds"}""";

	private ScriptedServer server;

	private Client client;

	@BeforeEach
	void start() throws IOException {
		this.server = new ScriptedServer();
		this.client = this.server.client();
	}

	@AfterEach
	void stop() {
		this.server.close();
	}

	@Test
	void codeExchangeIsAFormWithBasicAuthAndTheRedirectUri() {
		this.server.reply(Reply.json(200, TOKEN_JSON));
		Instant now = Instant.parse("2026-01-01T00:00:00Z");
		Client fixed = Client.builder()
			.clientId(1100000000000000001L)
			.clientSecret("scripted-client-secret")
			.redirectUri("http://localhost:8080/callback")
			.baseUrl(this.server.baseUrl())
			.clock(Clock.fixed(now, ZoneOffset.UTC))
			.build();
		AccessToken token = fixed.exchangeCode("the-code", "v".repeat(43));
		Received request = this.server.received().get(0);
		assertThat(request.method()).isEqualTo("POST");
		assertThat(request.path()).isEqualTo("/api/v10/oauth2/token");
		assertThat(request.header("Content-Type")).startsWith("application/x-www-form-urlencoded");
		assertThat(request.header("Authorization")).isEqualTo(BASIC);
		assertThat(request.body()).isEqualTo("grant_type=authorization_code&code=the-code"
				+ "&redirect_uri=http%3A%2F%2Flocalhost%3A8080%2Fcallback&code_verifier=" + "v".repeat(43));
		assertThat(token.token()).isEqualTo("at-1");
		assertThat(token.refreshToken()).isEqualTo("rt-1");
		assertThat(token.tokenType()).isEqualTo("Bearer");
		assertThat(token.scopes()).containsExactly("identify", "guilds");
		assertThat(token.expiresAt()).isEqualTo(now.plusSeconds(604800));
		assertThat(token.isExpired()).isFalse();
		assertThat(token.webhook()).isEmpty();
		assertThat(token.guild()).isEmpty();
		assertThat(token.idToken()).isEmpty();
	}

	@Test
	void publicClientWithPkceSendsClientIdInTheFormAndNoAuthorization() {
		this.server.reply(Reply.json(200, TOKEN_JSON));
		Client publicClient = Client.builder().clientId(1100000000000000001L).baseUrl(this.server.baseUrl()).build();
		publicClient.exchangeCode("c", "v".repeat(43), "http://localhost:8080/callback");
		Received request = this.server.received().get(0);
		assertThat(request.header("Authorization")).isNull();
		assertThat(request.body()).contains("client_id=1100000000000000001").contains("code_verifier=");
	}

	@Test
	void refreshAndClientCredentialsAndRevokeAreFormsWithBasicAuth() {
		this.server.reply(Reply.json(200, TOKEN_JSON));
		this.server.reply(Reply.json(200,
				"{\"access_token\":\"cc\",\"token_type\":\"Bearer\",\"expires_in\":604800,\"scope\":\"identify applications.commands.update\"}"));
		this.server.reply(Reply.json(200, "{}"));
		this.server.reply(new Reply(200, "application/json", new byte[0], Map.of()));
		this.client.refreshToken("rt-0");
		AccessToken cc = this.client.clientCredentialsGrant(Scopes.IDENTIFY, Scopes.APPLICATIONS_COMMANDS_UPDATE);
		this.client.revokeToken("at-9", TokenTypeHint.ACCESS_TOKEN);
		this.client.revokeToken("rt-9");
		List<Received> sent = this.server.received();
		assertThat(sent).allSatisfy((request) -> {
			assertThat(request.method()).isEqualTo("POST");
			assertThat(request.header("Authorization")).isEqualTo(BASIC);
			assertThat(request.header("Content-Type")).startsWith("application/x-www-form-urlencoded");
		});
		assertThat(sent.get(0).body()).isEqualTo("grant_type=refresh_token&refresh_token=rt-0");
		assertThat(sent.get(1).body())
			.isEqualTo("grant_type=client_credentials&scope=identify+applications.commands.update");
		assertThat(sent.get(2).path()).isEqualTo("/api/v10/oauth2/token/revoke");
		assertThat(sent.get(2).body()).isEqualTo("token=at-9&token_type_hint=access_token");
		assertThat(sent.get(3).body()).isEqualTo("token=rt-9");
		assertThat(cc.refreshToken()).isNull();
		assertThat(cc.scopes()).containsExactly("identify", "applications.commands.update");
	}

	@Test
	void tokenExtrasAreTyped() {
		this.server.reply(Reply.json(200, """
				{"access_token":"at","token_type":"Bearer","expires_in":604800,"refresh_token":"rt",
				 "scope":"identify webhook.incoming bot openid","id_token":"header.payload.sig",
				 "webhook":{"id":"1300000000000000001","type":1,"token":"hook-token","channel_id":"2","guild_id":"3",
				  "url":"https://discord.com/api/webhooks/1300000000000000001/hook-token","name":"hook"},
				 "guild":{"id":"1200000000000000002","name":"G","owner_id":"5","roles":[{"id":"1200000000000000002",
				  "name":"@everyone","permissions":"556302458433","color":0,"hoist":false,"position":0,
				  "managed":false,"mentionable":false}],"features":[]}}"""));
		AccessToken token = this.client.exchangeCode("code");
		assertThat(token.webhook()).get().satisfies((webhook) -> {
			assertThat(webhook.id()).isEqualTo(1300000000000000001L);
			assertThat(webhook.token()).isEqualTo("hook-token");
		});
		assertThat(token.guild()).get().satisfies((guild) -> {
			assertThat(guild.id()).isEqualTo(1200000000000000002L);
			assertThat(guild.roles().get(0).permissions()).isEqualTo(Permissions.valueOf(556302458433L));
		});
		assertThat(token.idToken()).contains("header.payload.sig");
		assertThat(token.toString()).doesNotContain("hook-token")
			.doesNotContain("header.payload.sig")
			.doesNotContain("rt,")
			.doesNotContain("token=at");
	}

	@Test
	void joinGuildIsJsonWithBotAuthAndOmitsUnsetOptions() {
		this.server.reply(new Reply(204, "application/json", new byte[0], Map.of()));
		this.server.reply(Reply.json(201,
				"{\"user\":{\"id\":\"7\",\"username\":\"u\"},\"roles\":[\"11\"],\"nick\":\"N\",\"deaf\":false,\"mute\":true,\"flags\":0}"));
		PartialAccessToken token = this.client.fromAccessToken("user-at");
		JoinGuildResult already = token.joinGuild(1200000000000000002L, 7L, JoinGuildOptions.none());
		JoinGuildResult added = token.joinGuild(1200000000000000002L, 7L,
				JoinGuildOptions.builder().nick("N").roles(11L, 1300000000000000001L).mute(true).build());
		List<Received> sent = this.server.received();
		assertThat(sent.get(0).method()).isEqualTo("PUT");
		assertThat(sent.get(0).path()).isEqualTo("/api/v10/guilds/1200000000000000002/members/7");
		assertThat(sent.get(0).header("Authorization")).isEqualTo("Bot scripted-bot-token");
		assertThat(sent.get(0).header("Content-Type")).startsWith("application/json");
		assertThat(sent.get(0).body()).isEqualTo("{\"access_token\":\"user-at\"}");
		assertThat(sent.get(1).body()).isEqualTo(
				"{\"access_token\":\"user-at\",\"nick\":\"N\",\"roles\":[\"11\",\"1300000000000000001\"],\"mute\":true}");
		assertThat(already.alreadyMember()).isTrue();
		assertThat(already.added()).isFalse();
		assertThat(already.member()).isEmpty();
		assertThat(added.added()).isTrue();
		assertThat(added.member()).get().satisfies((member) -> assertThat(member.roles()).containsExactly(11L));
	}

	@Test
	void joinGuildWithoutUserIdAsksIdentifyFirst() {
		this.server.reply(Reply.json(200, "{\"id\":\"80351110224678912\",\"username\":\"nelly\"}"));
		this.server.reply(new Reply(204, "application/json", new byte[0], Map.of()));
		this.client.fromAccessToken("user-at").joinGuild(1200000000000000002L);
		List<Received> sent = this.server.received();
		assertThat(sent.get(0).path()).isEqualTo("/api/v10/users/@me");
		assertThat(sent.get(0).header("Authorization")).isEqualTo("Bearer user-at");
		assertThat(sent.get(1).path()).isEqualTo("/api/v10/guilds/1200000000000000002/members/80351110224678912");
	}

	@Test
	void guildsQueryParameters() {
		this.server.reply(Reply.json(200, "[]"));
		this.server.reply(Reply.json(200, "[]"));
		PartialAccessToken token = this.client.fromAccessToken("user-at");
		token.fetchGuilds();
		token.fetchGuilds(GuildsQuery.builder().before(9).after(3).limit(50).withCounts(true).build());
		assertThat(this.server.received().get(0).query()).isNull();
		assertThat(this.server.received().get(1).query()).isEqualTo("before=9&after=3&limit=50&with_counts=true");
	}

	@Test
	void roleConnectionCallsAreBearerJsonAndClearUsesDelete() {
		this.server.reply(Reply.json(200,
				"{\"platform_name\":\"Game\",\"platform_username\":\"nelly\",\"metadata\":{\"level\":\"7\",\"verified\":\"1\"}}"));
		this.server.reply(Reply.json(200,
				"{\"platform_name\":\"Game\",\"platform_username\":\"nelly\",\"metadata\":{\"level\":\"7\",\"verified\":\"1\"}}"));
		this.server.reply(new Reply(204, "application/json", new byte[0], Map.of()));
		PartialAccessToken token = this.client.fromAccessToken("user-at");
		java.util.Map<String, Object> values = new java.util.LinkedHashMap<>();
		values.put("level", 7);
		values.put("verified", true);
		token.updateMetadata("Game", "nelly", values);
		token.fetchMetadata();
		token.clearMetadata();
		List<Received> sent = this.server.received();
		assertThat(sent).extracting(Received::method).containsExactly("PUT", "GET", "DELETE");
		assertThat(sent).allSatisfy((request) -> {
			assertThat(request.path()).isEqualTo("/api/v10/users/@me/applications/1100000000000000001/role-connection");
			assertThat(request.header("Authorization")).isEqualTo("Bearer user-at");
		});
		assertThat(sent.get(0).body()).isEqualTo(
				"{\"platform_name\":\"Game\",\"platform_username\":\"nelly\",\"metadata\":{\"level\":7,\"verified\":1}}");
	}

	@Test
	void metadataRecordsArePutAsJsonWithBotAuth() {
		this.server.reply(Reply.json(200,
				"[{\"type\":7,\"key\":\"verified\",\"name\":\"Verified\",\"description\":\"Has verified\"}]"));
		this.server.reply(Reply.json(200,
				"[{\"type\":7,\"key\":\"verified\",\"name\":\"Verified\",\"description\":\"Has verified\"}]"));
		var stored = this.client
			.updateLinkedRolesMetadata(List.of(new io.github.discordoauth2.model.RoleConnectionMetadata(
					io.github.discordoauth2.model.RoleConnectionMetadataType.BOOLEAN_EQUAL, "verified", "Verified",
					"Has verified")));
		var read = this.client.fetchLinkedRolesMetadata();
		List<Received> sent = this.server.received();
		assertThat(sent.get(0).method()).isEqualTo("PUT");
		assertThat(sent.get(0).path()).isEqualTo("/api/v10/applications/1100000000000000001/role-connections/metadata");
		assertThat(sent.get(0).header("Authorization")).isEqualTo("Bot scripted-bot-token");
		assertThat(sent.get(0).body())
			.isEqualTo("[{\"type\":7,\"key\":\"verified\",\"name\":\"Verified\",\"description\":\"Has verified\"}]");
		assertThat(sent.get(1).method()).isEqualTo("GET");
		assertThat(stored).isEqualTo(read).hasSize(1);
	}

	@Test
	void authorizationInfoIsBearer() {
		this.server.reply(Reply.json(200,
				"{\"application\":{\"id\":\"1100000000000000001\",\"name\":\"Demo\"},\"scopes\":[\"identify\"],\"expires\":\"2026-12-05T21:58:09.123000+00:00\"}"));
		var info = this.client.fromAccessToken("user-at").fetchAuthorization();
		assertThat(this.server.received().get(0).path()).isEqualTo("/api/v10/oauth2/@me");
		assertThat(info.scopes()).containsExactly("identify");
		assertThat(info.user()).isNull();
	}

}
