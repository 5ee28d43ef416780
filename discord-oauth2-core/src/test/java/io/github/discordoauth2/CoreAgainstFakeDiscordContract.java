package io.github.discordoauth2;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.discordoauth2.exceptions.DiscordIoException;
import io.github.discordoauth2.exceptions.ForbiddenException;
import io.github.discordoauth2.exceptions.HttpException;
import io.github.discordoauth2.exceptions.InvalidGrantException;
import io.github.discordoauth2.exceptions.RateLimitedException;
import io.github.discordoauth2.model.Application;
import io.github.discordoauth2.model.AuthorizationInfo;
import io.github.discordoauth2.model.Connection;
import io.github.discordoauth2.model.GuildMember;
import io.github.discordoauth2.model.PartialGuild;
import io.github.discordoauth2.model.RoleConnection;
import io.github.discordoauth2.model.RoleConnectionMetadata;
import io.github.discordoauth2.model.RoleConnectionMetadataType;
import io.github.discordoauth2.model.User;
import io.github.discordoauth2.test.DemoData;
import io.github.discordoauth2.test.FakeDiscord;
import io.github.discordoauth2.test.FakeDiscordExtension;
import io.github.discordoauth2.test.Fault;
import io.github.discordoauth2.test.RecordedRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Every public call against FakeDiscord over loopback HTTP, on either road: its success,
 * its documented failures, and the exact request it sent as the fake's journal recorded
 * it. Written once; {@link CoreAgainstFakeDiscordTests} runs it on the blocking road and
 * {@link ReactiveCoreAgainstFakeDiscordTests} on the non-blocking one, each beside the
 * cases only its road has. A fresh fake per test, so state never leaks.
 */
abstract class CoreAgainstFakeDiscordContract {

	static final Set<String> ALL_SCOPES = Set.of("identify", "email", "connections", "guilds", "guilds.join",
			"guilds.members.read", "role_connections.write");

	@RegisterExtension
	final FakeDiscordExtension discord = FakeDiscordExtension.configure(
			(b) -> b.demoData().autoApprove(true).allowLoopbackRedirects(true).applicationOwner(DemoData.USER_ID));

	/** The road every call of this suite takes. */
	final Road road;

	FakeDiscord fake;

	Client client;

	CoreAgainstFakeDiscordContract(Road road) {
		this.road = road;
	}

	@BeforeEach
	void setUp() {
		this.fake = this.discord.fake();
		this.client = Client.builder()
			.clientId(DemoData.APPLICATION_ID)
			.clientSecret(DemoData.CLIENT_SECRET)
			.botToken(DemoData.BOT_TOKEN)
			.redirectUri(DemoData.REDIRECT_URI)
			.baseUrl(this.fake.baseUrl())
			.build();
	}

	AccessToken login(Set<String> scopes) {
		String code = this.fake.createAuthorizationCode(DemoData.USER_ID, DemoData.REDIRECT_URI, scopes);
		return this.road.exchangeCode(this.client, code);
	}

	RecordedRequest last() {
		List<RecordedRequest> journal = journal();
		return journal.get(journal.size() - 1);
	}

	List<RecordedRequest> journal() {
		return this.fake.journal();
	}

	Client clientWithSecret(String clientSecret) {
		return Client.builder()
			.clientId(DemoData.APPLICATION_ID)
			.clientSecret(clientSecret)
			.redirectUri(DemoData.REDIRECT_URI)
			.baseUrl(this.fake.baseUrl())
			.build();
	}

	static Map<String, String> authorizeAndFollow(URI authorizeUri) throws IOException {
		HttpURLConnection connection = (HttpURLConnection) authorizeUri.toURL().openConnection();
		connection.setInstanceFollowRedirects(false);
		try {
			assertThat(connection.getResponseCode()).isEqualTo(302);
			URI location = URI.create(connection.getHeaderField("Location"));
			Map<String, String> query = new LinkedHashMap<>();
			for (String pair : location.getRawQuery().split("&")) {
				int eq = pair.indexOf('=');
				query.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
						URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
			}
			return query;
		}
		finally {
			connection.disconnect();
		}
	}

