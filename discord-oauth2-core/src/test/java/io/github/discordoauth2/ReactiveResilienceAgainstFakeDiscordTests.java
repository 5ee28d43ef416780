package io.github.discordoauth2;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.discordoauth2.exceptions.DiscordIoException;
import io.github.discordoauth2.exceptions.HttpException;
import io.github.discordoauth2.test.DemoData;
import io.github.discordoauth2.test.FakeDiscord;
import io.github.discordoauth2.test.FakeDiscordExtension;
import io.github.discordoauth2.test.Fault;
import io.github.discordoauth2.test.RecordedRequest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.test.StepVerifier;

import static io.github.discordoauth2.ReactiveTesting.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reactive road repeats what the blocking road repeats, and nothing else (the twin of
 * {@link ResilienceAgainstFakeDiscordTests}): 502/503/504 and cut connections for GET,
 * PUT and DELETE, never a token request; backoffs run on Reactor's timers under
 * BlockHound.
 */
class ReactiveResilienceAgainstFakeDiscordTests {

	@RegisterExtension
	final FakeDiscordExtension discord = FakeDiscordExtension.withDemoData();

	private ReactiveClient client;

	@BeforeAll
	static void blockHound() {
		ReactiveTesting.installBlockHound();
	}

	@BeforeEach
	void start() {
		this.client = ReactiveClient.of(ReactiveTesting.clientFor(this.discord.fake()).build());
	}

	private FakeDiscord.Tokens tokens(String... scopes) {
		return this.discord.fake().createToken(DemoData.USER_ID, Set.of(scopes));
	}

	private long sent(String method, String path) {
		return ReactiveTesting.sent(this.discord.fake(), method, path);
	}

	private List<RecordedRequest> journal() {
		return this.discord.fake().journal();
	}

	@Test
	void gatewayErrorsOnAGetAreRetried() {
		this.discord.fake()
			.faults()
			.next("GET /users/@me", 1, Fault.status(503))
			.next("GET /users/@me", 1, Fault.status(502));
		ReactivePartialAccessToken token = this.client.fromAccessToken(tokens("identify").accessToken());

		StepVerifier.create(token.fetchIdentify())
			.assertNext((user) -> assertThat(user.id()).isEqualTo(DemoData.USER_ID))
			.verifyComplete();
		assertThat(journal()).extracting(RecordedRequest::status).containsExactly(503, 502, 200);
	}

