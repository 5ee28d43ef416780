package io.github.discordoauth2;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.discordoauth2.exceptions.DiscordIoException;
import io.github.discordoauth2.exceptions.ForbiddenException;
import io.github.discordoauth2.exceptions.HttpException;
import io.github.discordoauth2.exceptions.InvalidGrantException;
import io.github.discordoauth2.exceptions.RateLimitedException;
import io.github.discordoauth2.model.Connection;
import io.github.discordoauth2.model.PartialGuild;
import io.github.discordoauth2.model.Permission;
import io.github.discordoauth2.model.Permissions;
import io.github.discordoauth2.model.RoleConnection;
import io.github.discordoauth2.model.RoleConnectionMetadata;
import io.github.discordoauth2.model.RoleConnectionMetadataType;
import io.github.discordoauth2.test.DemoData;
import io.github.discordoauth2.test.FakeDiscord;
import io.github.discordoauth2.test.FakeDiscordExtension;
import io.github.discordoauth2.test.Fault;
import io.github.discordoauth2.test.RecordedRequest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.http.client.reactive.JdkClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every operation of the reactive road against FakeDiscord over loopback HTTP (Reactor
 * Netty), with BlockHound on: its success, its documented failures, and the exact request
 * it sent. The blocking twin of each test is in {@link CoreAgainstFakeDiscordTests}.
 */
class ReactiveCoreAgainstFakeDiscordTests {

	private static final Set<String> ALL_SCOPES = Set.of("identify", "email", "connections", "guilds", "guilds.join",
			"guilds.members.read", "role_connections.write");

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	@RegisterExtension
	FakeDiscordExtension discord = FakeDiscordExtension.configure(
			(b) -> b.demoData().autoApprove(true).allowLoopbackRedirects(true).applicationOwner(DemoData.USER_ID));

	private FakeDiscord fake;

	private ReactiveClient client;

	@BeforeAll
	static void blockHound() {
		ReactiveTesting.installBlockHound();
	}

	@BeforeEach
	void setUp() {
		this.fake = this.discord.fake();
		this.client = ReactiveClient.of(Client.builder()
			.clientId(DemoData.APPLICATION_ID)
			.clientSecret(DemoData.CLIENT_SECRET)
			.botToken(DemoData.BOT_TOKEN)
			.redirectUri(DemoData.REDIRECT_URI)
			.baseUrl(this.fake.baseUrl())
			.build());
	}

	private ReactiveAccessToken login(Set<String> scopes) {
		String code = this.fake.createAuthorizationCode(DemoData.USER_ID, DemoData.REDIRECT_URI, scopes);
		return this.client.exchangeCode(code).block(TIMEOUT);
	}

	private RecordedRequest last() {
		List<RecordedRequest> journal = this.fake.journal();
		return journal.get(journal.size() - 1);
	}

	@Test
	void nothingIsSentBeforeSubscription() {
		ReactiveAccessToken token = login(Set.of("identify"));
		this.fake.clearJournal();
		Mono<?> identify = token.fetchIdentify();
		Mono<?> refresh = token.refresh();
		assertThat(this.fake.journal()).isEmpty();
		StepVerifier.create(identify.then(refresh)).expectNextCount(1).expectComplete().verify(TIMEOUT);
		assertThat(this.fake.journal()).hasSize(2);
	}

	@Test
	void answersArriveOnAnEventLoopThatBlockHoundWatches() {
		ReactiveAccessToken token = login(Set.of("identify"));
		StepVerifier.create(token.fetchIdentify().map((user) -> Schedulers.isInNonBlockingThread()))
			.expectNext(true)
			.expectComplete()
			.verify(TIMEOUT);
	}