	@Test
	void authorizePageAcceptsTheGeneratedUriAndEchoesState() throws IOException {
		String state = AuthorizationRequest.randomState();
		URI uri = this.client.generateUri(AuthorizationRequest.builder()
			.scopes(Scopes.IDENTIFY, Scopes.EMAIL)
			.state(state)
			.prompt(Prompt.CONSENT)
			.build());
		Map<String, String> callback = authorizeAndFollow(uri);
		assertThat(callback).containsEntry("state", state).containsKey("code");
		AccessToken token = this.road.exchangeCode(this.client, callback.get("code"));
		assertThat(token.scopes()).containsExactlyInAnyOrder("identify", "email");
	}

	@Test
	void codeExchangeIsFormEncodedWithBasicAuthOnTheVersionedPath() {
		AccessToken token = login(ALL_SCOPES);
		RecordedRequest request = last();
		assertThat(request.method()).isEqualTo("POST");
		assertThat(request.path()).isEqualTo("/api/v10/oauth2/token");
		assertThat(request.header("Content-Type")).startsWith("application/x-www-form-urlencoded");
		assertThat(request.header("Authorization")).startsWith("Basic");
		assertThat(request.header("User-Agent")).isEqualTo(Client.userAgent()).startsWith("DiscordBot (https://");
		assertThat(request.body()).contains("grant_type=authorization_code")
			.contains("redirect_uri=")
			.doesNotContain("client_secret");
		assertThat(request.status()).isEqualTo(200);
		assertThat(token.tokenType()).isEqualTo("Bearer");
		assertThat(token.refreshToken()).isNotBlank();
		assertThat(token.expiresAt()).isAfter(Instant.now().minusSeconds(60));
		assertThat(token.isExpired()).isFalse();
		assertThat(token.scopes()).containsExactlyInAnyOrderElementsOf(ALL_SCOPES);
	}

	@Test
	void aCodeWorksOnceThenIsAnInvalidGrant() {
		String code = this.fake.createAuthorizationCode(DemoData.USER_ID, DemoData.REDIRECT_URI, Set.of("identify"));
		this.road.exchangeCode(this.client, code);
		assertThatExceptionOfType(InvalidGrantException.class)
			.isThrownBy(() -> this.road.exchangeCode(this.client, code))
			.withMessageContaining("must authorize again")
			.withMessageNotContaining(code)
			.satisfies((ex) -> assertThat(ex.errorDescription()).contains("code"));
	}

	@Test
	void aDifferentRedirectUriIsAnInvalidGrant() {
		String code = this.fake.createAuthorizationCode(DemoData.USER_ID, DemoData.REDIRECT_URI, Set.of("identify"));
		assertThatExceptionOfType(InvalidGrantException.class)
			.isThrownBy(() -> this.road.exchangeCode(this.client, code, null, "http://localhost:9999/other"));
	}

	@Test
	void pkceExchangeSendsTheVerifierAndAWrongVerifierFails() {
		Pkce pkce = Pkce.create();
		String code = this.fake.createAuthorizationCode(DemoData.USER_ID, DemoData.REDIRECT_URI, Set.of("identify"),
				pkce.challenge());
		AccessToken token = this.road.exchangeCode(this.client, code, pkce.verifier());
		assertThat(this.road.fetchIdentify(token).id()).isEqualTo(DemoData.USER_ID);
		assertThat(journal().get(0).body()).contains("code_verifier=");
		String other = this.fake.createAuthorizationCode(DemoData.USER_ID, DemoData.REDIRECT_URI, Set.of("identify"),
				pkce.challenge());
		assertThatExceptionOfType(InvalidGrantException.class)
			.isThrownBy(() -> this.road.exchangeCode(this.client, other, Pkce.create().verifier()));
	}

