package io.github.discordoauth2;

import java.time.Duration;
import java.util.Set;

import io.github.discordoauth2.exceptions.ForbiddenException;
import io.github.discordoauth2.exceptions.HttpException;
import io.github.discordoauth2.model.PartialGuild;
import io.github.discordoauth2.model.Permission;
import io.github.discordoauth2.model.Permissions;
import io.github.discordoauth2.test.DemoData;
import io.github.discordoauth2.test.Fault;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

import org.springframework.http.client.reactive.JdkClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link CoreAgainstFakeDiscordContract} on the non-blocking road (Reactor Netty, with
 * BlockHound on), and what only that road has: nothing is sent before subscription,
 * answers arrive on event loops, bad input fails on subscription, and the
 * {@link WebClient} it is built on.
 */
@Tag("reactive")
class ReactiveCoreAgainstFakeDiscordTests extends CoreAgainstFakeDiscordContract {

	private static final Duration TIMEOUT = ReactiveTesting.TIMEOUT;

	private ReactiveClient reactive;

	ReactiveCoreAgainstFakeDiscordTests() {
		super(new ReactiveRoad());
	}

	@BeforeAll
	static void blockHound() {
		ReactiveTesting.installBlockHound();
	}

	@BeforeEach
	void reactiveClient() {
		this.reactive = ((ReactiveRoad) this.road).reactive(this.client);
	}

	private ReactiveAccessToken reactiveLogin(Set<String> scopes) {
		String code = this.fake.createAuthorizationCode(DemoData.USER_ID, DemoData.REDIRECT_URI, scopes);
		return this.reactive.exchangeCode(code).block(TIMEOUT);
	}

	@Test
	void unlikeHttpUrlConnectionWebClientKeepsTheOAuthErrorBodyOfA401() {
		ReactiveClient wrong = ReactiveClient.of(clientWithSecret("not-the-secret"));
		String code = this.fake.createAuthorizationCode(DemoData.USER_ID, DemoData.REDIRECT_URI, Set.of("identify"));
		StepVerifier.create(wrong.exchangeCode(code)).expectErrorSatisfies((ex) -> {
			assertThat(ex).isInstanceOf(ForbiddenException.class).hasMessageNotContaining("not-the-secret");
			assertThat(((ForbiddenException) ex).status()).isEqualTo(401);
			assertThat(((ForbiddenException) ex).error()).isEqualTo("invalid_client");
		}).verify(TIMEOUT);
	}

	@Test
	void nothingIsSentBeforeSubscription() {
		ReactiveAccessToken token = reactiveLogin(Set.of("identify"));
		this.fake.clearJournal();
		Mono<?> identify = token.fetchIdentify();
		Mono<?> refresh = token.refresh();
		assertThat(this.fake.journal()).isEmpty();
		StepVerifier.create(identify.then(refresh)).expectNextCount(1).expectComplete().verify(TIMEOUT);
		assertThat(this.fake.journal()).hasSize(2);
	}

	@Test
	void answersArriveOnAnEventLoopThatBlockHoundWatches() {
		ReactiveAccessToken token = reactiveLogin(Set.of("identify"));
		StepVerifier.create(token.fetchIdentify().map((user) -> Schedulers.isInNonBlockingThread()))
			.expectNext(true)
			.expectComplete()
			.verify(TIMEOUT);
	}

	@Test
	void guildsCarryTheUsersPermissionsAndTheMemberItsRoles() {
		ReactiveAccessToken token = reactiveLogin(ALL_SCOPES);
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
	void badInputAndMissingConfigurationFailOnSubscriptionWithoutSending() {
		ReactiveClient noSecrets = ReactiveClient
			.of(Client.builder().clientId(DemoData.APPLICATION_ID).baseUrl(this.fake.baseUrl()).build());
		this.fake.clearJournal();
		StepVerifier.create(this.reactive.exchangeCode(" "))
			.expectError(IllegalArgumentException.class)
			.verify(TIMEOUT);
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
		StepVerifier.create(this.reactive.fromAccessToken("t").fetchGuildMember(-1))
			.expectError(IllegalArgumentException.class)
			.verify(TIMEOUT);
		StepVerifier.create(this.reactive.fromAccessToken("t").updateMetadata("x".repeat(51), null, null))
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
		ReactiveAccessToken token = reactiveLogin(Set.of("identify"));
		assertThat(token.toString()).doesNotContain(token.token()).doesNotContain(token.refreshToken());
		assertThat(token.toBlocking().token()).isEqualTo(token.token());
		assertThat(this.reactive.fromAccessToken(token.token()).toString()).doesNotContain(token.token());
		assertThat(this.reactive.toString()).doesNotContain(DemoData.CLIENT_SECRET).doesNotContain(DemoData.BOT_TOKEN);
	}

}