	@Test
	void codeExchangeIsFormEncodedWithBasicAuthOnTheVersionedPath() {
		ReactiveAccessToken token = login(ALL_SCOPES);
		RecordedRequest request = last();
		assertThat(request.method()).isEqualTo("POST");
		assertThat(request.path()).isEqualTo("/api/v10/oauth2/token");
		assertThat(request.header("Content-Type")).startsWith("application/x-www-form-urlencoded");
		assertThat(request.header("Authorization")).startsWith("Basic");
		assertThat(request.header("User-Agent")).isEqualTo(Client.userAgent());
		assertThat(request.body()).contains("grant_type=authorization_code").contains("redirect_uri=");
		assertThat(token.tokenType()).isEqualTo("Bearer");
		assertThat(token.refreshToken()).isNotBlank();
		assertThat(token.expiresAt()).isAfter(Instant.now().minusSeconds(60));
		assertThat(token.isExpired()).isFalse();
		assertThat(token.scopes()).containsExactlyInAnyOrderElementsOf(ALL_SCOPES);
		assertThat(token.toBlocking().token()).isEqualTo(token.token());
	}

	@Test
	void aCodeWorksOnceThenIsAnInvalidGrant() {
		String code = this.fake.createAuthorizationCode(DemoData.USER_ID, DemoData.REDIRECT_URI, Set.of("identify"));
		this.client.exchangeCode(code).block(TIMEOUT);
		StepVerifier.create(this.client.exchangeCode(code))
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(InvalidGrantException.class)
				.hasMessageContaining("must authorize again")
				.hasMessageNotContaining(code))
			.verify(TIMEOUT);
	}

	@Test
	void aDifferentRedirectUriIsAnInvalidGrant() {
		String code = this.fake.createAuthorizationCode(DemoData.USER_ID, DemoData.REDIRECT_URI, Set.of("identify"));
		StepVerifier.create(this.client.exchangeCode(code, null, "http://localhost:9999/other"))
			.expectError(InvalidGrantException.class)
			.verify(TIMEOUT);
	}

	@Test
	void pkceExchangeSendsTheVerifier() {
		Pkce pkce = Pkce.create();
		String code = this.fake.createAuthorizationCode(DemoData.USER_ID, DemoData.REDIRECT_URI, Set.of("identify"),
				pkce.challenge());
		StepVerifier.create(this.client.exchangeCode(code, pkce.verifier()).flatMap(ReactiveAccessToken::fetchIdentify))
			.assertNext((user) -> assertThat(user.id()).isEqualTo(DemoData.USER_ID))
			.verifyComplete();
		assertThat(this.fake.journal().get(0).body()).contains("code_verifier=");
	}

	@Test
	void wrongClientSecretIsForbidden() {
		ReactiveClient wrong = ReactiveClient.of(Client.builder()
			.clientId(DemoData.APPLICATION_ID)
			.clientSecret("not-the-secret")
			.redirectUri(DemoData.REDIRECT_URI)
			.baseUrl(this.fake.baseUrl())
			.build());
		String code = this.fake.createAuthorizationCode(DemoData.USER_ID, DemoData.REDIRECT_URI, Set.of("identify"));
		StepVerifier.create(wrong.exchangeCode(code)).expectErrorSatisfies((ex) -> {
			assertThat(ex).isInstanceOf(ForbiddenException.class).hasMessageNotContaining("not-the-secret");
			assertThat(((ForbiddenException) ex).status()).isEqualTo(401);
			// Unlike HttpURLConnection, WebClient keeps the body of a 401 to a POST.
			assertThat(((ForbiddenException) ex).error()).isEqualTo("invalid_client");
		}).verify(TIMEOUT);
	}

	@Test
	void identifyConnectionsGuildsAndMember() {
		ReactiveAccessToken token = login(ALL_SCOPES);
		StepVerifier.create(token.fetchIdentify()).assertNext((user) -> {
			assertThat(user.id()).isEqualTo(DemoData.USER_ID);
			assertThat(user.username()).isEqualTo(DemoData.USERNAME);
			assertThat(user.email()).isEqualTo(DemoData.EMAIL);
		}).verifyComplete();
		assertThat(last().header("Authorization")).startsWith("Bearer");
		assertThat(token.fetchConnections().map(Connection::type).collectList().block(TIMEOUT))
			.contains(DemoData.GITHUB_CONNECTION_TYPE, DemoData.TWITCH_CONNECTION_TYPE);
		StepVerifier.create(token.fetchGuilds(GuildsQuery.withApproximateCounts()).map(PartialGuild::id))
			.expectNext(DemoData.OWNED_GUILD_ID, DemoData.MEMBER_GUILD_ID)
			.verifyComplete();
		assertThat(last().query()).isEqualTo("with_counts=true");
		StepVerifier.create(token.fetchGuilds(GuildsQuery.builder().limit(1).build()))
			.expectNextCount(1)
			.verifyComplete();
		StepVerifier.create(token.fetchGuilds()).expectNextCount(2).verifyComplete();
		StepVerifier.create(token.fetchGuildMember(DemoData.MEMBER_GUILD_ID))
			.assertNext((member) -> assertThat(member.nick()).isEqualTo(DemoData.MEMBER_GUILD_NICK))
			.verifyComplete();
		assertThat(last().path()).isEqualTo("/api/v10/users/@me/guilds/" + DemoData.MEMBER_GUILD_ID + "/member");
	}

	@Test
	void guildsCarryTheUsersPermissionsAndTheMemberItsRoles() {
		ReactiveAccessToken token = login(ALL_SCOPES);
		StepVerifier
			.create(token.fetchGuilds()
				.filter((guild) -> guild.hasPermission(Permission.MANAGE_GUILD))
				.map(PartialGuild::id)
				.collectList())
			.assertNext((ids) -> assertThat(ids).containsExactly(DemoData.OWNED_GUILD_ID))
			.expectComplete()
			.verify(TIMEOUT);
		StepVerifier.create(token.fetchGuilds().filter((guild) -> guild.id() == DemoData.MEMBER_GUILD_ID))
			.assertNext((member) -> assertThat(member.permissions())
				.isEqualTo(Permissions
					.parse(this.fake.guild(DemoData.MEMBER_GUILD_ID).member(DemoData.USER_ID).permissions()))
				.satisfies((permissions) -> assertThat(permissions.has(Permission.VIEW_CHANNEL)).isTrue()))
			.expectComplete()
			.verify(TIMEOUT);
		StepVerifier.create(token.fetchGuildMember(DemoData.MEMBER_GUILD_ID))
			.assertNext((member) -> assertThat(member.roles()).containsExactly(DemoData.MEMBER_GUILD_ROLE_ID))
			.expectComplete()
			.verify(TIMEOUT);
	}

	@Test
	void memberOfAGuildTheUserIsNotInIsA404() {
		ReactiveAccessToken token = login(ALL_SCOPES);
		StepVerifier.create(token.fetchGuildMember(DemoData.JOIN_GUILD_ID)).expectErrorSatisfies((ex) -> {
			assertThat(ex).isInstanceOf(HttpException.class).isNotInstanceOf(ForbiddenException.class);
			assertThat(((HttpException) ex).status()).isEqualTo(404);
		}).verify(TIMEOUT);
	}

	@Test
	void missingScopeAndExpiredTokensAreForbiddenAndRefreshHelps() {
		ReactiveAccessToken identifyOnly = login(Set.of("identify"));
		StepVerifier.create(identifyOnly.fetchConnections())
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(ForbiddenException.class)
				.hasMessageNotContaining(identifyOnly.token()))
			.verify(TIMEOUT);
		ReactiveAccessToken expired = login(Set.of("identify"));
		this.fake.expireAccessToken(expired.token());
		StepVerifier.create(expired.fetchIdentify()).expectError(ForbiddenException.class).verify(TIMEOUT);
		StepVerifier.create(expired.refresh().flatMap(ReactiveAccessToken::fetchIdentify))
			.assertNext((user) -> assertThat(user.id()).isEqualTo(DemoData.USER_ID))
			.verifyComplete();
	}

	@Test
	void authorizationInfoDescribesTheToken() {
		ReactiveAccessToken token = login(Set.of("identify", "guilds"));
		StepVerifier.create(token.fetchAuthorization()).assertNext((info) -> {
			assertThat(info.application().id()).isEqualTo(DemoData.APPLICATION_ID);
			assertThat(info.scopes()).containsExactlyInAnyOrder("identify", "guilds");
		}).verifyComplete();
		assertThat(last().path()).isEqualTo("/api/v10/oauth2/@me");
	}

	@Test
	void joinGuildAddsThenReportsAlreadyMember() {
		ReactiveAccessToken token = login(ALL_SCOPES);
		StepVerifier.create(token.joinGuild(DemoData.JOIN_GUILD_ID, JoinGuildOptions.builder().nick("newbie").build()))
			.assertNext((result) -> {
				assertThat(result.added()).isTrue();
				assertThat(result.member()).get().satisfies((member) -> assertThat(member.nick()).isEqualTo("newbie"));
			})
			.verifyComplete();
		RecordedRequest join = last();
		assertThat(join.method()).isEqualTo("PUT");
		assertThat(join.path()).isEqualTo("/api/v10/guilds/" + DemoData.JOIN_GUILD_ID + "/members/" + DemoData.USER_ID);
		assertThat(join.header("Authorization")).startsWith("Bot");
		assertThat(join.header("Content-Type")).startsWith("application/json");
		assertThat(join.body()).contains("\"access_token\"").contains("\"nick\":\"newbie\"");
		StepVerifier.create(token.joinGuild(DemoData.JOIN_GUILD_ID, DemoData.USER_ID, JoinGuildOptions.none()))
			.assertNext((result) -> assertThat(result.alreadyMember()).isTrue())
			.verifyComplete();
		StepVerifier.create(token.joinGuild(DemoData.JOIN_GUILD_ID))
			.assertNext((result) -> assertThat(result.alreadyMember()).isTrue())
			.verifyComplete();
		assertThat(this.fake.isMember(DemoData.JOIN_GUILD_ID, DemoData.USER_ID)).isTrue();
	}

	@Test
	void joinGuildWhereTheBotIsNotOrWithoutTheScopeIsForbidden() {
		ReactiveAccessToken token = login(ALL_SCOPES);
		StepVerifier.create(token.joinGuild(DemoData.MEMBER_GUILD_ID, DemoData.USER_ID, JoinGuildOptions.none()))
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(ForbiddenException.class)
				.hasMessageNotContaining(DemoData.BOT_TOKEN)
				.hasMessageNotContaining(token.token()))
			.verify(TIMEOUT);
		StepVerifier.create(login(Set.of("identify")).joinGuild(DemoData.JOIN_GUILD_ID))
			.expectErrorSatisfies((ex) -> assertThat(((ForbiddenException) ex).code()).isEqualTo(50025))
			.verify(TIMEOUT);
	}

	@Test
	void metadataRecordsRoleConnectionUpdateReadAndClear() {
		List<RoleConnectionMetadata> records = List.of(
				new RoleConnectionMetadata(RoleConnectionMetadataType.BOOLEAN_EQUAL, "verified", "Verified",
						"Has a verified account"),
				new RoleConnectionMetadata(RoleConnectionMetadataType.INTEGER_GREATER_THAN_OR_EQUAL, "level", "Level",
						"Level at least"));
		List<RoleConnectionMetadata> stored = this.client.updateLinkedRolesMetadata(records)
			.collectList()
			.block(TIMEOUT);
		assertThat(stored).extracting(RoleConnectionMetadata::key).containsExactly("verified", "level");
		assertThat(last().method()).isEqualTo("PUT");
		assertThat(last().header("Authorization")).startsWith("Bot");
		assertThat(this.client.fetchLinkedRolesMetadata().collectList().block(TIMEOUT)).isEqualTo(stored);

		ReactiveAccessToken token = login(ALL_SCOPES);
		Map<String, Object> values = new LinkedHashMap<>();
		values.put("verified", true);
		values.put("level", 12);
		RoleConnection updated = token.updateMetadata("Demo Game", "demo_player", values).block(TIMEOUT);
		assertThat(updated.platformName()).isEqualTo("Demo Game");
		assertThat(updated.metadata()).containsEntry("verified", "1").containsEntry("level", "12");
		assertThat(last().body()).contains("\"verified\":1").contains("\"platform_username\":\"demo_player\"");
		StepVerifier.create(token.fetchMetadata()).expectNext(updated).verifyComplete();
		StepVerifier.create(token.updateMetadata(Map.of("level", 13)))
			.assertNext((connection) -> assertThat(connection.metadata()).containsEntry("level", "13"))
			.verifyComplete();
		StepVerifier.create(token.clearMetadata()).verifyComplete();
		assertThat(last().method()).isEqualTo("DELETE");
		StepVerifier.create(token.fetchMetadata())
			.assertNext((connection) -> assertThat(connection.metadata()).isEmpty())
			.verifyComplete();
	}

	@Test
	void unknownMetadataKeyIsAnHttpExceptionWithDiscordsErrors() {
		ReactiveAccessToken token = login(ALL_SCOPES);
		StepVerifier.create(token.updateMetadata(Map.of("unregistered", 1))).expectErrorSatisfies((ex) -> {
			assertThat(((HttpException) ex).status()).isEqualTo(400);
			assertThat(ex).hasMessageContaining("[metadata.unregistered: Unknown metadata key \"...\"")
				.hasMessageContaining("(APPLICATION_ROLE_CONNECTION_METADATA_VALUE_INVALID)]")
				.hasMessageNotContaining(token.token());
		}).verify(TIMEOUT);
	}

	@Test
	void refreshRotatesAndTheOldRefreshTokenThenFails() {
		ReactiveAccessToken token = login(Set.of("identify"));
		ReactiveAccessToken refreshed = token.refresh().block(TIMEOUT);
		assertThat(refreshed.token()).isNotEqualTo(token.token());
		assertThat(refreshed.refreshToken()).isNotEqualTo(token.refreshToken());
		assertThat(last().body()).startsWith("grant_type=refresh_token&refresh_token=");
		StepVerifier.create(token.refresh())
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(InvalidGrantException.class)
				.hasMessageContaining("must authorize again"))
			.verify(TIMEOUT);
		assertThat(this.client.refreshesInFlight()).isZero();
	}

	@Test
	void clientCredentialsGivesATokenWithoutRefreshToken() {
		ReactiveAccessToken token = this.client.clientCredentialsGrant(Scopes.IDENTIFY).block(TIMEOUT);
		assertThat(token.refreshToken()).isNull();
		assertThat(last().body()).isEqualTo("grant_type=client_credentials&scope=identify");
		StepVerifier.create(token.refresh()).expectError(IllegalStateException.class).verify(TIMEOUT);
		StepVerifier.create(this.client.clientCredentialsGrant(List.of(Scopes.IDENTIFY)))
			.expectNextCount(1)
			.verifyComplete();
	}

	@Test
	void revokeKillsTheWholeAuthorization() {
		ReactiveAccessToken token = login(Set.of("identify"));
		StepVerifier.create(token.revoke()).verifyComplete();
		assertThat(last().path()).isEqualTo("/api/v10/oauth2/token/revoke");
		assertThat(last().body()).contains("token_type_hint=access_token");
		StepVerifier.create(token.fetchIdentify()).expectError(ForbiddenException.class).verify(TIMEOUT);

		ReactiveAccessToken other = login(Set.of("identify"));
		StepVerifier.create(other.revokeRefreshToken()).verifyComplete();
		assertThat(last().body()).contains("token_type_hint=refresh_token");

		ReactiveAccessToken third = login(Set.of("identify"));
		StepVerifier.create(this.client.revokeToken(third.token())).verifyComplete();
		assertThat(last().body()).doesNotContain("token_type_hint");
		StepVerifier.create(this.client.revokeToken(third.token(), TokenTypeHint.ACCESS_TOKEN)).verifyComplete();
		StepVerifier.create(third.fetchIdentify()).expectError(ForbiddenException.class).verify(TIMEOUT);
	}

	@Test
	void restoredTokenWorksLikeTheOriginal() {
		ReactiveAccessToken token = login(Set.of("identify"));
		ReactiveAccessToken restored = this.client.restoreAccessToken(token.token(), token.refreshToken(),
				token.expiresAt(), token.scopes());
		StepVerifier.create(restored.fetchIdentify()).expectNextCount(1).verifyComplete();
		StepVerifier.create(this.client.fromAccessToken(token.token()).fetchIdentify())
			.expectNextCount(1)
			.verifyComplete();
		StepVerifier.create(restored.refresh())
			.assertNext((fresh) -> assertThat(fresh.token()).isNotEqualTo(token.token()))
			.verifyComplete();
	}

	@Test
	void faultsBecomeTypedExceptions() {
		ReactiveClient neverWaits = ReactiveClient.of(Client.builder()
			.clientId(DemoData.APPLICATION_ID)
			.clientSecret(DemoData.CLIENT_SECRET)
			.baseUrl(this.fake.baseUrl())
			.rateLimitMaxWait(Duration.ZERO)
			.build());
		this.fake.faults()
			.next("GET /users/@me", Retries.MAX_RETRIES + 1, Fault.status(502))
			.next("GET /users/@me", 1, Fault.rateLimited(Duration.ofMillis(1500)))
			.next("GET /users/@me", 1, Fault.globalRateLimited(Duration.ofSeconds(2)))
			.next("GET /users/@me", 1, Fault.malformedJson());
		StepVerifier.create(neverWaits.fromAccessToken(login(ALL_SCOPES).token()).fetchIdentify())
			.expectErrorSatisfies((ex) -> assertThat(((HttpException) ex).status()).isEqualTo(502))
			.verify(TIMEOUT);
		StepVerifier.create(neverWaits.fromAccessToken(login(ALL_SCOPES).token()).fetchIdentify())
			.expectErrorSatisfies((ex) -> {
				RateLimitedException limited = (RateLimitedException) ex;
				assertThat(limited.retryAfter()).isEqualTo(Duration.ofMillis(1500));
				assertThat(limited.global()).isFalse();
			})
			.verify(TIMEOUT);
		StepVerifier.create(neverWaits.fromAccessToken(login(ALL_SCOPES).token()).fetchIdentify())
			.expectErrorSatisfies((ex) -> assertThat(((RateLimitedException) ex).global()).isTrue())
			.verify(TIMEOUT);
		ReactivePartialAccessToken token = neverWaits.fromAccessToken(login(ALL_SCOPES).token());
		StepVerifier.create(token.fetchIdentify())
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(HttpException.class)
				.hasMessageContaining("not the expected User")
				.hasNoCause())
			.verify(TIMEOUT);
		StepVerifier.create(token.fetchIdentify()).expectNextCount(1).verifyComplete();
	}

	@Test
	void proxyPagesHugeBodiesAndCutConnectionsAreTyped() {
		ReactiveAccessToken token = login(ALL_SCOPES);
		this.fake.faults()
			.next("GET /users/@me", Retries.MAX_RETRIES + 1, Fault.htmlPage(502))
			.next("GET /users/@me", 1, Fault.hugeBody(2 * 1024 * 1024))
			.next("GET /users/@me", Retries.MAX_RETRIES + 1, Fault.disconnect());
		StepVerifier.create(token.fetchIdentify())
			.expectErrorSatisfies(
					(ex) -> assertThat(ex).hasMessageContaining("text/html").hasMessageContaining("502 Bad Gateway"))
			.verify(TIMEOUT);
		StepVerifier.create(token.fetchIdentify())
			.expectErrorSatisfies(
					(ex) -> assertThat(ex).isInstanceOf(HttpException.class).hasMessageContaining("larger than"))
			.verify(TIMEOUT);
		StepVerifier.create(token.fetchIdentify())
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(DiscordIoException.class)
				.hasMessageContaining("GET /users/@me")
				.hasMessageNotContaining(token.token()))
			.verify(TIMEOUT);
		this.fake.faults().clear();
		StepVerifier.create(token.fetchIdentify()).expectNextCount(1).verifyComplete();
	}

	@Test
	void aCutConnectionDuringCodeExchangeIsNotRetried() {
		String code = this.fake.createAuthorizationCode(DemoData.USER_ID, DemoData.REDIRECT_URI, Set.of("identify"));
		login(Set.of("identify"));
		this.fake.clearJournal();
		this.fake.faults().next("POST /oauth2/token", 1, Fault.disconnect());
		StepVerifier.create(this.client.exchangeCode(code))
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(DiscordIoException.class)
				.hasMessageContaining("POST /oauth2/token")
				.hasMessageNotContaining(code))
			.verify(TIMEOUT);
		assertThat(this.fake.journal()).hasSize(1);
	}

	@Test
	void applicationIsReadWithBotAuthAndAWrongBotTokenIsForbidden() {
		StepVerifier.create(this.client.fetchApplication())
			.assertNext((application) -> assertThat(application.id()).isEqualTo(DemoData.APPLICATION_ID))
			.verifyComplete();
		assertThat(last().path()).isEqualTo("/api/v10/oauth2/applications/@me");
		assertThat(last().header("Authorization")).startsWith("Bot");
		ReactiveClient wrongBot = ReactiveClient.of(Client.builder()
			.clientId(DemoData.APPLICATION_ID)
			.botToken("not-the-bot-token")
			.baseUrl(this.fake.baseUrl())
			.build());
		StepVerifier.create(wrongBot.fetchLinkedRolesMetadata())
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(ForbiddenException.class)
				.hasMessageNotContaining("not-the-bot-token"))
			.verify(TIMEOUT);
	}

	@Test
	void badInputAndMissingConfigurationFailOnSubscriptionWithoutSending() {
		ReactiveClient noSecrets = ReactiveClient
			.of(Client.builder().clientId(DemoData.APPLICATION_ID).baseUrl(this.fake.baseUrl()).build());
		this.fake.clearJournal();
		StepVerifier.create(this.client.exchangeCode(" ")).expectError(IllegalArgumentException.class).verify(TIMEOUT);
		StepVerifier.create(noSecrets.exchangeCode("code"))
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(IllegalStateException.class)
				.hasMessageContaining("redirectUri"))
			.verify(TIMEOUT);
		StepVerifier.create(noSecrets.refreshToken("rt"))
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(IllegalStateException.class)
				.hasMessageContaining("clientSecret"))
			.verify(TIMEOUT);
		StepVerifier.create(noSecrets.fetchApplication()).expectError(IllegalStateException.class).verify(TIMEOUT);
		StepVerifier.create(noSecrets.fromAccessToken("t").joinGuild(DemoData.JOIN_GUILD_ID))
			.expectError(IllegalStateException.class)
			.verify(TIMEOUT);
		StepVerifier.create(this.client.fromAccessToken("t").fetchGuildMember(-1))
			.expectError(IllegalArgumentException.class)
			.verify(TIMEOUT);
		StepVerifier.create(this.client.fromAccessToken("t").updateMetadata("x".repeat(51), null, null))
			.expectError(IllegalArgumentException.class)
			.verify(TIMEOUT);
		assertThat(this.fake.journal()).isEmpty();
	}

	@Test
	void usersWebClientBuilderIsClonedAndItsCodecsPlayNoPart() {
		WebClient.Builder users = WebClient.builder()
			.defaultHeader("X-App", "mine")
			.codecs((codecs) -> codecs.registerDefaults(false));
		ReactiveClient client = ReactiveClient.of(Client.builder()
			.clientId(DemoData.APPLICATION_ID)
			.clientSecret(DemoData.CLIENT_SECRET)
			.redirectUri(DemoData.REDIRECT_URI)
			.baseUrl(this.fake.baseUrl())
			.build(), users);
		users.defaultHeader("X-Later", "not-seen");
		String code = this.fake.createAuthorizationCode(DemoData.USER_ID, DemoData.REDIRECT_URI, Set.of("identify"));

		StepVerifier.create(client.exchangeCode(code).flatMap(ReactiveAccessToken::fetchIdentify))
			.assertNext((user) -> assertThat(user.id()).isEqualTo(DemoData.USER_ID))
			.verifyComplete();
		assertThat(this.fake.journal()).allSatisfy((request) -> {
			assertThat(request.header("X-App")).isEqualTo("mine");
			assertThat(request.header("X-Later")).isNull();
			assertThat(request.header("User-Agent")).isEqualTo(Client.userAgent());
		});
		assertThat(this.fake.journal().get(0).body()).startsWith("grant_type=authorization_code");
	}

	@Test
	void theJdkHttpClientConnectorWorksToo() {
		ReactiveClient client = ReactiveClient.of(Client.builder()
			.clientId(DemoData.APPLICATION_ID)
			.clientSecret(DemoData.CLIENT_SECRET)
			.redirectUri(DemoData.REDIRECT_URI)
			.baseUrl(this.fake.baseUrl())
			.build(), WebClient.builder().clientConnector(new JdkClientHttpConnector()));
		ReactiveAccessToken token = client
			.exchangeCode(this.fake.createAuthorizationCode(DemoData.USER_ID, DemoData.REDIRECT_URI, ALL_SCOPES))
			.block(TIMEOUT);
		this.fake.faults().next("GET /users/@me", 1, Fault.status(503));

		ReactiveAccessToken refreshed = token.fetchIdentify().then(token.refresh()).block(TIMEOUT);
		StepVerifier.create(refreshed.fetchGuilds()).expectNextCount(2).verifyComplete();
		// Discord kills the old access token on refresh, so only the new one is used.
		StepVerifier.create(refreshed.fetchGuildMember(DemoData.JOIN_GUILD_ID))
			.expectErrorSatisfies((ex) -> assertThat(((HttpException) ex).status()).isEqualTo(404))
			.verify(TIMEOUT);
	}

	@Test
	void tokensAndClientsPrintNoSecrets() {
		ReactiveAccessToken token = login(Set.of("identify"));
		assertThat(token.toString()).doesNotContain(token.token()).doesNotContain(token.refreshToken());
		assertThat(this.client.fromAccessToken(token.token()).toString()).doesNotContain(token.token());
		assertThat(this.client.toString()).doesNotContain(DemoData.CLIENT_SECRET).doesNotContain(DemoData.BOT_TOKEN);
	}

	@Test
	void everyRequestCarriesUserAgentAndTheV10Prefix() {
		ReactiveAccessToken token = login(ALL_SCOPES);
		token.fetchIdentify()
			.then(token.fetchGuilds().then())
			.then(token.joinGuild(DemoData.JOIN_GUILD_ID))
			.then(token.revoke())
			.block(TIMEOUT);
		assertThat(this.fake.journal()).hasSizeGreaterThanOrEqualTo(5).allSatisfy((request) -> {
			assertThat(request.header("User-Agent")).isEqualTo(Client.userAgent());
			assertThat(request.path()).startsWith("/api/v10/");
		});
	}

}