	@Test
	void wrongClientSecretIsForbidden() {
		Client wrong = clientWithSecret("not-the-secret");
		String code = this.fake.createAuthorizationCode(DemoData.USER_ID, DemoData.REDIRECT_URI, Set.of("identify"));
		assertThatExceptionOfType(ForbiddenException.class).isThrownBy(() -> this.road.exchangeCode(wrong, code))
			.withMessageNotContaining("not-the-secret")
			.withMessageContaining("client id or client secret")
			.satisfies((ex) -> assertThat(ex.status()).isEqualTo(401));
	}

	@Test
	void identifyReadsTheTypedUserWithBearerAuth() {
		AccessToken token = login(ALL_SCOPES);
		User user = this.road.fetchIdentify(token);
		assertThat(user.id()).isEqualTo(DemoData.USER_ID);
		assertThat(user.username()).isEqualTo(DemoData.USERNAME);
		assertThat(user.globalName()).isEqualTo(DemoData.GLOBAL_NAME);
		assertThat(user.email()).isEqualTo(DemoData.EMAIL);
		assertThat(user.verified()).isTrue();
		assertThat(user.avatarUrl()).contains("/avatars/" + DemoData.USER_ID + "/" + DemoData.AVATAR);
		RecordedRequest request = last();
		assertThat(request.method()).isEqualTo("GET");
		assertThat(request.path()).isEqualTo("/api/v10/users/@me");
		assertThat(request.header("Authorization")).startsWith("Bearer");
		assertThat(request.header("User-Agent")).isEqualTo(Client.userAgent());
	}

	@Test
	void identifyWithoutEmailScopeHasNoEmail() {
		assertThat(this.road.fetchIdentify(login(Set.of("identify"))).email()).isNull();
	}

	@Test
	void connectionsGuildsAndMember() {
		AccessToken token = login(ALL_SCOPES);
		List<Connection> connections = this.road.fetchConnections(token);
		assertThat(connections).extracting(Connection::type)
			.contains(DemoData.GITHUB_CONNECTION_TYPE, DemoData.TWITCH_CONNECTION_TYPE);
		List<PartialGuild> guilds = this.road.fetchGuilds(token, GuildsQuery.withApproximateCounts());
		assertThat(last().query()).isEqualTo("with_counts=true");
		assertThat(guilds).extracting(PartialGuild::id)
			.containsExactly(DemoData.OWNED_GUILD_ID, DemoData.MEMBER_GUILD_ID);
		PartialGuild owned = guilds.get(0);
		assertThat(owned.owner()).isTrue();
		assertThat(owned.approximateMemberCount()).isEqualTo(42);
		assertThat(owned.iconUrl()).startsWith("https://cdn.discordapp.com/icons/" + DemoData.OWNED_GUILD_ID + "/");
		assertThat(this.road.fetchGuilds(token, GuildsQuery.builder().limit(1).build())).hasSize(1);
		assertThat(this.road.fetchGuilds(token)).hasSize(2);
		GuildMember member = this.road.fetchGuildMember(token, DemoData.MEMBER_GUILD_ID);
		assertThat(member.nick()).isEqualTo(DemoData.MEMBER_GUILD_NICK);
		assertThat(member.roles()).containsExactly(DemoData.MEMBER_GUILD_ROLE_ID);
		assertThat(member.joinedAt()).isEqualTo(OffsetDateTime.of(2023, 4, 1, 12, 0, 0, 0, ZoneOffset.UTC));
		assertThat(last().path()).isEqualTo("/api/v10/users/@me/guilds/" + DemoData.MEMBER_GUILD_ID + "/member");
	}