	@Test
	void anAnswerSlowerThanTheTimeoutsFailsOnReactorsTimerWithoutBlocking() {
		this.discord.fake().faults().next("GET /users/@me", 1, Fault.delay(Duration.ofSeconds(5)));
		ReactiveClient impatient = ReactiveClient.of(ReactiveTesting.clientFor(this.discord.fake())
			.connectTimeout(Duration.ofMillis(200))
			.readTimeout(Duration.ofMillis(300))
			.build());
		ReactivePartialAccessToken token = impatient.fromAccessToken(tokens("identify").accessToken());

		StepVerifier.create(token.fetchIdentify())
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(DiscordIoException.class)
				.hasMessageContaining("GET /users/@me")
				.hasMessageContaining("TimeoutException: Discord sent no whole answer within 500 ms"))
			.verify(TIMEOUT);
	}

	@Test
	void gatewayErrorsBeyondTheRetriesReachTheCaller() {
		this.discord.fake().faults().next("GET /users/@me", Retries.MAX_RETRIES + 1, Fault.status(504));
		ReactivePartialAccessToken token = this.client.fromAccessToken(tokens("identify").accessToken());

		StepVerifier.create(token.fetchIdentify())
			.expectErrorSatisfies((ex) -> assertThat(((HttpException) ex).status()).isEqualTo(504))
			.verify(TIMEOUT);
		assertThat(sent("GET", "/users/@me")).isEqualTo(Retries.MAX_RETRIES + 1);
	}

	@Test
	void gatewayErrorOnAPutAndADeleteIsRetried() {
		this.discord.fake()
			.faults()
			.next("PUT /users/@me/applications/{id}/role-connection", 1, Fault.status(504))
			.next("DELETE /users/@me/applications/{id}/role-connection", 1, Fault.status(503));
		ReactivePartialAccessToken token = this.client.fromAccessToken(tokens("role_connections.write").accessToken());

		StepVerifier.create(token.updateMetadata("Game", "player-1", Map.of()))
			.assertNext((connection) -> assertThat(connection.platformName()).isEqualTo("Game"))
			.verifyComplete();
		StepVerifier.create(token.clearMetadata()).verifyComplete();
		assertThat(journal()).extracting(RecordedRequest::status).containsExactly(504, 200, 503, 204);
	}

	@Test
	void otherServerErrorsAreNotRetried() {
		this.discord.fake().faults().next("GET /users/@me", 1, Fault.status(500));
		ReactivePartialAccessToken token = this.client.fromAccessToken(tokens("identify").accessToken());

		StepVerifier.create(token.fetchIdentify())
			.expectErrorSatisfies((ex) -> assertThat(((HttpException) ex).status()).isEqualTo(500))
			.verify(TIMEOUT);
		assertThat(sent("GET", "/users/@me")).isEqualTo(1);
	}

	@Test
	void refreshAndCodeExchangeAreNeverRetriedAfterAGatewayError() {
		this.discord.fake()
			.faults()
			.next("POST /oauth2/token", 1, Fault.status(502))
			.next("POST /oauth2/token", 1, Fault.status(503));
		String code = this.discord.fake()
			.createAuthorizationCode(DemoData.USER_ID, DemoData.REDIRECT_URI, Set.of("identify"));

		StepVerifier.create(this.client.refreshToken(tokens("identify").refreshToken()))
			.expectErrorSatisfies((ex) -> assertThat(((HttpException) ex).status()).isEqualTo(502))
			.verify(TIMEOUT);
		StepVerifier.create(this.client.exchangeCode(code))
			.expectErrorSatisfies((ex) -> assertThat(((HttpException) ex).status()).isEqualTo(503))
			.verify(TIMEOUT);
		assertThat(sent("POST", "/oauth2/token")).isEqualTo(2);
	}

	@Test
	void cutConnectionsAreRetriedForAGetButNeverForARefresh() {
		this.discord.fake().faults().next("GET /users/@me", 2, Fault.disconnect());
		ReactivePartialAccessToken token = this.client.fromAccessToken(tokens("identify").accessToken());
		StepVerifier.create(token.fetchIdentify())
			.assertNext((user) -> assertThat(user.id()).isEqualTo(DemoData.USER_ID))
			.verifyComplete();
		assertThat(sent("GET", "/users/@me")).isEqualTo(3);

		String refreshToken = tokens("identify").refreshToken();
		this.discord.fake().faults().next("POST /oauth2/token", 1, Fault.disconnect());
		StepVerifier.create(this.client.refreshToken(refreshToken))
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(DiscordIoException.class)
				.hasMessageContaining("POST /oauth2/token")
				.hasMessageNotContaining(refreshToken)
				.hasMessageNotContaining(this.discord.fake().clientSecret()))
			.verify(TIMEOUT);
		assertThat(sent("POST", "/oauth2/token")).as("a refresh is sent once").isEqualTo(1);
	}

	@Test
	void aSlowAnswerTimesOutNamingTheCallAndIsNotRetried() {
		ReactiveClient impatient = ReactiveClient.of(Client.builder()
			.clientId(this.discord.fake().clientId())
			.baseUrl(this.discord.fake().baseUrl())
			.connectTimeout(Duration.ofMillis(100))
			.readTimeout(Duration.ofMillis(200))
			.build());
		String accessToken = tokens("identify").accessToken();
		this.discord.fake().faults().next("GET /users/@me", 1, Fault.delay(Duration.ofSeconds(2)));

		StepVerifier.create(impatient.fromAccessToken(accessToken).fetchIdentify())
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(DiscordIoException.class)
				.hasMessageContaining("GET /users/@me")
				.hasMessageNotContaining(accessToken))
			.verify(TIMEOUT);
		assertThat(this.discord.fake().stats().requests()).as("requests that reached the fake").isEqualTo(1);
	}

}