	@Test
	void memberOfAGuildTheUserIsNotInIsA404() {
		AccessToken token = login(ALL_SCOPES);
		assertThatExceptionOfType(HttpException.class)
			.isThrownBy(() -> this.road.fetchGuildMember(token, DemoData.JOIN_GUILD_ID))
			.satisfies((ex) -> {
				assertThat(ex).isNotInstanceOf(ForbiddenException.class);
				assertThat(ex.status()).isEqualTo(404);
				assertThat(ex.code()).isNotNull();
			});
	}

	@Test
	void missingScopeExpiredAndRevokedTokensAreForbidden() {
		AccessToken identifyOnly = login(Set.of("identify"));
		assertThatExceptionOfType(ForbiddenException.class).isThrownBy(() -> this.road.fetchConnections(identifyOnly))
			.satisfies((ex) -> assertThat(ex.status()).isEqualTo(401))
			.withMessageNotContaining(identifyOnly.token());
		AccessToken expired = login(Set.of("identify"));
		this.fake.expireAccessToken(expired.token());
		assertThatExceptionOfType(ForbiddenException.class).isThrownBy(() -> this.road.fetchIdentify(expired));
		AccessToken refreshed = this.road.refresh(expired);
		assertThat(this.road.fetchIdentify(refreshed).id()).isEqualTo(DemoData.USER_ID);
	}

	@Test
	void authorizationInfoDescribesTheToken() {
		AccessToken token = login(Set.of("identify", "guilds"));
		AuthorizationInfo info = this.road.fetchAuthorization(token);
		assertThat(info.application().id()).isEqualTo(DemoData.APPLICATION_ID);
		assertThat(info.scopes()).containsExactlyInAnyOrder("identify", "guilds");
		assertThat(info.user()).isNotNull();
		assertThat(info.expires()).isAfter(Instant.now());
		assertThat(last().path()).isEqualTo("/api/v10/oauth2/@me");
	}

	@Test
	void joinGuildAddsThenReportsAlreadyMemberWithBotAuthAndJsonBody() {
		AccessToken token = login(ALL_SCOPES);
		JoinGuildResult first = this.road.joinGuild(token, DemoData.JOIN_GUILD_ID,
				JoinGuildOptions.builder().nick("newbie").mute(false).build());
		assertThat(first.added()).isTrue();
		assertThat(first.member()).get().satisfies((member) -> assertThat(member.nick()).isEqualTo("newbie"));
		RecordedRequest join = last();
		assertThat(join.method()).isEqualTo("PUT");
		assertThat(join.path()).isEqualTo("/api/v10/guilds/" + DemoData.JOIN_GUILD_ID + "/members/" + DemoData.USER_ID);
		assertThat(join.header("Authorization")).startsWith("Bot");
		assertThat(join.header("Content-Type")).startsWith("application/json");
		assertThat(join.body()).contains("\"access_token\"")
			.contains("\"nick\":\"newbie\"")
			.contains("\"mute\":false")
			.doesNotContain("null")
			.doesNotContain("roles")
			.doesNotContain("deaf");
		assertThat(join.status()).isEqualTo(201);
		JoinGuildResult second = this.road.joinGuild(token, DemoData.JOIN_GUILD_ID, DemoData.USER_ID,
				JoinGuildOptions.none());
		assertThat(second.alreadyMember()).isTrue();
		assertThat(second.member()).isEmpty();
		assertThat(last().status()).isEqualTo(204);
		assertThat(this.road.joinGuild(token, DemoData.JOIN_GUILD_ID).alreadyMember()).isTrue();
		assertThat(this.fake.isMember(DemoData.JOIN_GUILD_ID, DemoData.USER_ID)).isTrue();
	}

	@Test
	void joinGuildWhereTheBotIsNotIsForbidden() {
		AccessToken token = login(ALL_SCOPES);
		assertThatExceptionOfType(ForbiddenException.class)
			.isThrownBy(() -> this.road.joinGuild(token, DemoData.MEMBER_GUILD_ID, DemoData.USER_ID,
					JoinGuildOptions.none()))
			.satisfies((ex) -> assertThat(ex.status()).isEqualTo(403))
			.withMessageNotContaining(DemoData.BOT_TOKEN)
			.withMessageNotContaining(token.token());
	}

	@Test
	void joinGuildWithoutTheGuildsJoinScopeIsForbidden() {
		AccessToken token = login(Set.of("identify"));
		assertThatExceptionOfType(ForbiddenException.class)
			.isThrownBy(() -> this.road.joinGuild(token, DemoData.JOIN_GUILD_ID))
			.satisfies((ex) -> assertThat(ex.code()).isEqualTo(50025));
	}

	@Test
	void metadataRecordsRoleConnectionUpdateReadAndClear() {
		List<RoleConnectionMetadata> records = List.of(
				new RoleConnectionMetadata(RoleConnectionMetadataType.BOOLEAN_EQUAL, "verified", "Verified",
						"Has a verified account"),
				new RoleConnectionMetadata(RoleConnectionMetadataType.INTEGER_GREATER_THAN_OR_EQUAL, "level", "Level",
						"Level at least"),
				new RoleConnectionMetadata(RoleConnectionMetadataType.DATETIME_LESS_THAN_OR_EQUAL, "since", "Since",
						"Member since"));
		List<RoleConnectionMetadata> stored = this.road.updateLinkedRolesMetadata(this.client, records);
		assertThat(stored).extracting(RoleConnectionMetadata::key).containsExactly("verified", "level", "since");
		RecordedRequest put = last();
		assertThat(put.method()).isEqualTo("PUT");
		assertThat(put.path())
			.isEqualTo("/api/v10/applications/" + DemoData.APPLICATION_ID + "/role-connections/metadata");
		assertThat(put.header("Authorization")).startsWith("Bot");
		assertThat(put.body()).contains("\"type\":7");
		assertThat(this.road.fetchLinkedRolesMetadata(this.client)).isEqualTo(stored);

		AccessToken token = login(ALL_SCOPES);
		Map<String, Object> values = new LinkedHashMap<>();
		values.put("verified", true);
		values.put("level", 12);
		values.put("since", Instant.parse("2024-01-02T03:04:05Z"));
		RoleConnection updated = this.road.updateMetadata(token, "Demo Game", "demo_player", values);
		assertThat(updated.platformName()).isEqualTo("Demo Game");
		assertThat(updated.metadata()).containsEntry("verified", "1").containsEntry("level", "12");
		RecordedRequest update = last();
		assertThat(update.path())
			.isEqualTo("/api/v10/users/@me/applications/" + DemoData.APPLICATION_ID + "/role-connection");
		assertThat(update.header("Authorization")).startsWith("Bearer");
		assertThat(update.body()).contains("\"verified\":1")
			.contains("\"level\":12")
			.contains("\"since\":\"2024-01-02T03:04:05+00:00\"")
			.contains("\"platform_username\":\"demo_player\"");
		assertThat(this.road.fetchMetadata(token)).isEqualTo(updated);
		assertThat(this.road.updateMetadata(token, Map.of("level", 13)).metadata()).containsEntry("level", "13");
		this.road.clearMetadata(token);
		assertThat(last().method()).isEqualTo("DELETE");
		assertThat(this.road.fetchMetadata(token).metadata()).isEmpty();
	}

	@Test
	void unknownMetadataKeyIsAnHttpExceptionWithDiscordsErrors() {
		AccessToken token = login(ALL_SCOPES);
		assertThatExceptionOfType(HttpException.class)
			.isThrownBy(() -> this.road.updateMetadata(token, Map.of("unregistered", 1)))
			.satisfies((ex) -> {
				assertThat(ex.status()).isEqualTo(400);
				assertThat(ex.code()).isEqualTo(50035);
				assertThat(ex.errors()).containsKey("metadata");
			})
			// Path, message and code of the field Discord refused; the key it quotes is
			// masked, as any value quoted there would be.
			.withMessageContaining(
					"Discord error 50035: Invalid Form Body [metadata.unregistered: Unknown metadata key "
							+ "\"...\": register it first")
			.withMessageContaining("(APPLICATION_ROLE_CONNECTION_METADATA_VALUE_INVALID)]")
			.withMessageNotContaining(token.token());
	}

	@Test
	void refreshRotatesAndTheOldRefreshTokenThenFails() {
		AccessToken token = login(Set.of("identify"));
		AccessToken refreshed = this.road.refresh(token);
		assertThat(refreshed.token()).isNotEqualTo(token.token());
		assertThat(refreshed.refreshToken()).isNotEqualTo(token.refreshToken());
		RecordedRequest request = last();
		assertThat(request.body()).startsWith("grant_type=refresh_token&refresh_token=");
		assertThat(request.header("Authorization")).startsWith("Basic");
		assertThat(this.road.fetchIdentify(refreshed).id()).isEqualTo(DemoData.USER_ID);
		assertThatExceptionOfType(InvalidGrantException.class).isThrownBy(() -> this.road.refresh(token))
			.withMessageContaining("must authorize again");
	}

	@Test
	void clientCredentialsGivesATokenWithoutRefreshToken() {
		AccessToken token = this.road.clientCredentialsGrant(this.client, Scopes.IDENTIFY);
		assertThat(token.refreshToken()).isNull();
		assertThat(token.scopes()).contains("identify");
		RecordedRequest request = last();
		assertThat(request.body()).isEqualTo("grant_type=client_credentials&scope=identify");
		assertThat(request.header("Authorization")).startsWith("Basic");
		assertThat(this.road.fetchIdentify(token).id()).isEqualTo(DemoData.USER_ID);
		assertThatIllegalStateException().isThrownBy(() -> this.road.refresh(token))
			.withMessageContaining("no refreshToken");
		assertThat(this.road.clientCredentialsGrant(this.client, List.of(Scopes.IDENTIFY)).refreshToken()).isNull();
	}

	@Test
	void revokeKillsTheWholeAuthorization() {
		AccessToken token = login(Set.of("identify"));
		this.road.revoke(token);
		RecordedRequest request = last();
		assertThat(request.path()).isEqualTo("/api/v10/oauth2/token/revoke");
		assertThat(request.header("Content-Type")).startsWith("application/x-www-form-urlencoded");
		assertThat(request.header("Authorization")).startsWith("Basic");
		assertThat(request.body()).contains("token_type_hint=access_token");
		assertThat(request.status()).isEqualTo(200);
		assertThatExceptionOfType(ForbiddenException.class).isThrownBy(() -> this.road.fetchIdentify(token));
		assertThatExceptionOfType(InvalidGrantException.class).isThrownBy(() -> this.road.refresh(token));

		AccessToken other = login(Set.of("identify"));
		this.road.revokeRefreshToken(other);
		assertThat(last().body()).contains("token_type_hint=refresh_token");
		assertThatExceptionOfType(ForbiddenException.class).isThrownBy(() -> this.road.fetchIdentify(other));

		AccessToken third = login(Set.of("identify"));
		this.road.revokeToken(this.client, third.token());
		assertThat(last().body()).doesNotContain("token_type_hint");
		this.road.revokeToken(this.client, third.token(), TokenTypeHint.ACCESS_TOKEN);
		assertThat(last().body()).contains("token_type_hint=access_token");
		assertThatExceptionOfType(ForbiddenException.class).isThrownBy(() -> this.road.fetchIdentify(third));
	}

	@Test
	void restoredTokenWorksLikeTheOriginal() {
		AccessToken token = login(Set.of("identify"));
		AccessToken restored = this.road.restoreAccessToken(this.client, token.token(), token.refreshToken(),
				token.expiresAt(), token.scopes());
		assertThat(this.road.fetchIdentify(restored).id()).isEqualTo(DemoData.USER_ID);
		assertThat(this.road.fetchIdentify(this.client.fromAccessToken(token.token())).id())
			.isEqualTo(DemoData.USER_ID);
		assertThat(this.road.refresh(restored).token()).isNotEqualTo(token.token());
	}

	@Test
	void faultsBecomeTypedExceptions() {
		// Never waits, so a 429 reaches the caller; each step gets its own token, because
		// after a 429 the rate limiter holds that token back instead of sending.
		Client neverWaits = Client.builder()
			.clientId(DemoData.APPLICATION_ID)
			.clientSecret(DemoData.CLIENT_SECRET)
			.baseUrl(this.fake.baseUrl())
			.rateLimitMaxWait(Duration.ZERO)
			.build();
		this.fake.faults()
			.next("GET /users/@me", Retries.MAX_RETRIES + 1, Fault.status(502))
			.next("GET /users/@me", 1, Fault.rateLimited(Duration.ofMillis(1500)))
			.next("GET /users/@me", 1, Fault.globalRateLimited(Duration.ofSeconds(2)))
			.next("GET /users/@me", 1, Fault.malformedJson());
		assertThatExceptionOfType(HttpException.class)
			.isThrownBy(() -> this.road.fetchIdentify(neverWaits.fromAccessToken(login(ALL_SCOPES).token())))
			.satisfies((ex) -> assertThat(ex.status()).isEqualTo(502));
		assertThatExceptionOfType(RateLimitedException.class)
			.isThrownBy(() -> this.road.fetchIdentify(neverWaits.fromAccessToken(login(ALL_SCOPES).token())))
			.satisfies((ex) -> {
				assertThat(ex.retryAfter()).isEqualTo(Duration.ofMillis(1500));
				assertThat(ex.global()).isFalse();
				assertThat(ex.scope()).isEqualTo("user");
			});
		assertThatExceptionOfType(RateLimitedException.class)
			.isThrownBy(() -> this.road.fetchIdentify(neverWaits.fromAccessToken(login(ALL_SCOPES).token())))
			.satisfies((ex) -> {
				assertThat(ex.retryAfter()).isEqualTo(Duration.ofSeconds(2));
				assertThat(ex.global()).isTrue();
				assertThat(ex.scope()).isEqualTo("global");
			});
		PartialAccessToken token = neverWaits.fromAccessToken(login(ALL_SCOPES).token());
		assertThatExceptionOfType(HttpException.class).isThrownBy(() -> this.road.fetchIdentify(token))
			.withMessageContaining("not the expected User")
			.satisfies((ex) -> assertThat(ex.getCause()).isNull());
		assertThat(this.road.fetchIdentify(token).id()).isEqualTo(DemoData.USER_ID);
	}

	@Test
	void proxyPagesHugeBodiesAndCutConnectionsAreTyped() {
		AccessToken token = login(ALL_SCOPES);
		this.fake.faults()
			// A GET is tried again after a 502 or a cut connection, so every attempt gets
			// the fault.
			.next("GET /users/@me", Retries.MAX_RETRIES + 1, Fault.htmlPage(502))
			.next("GET /users/@me", 1, Fault.hugeBody(2 * 1024 * 1024))
			// HttpURLConnection also quietly repeats a GET once when a reused connection
			// is cut, so cut two per attempt; the cuts left over are cleared below.
			.next("GET /users/@me", 2 * (Retries.MAX_RETRIES + 1), Fault.disconnect());
		assertThatExceptionOfType(HttpException.class).isThrownBy(() -> this.road.fetchIdentify(token))
			.withMessageContaining("text/html")
			.withMessageContaining("502 Bad Gateway")
			.satisfies((ex) -> assertThat(ex.status()).isEqualTo(502));
		assertThatExceptionOfType(HttpException.class).isThrownBy(() -> this.road.fetchIdentify(token))
			.withMessageContaining("larger than")
			.satisfies((ex) -> assertThat(ex.getMessage()).hasSizeLessThan(400));
		assertThatExceptionOfType(DiscordIoException.class).isThrownBy(() -> this.road.fetchIdentify(token))
			.withMessageContaining("GET /users/@me")
			.withMessageNotContaining(token.token());
		this.fake.faults().clear();
		assertThat(this.road.fetchIdentify(token).id()).isEqualTo(DemoData.USER_ID);
	}

	@Test
	void aCutConnectionDuringCodeExchangeIsNotRetried() {
		String code = this.fake.createAuthorizationCode(DemoData.USER_ID, DemoData.REDIRECT_URI, Set.of("identify"));
		login(Set.of("identify"));
		this.fake.clearJournal();
		this.fake.faults().next("POST /oauth2/token", 1, Fault.disconnect());
		assertThatExceptionOfType(DiscordIoException.class).isThrownBy(() -> this.road.exchangeCode(this.client, code))
			.withMessageContaining("POST /oauth2/token")
			.withMessageNotContaining(code);
		assertThat(journal()).hasSize(1);
	}

	@Test
	void aFailedCodeExchangeIsNotRepeated() {
		String code = this.fake.createAuthorizationCode(DemoData.USER_ID, DemoData.REDIRECT_URI, Set.of("identify"));
		this.fake.faults().next("POST /oauth2/token", 1, Fault.status(503));
		assertThatExceptionOfType(HttpException.class).isThrownBy(() -> this.road.exchangeCode(this.client, code))
			.satisfies((ex) -> assertThat(ex.status()).isEqualTo(503));
		assertThat(journal()).hasSize(1);
	}

	@Test
	void applicationIsReadWithBotAuth() {
		Application application = this.road.fetchApplication(this.client);
		assertThat(application.id()).isEqualTo(DemoData.APPLICATION_ID);
		assertThat(application.name()).isEqualTo(DemoData.APPLICATION_NAME);
		assertThat(application.team()).isNull();
		assertThat(application.owner()).isNotNull();
		assertThat(application.ownerUserId()).isEqualTo(application.owner().id());
		RecordedRequest request = last();
		assertThat(request.path()).isEqualTo("/api/v10/oauth2/applications/@me");
		assertThat(request.header("Authorization")).startsWith("Bot");
	}

	@Test
	void aTeamApplicationNamesItsTeamsOwner() {
		try (FakeDiscord teamApp = FakeDiscord.builder().demoData().teamApplication(true).start()) {
			Client client = Client.builder()
				.clientId(DemoData.APPLICATION_ID)
				.botToken(DemoData.BOT_TOKEN)
				.baseUrl(teamApp.baseUrl())
				.build();
			Application application = this.road.fetchApplication(client);
			assertThat(application.team()).isNotNull();
			assertThat(application.ownerUserId()).isEqualTo(application.team().ownerUserId());
		}
	}

	@Test
	void aWrongBotTokenIsForbidden() {
		Client wrongBot = Client.builder()
			.clientId(DemoData.APPLICATION_ID)
			.botToken("not-the-bot-token")
			.baseUrl(this.fake.baseUrl())
			.build();
		assertThatExceptionOfType(ForbiddenException.class)
			.isThrownBy(() -> this.road.fetchLinkedRolesMetadata(wrongBot))
			.withMessageNotContaining("not-the-bot-token")
			.satisfies((ex) -> assertThat(ex.status()).isEqualTo(401));
	}

	@Test
	void everyRequestCarriesUserAgentAndTheV10Prefix() {
		AccessToken token = login(ALL_SCOPES);
		this.road.fetchIdentify(token);
		this.road.fetchGuilds(token);
		this.road.joinGuild(token, DemoData.JOIN_GUILD_ID);
		this.road.revoke(token);
		assertThat(journal()).hasSizeGreaterThanOrEqualTo(5).allSatisfy((request) -> {
			assertThat(request.header("User-Agent")).isEqualTo(Client.userAgent());
			assertThat(request.path()).startsWith("/api/v10/");
		});
	}

}
