package io.github.discordoauth2.test;

import java.net.ServerSocket;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.InstanceOfAssertFactories.LIST;
import static org.assertj.core.api.InstanceOfAssertFactories.MAP;

/**
 * Discord's signed webhook events
 * (https://discord.com/developers/docs/events/webhook-events) reach an application's
 * endpoint that verifies them with nothing but the portal's public key and the JDK.
 */
class WebhookEventsTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	private final MutableClock clock = new MutableClock();

	private EventReceiver app;

	private FakeDiscord fake;

	@BeforeEach
	void start() {
		this.app = new EventReceiver(DemoData.WEBHOOK_EVENTS_PUBLIC_KEY);
		this.fake = FakeDiscord.builder()
			.demoData()
			.autoApprove(true)
			.clock(this.clock)
			.webhookEventsUrl(this.app.url())
			.start();
	}

	@AfterEach
	void stop() {
		this.fake.close();
		this.app.close();
	}

	@Test
	void pingIsSignedWithThePortalsPublicKeyAndAcknowledgedWith204() throws Exception {
		assertThat(this.fake.webhookEventsPublicKey()).isEqualTo(DemoData.WEBHOOK_EVENTS_PUBLIC_KEY).hasSize(64);
		WebhookEventDelivery ping = this.fake.webhookEvents().ping().get(10, TimeUnit.SECONDS);
		assertThat(ping.type()).isEqualTo(WebhookEventDelivery.PING);
		assertThat(ping.status()).isEqualTo(204);
		assertThat(ping.acknowledged()).isTrue();
		assertThat(ping.body())
			.isEqualTo("{\"version\":1,\"application_id\":\"" + DemoData.APPLICATION_ID + "\",\"type\":0}");
		assertThat(ping.signatureTimestamp()).isEqualTo(Long.toString(this.clock.instant().getEpochSecond()));
		EventReceiver.Received received = this.app.received().get(0);
		assertThat(received.verified()).isTrue();
		assertThat(received.body()).isEqualTo(ping.body());
		assertThat(received.headers().get("Content-type")).containsExactly("application/json");
		// The same key is the application's verify_key.
		assertThat(new Http(this.fake.baseUrl()).get("/api/v10/oauth2/applications/@me", "Bot " + this.fake.botToken())
			.map()).containsEntry("verify_key", DemoData.WEBHOOK_EVENTS_PUBLIC_KEY);
	}

	@Test
	void aDeliberatelyWrongSignatureIsRecordedWithTheAppsAnswer() throws Exception {
		WebhookEventDelivery check = this.fake.webhookEvents().pingWithInvalidSignature().get(10, TimeUnit.SECONDS);
		assertThat(check.signatureValid()).isFalse();
		assertThat(check.status()).isEqualTo(401);
		assertThat(check.acknowledged()).isFalse();
		assertThat(this.app.received()).singleElement().satisfies(r -> assertThat(r.verified()).isFalse());
	}

	@Test
	void approvingTheConsentSendsApplicationAuthorizedWithUserScopesAndInstallContext() {
		Http http = new Http(this.fake.baseUrl());
		assertThat(http.get("/oauth2/authorize?" + Http.form(Http.authorizeParams("identify email")), null).status())
			.isEqualTo(302);
		WebhookEventDelivery delivery = this.fake.webhookEvents()
			.awaitDelivery(WebhookEventDelivery.APPLICATION_AUTHORIZED, WAIT);
		assertThat(delivery.acknowledged()).isTrue();
		Map<String, Object> body = this.app.received().get(0).json();
		assertThat(body).containsEntry("version", 1)
			.containsEntry("application_id", Long.toString(DemoData.APPLICATION_ID))
			.containsEntry("type", 1);
		Map<String, Object> event = asMap(body.get("event"));
		assertThat(event).containsEntry("type", "APPLICATION_AUTHORIZED")
			.containsEntry("timestamp", "2026-01-01T00:00:00.000000");
		Map<String, Object> data = asMap(event.get("data"));
		assertThat(data).containsEntry("integration_type", 1)
			.containsEntry("scopes", List.of("identify", "email"))
			.doesNotContainKey("guild");
		assertThat(data).extractingByKey("user")
			.asInstanceOf(MAP)
			.containsEntry("id", Long.toString(DemoData.USER_ID))
			.containsEntry("username", DemoData.USERNAME)
			.doesNotContainKey("email");

		// A bot added to a server: guild install, with the server.
		Map<String, String> bot = Http.authorizeParams("bot identify");
		bot.put("guild_id", Long.toString(DemoData.OWNED_GUILD_ID));
		bot.put("permissions", "0");
		assertThat(http.get("/oauth2/authorize?" + Http.form(bot), null).status()).isEqualTo(302);
		this.fake.webhookEvents().awaitDeliveries(2, WAIT);
		Map<String, Object> guildInstall = asMap(asMap(this.app.received().get(1).json().get("event")).get("data"));
		assertThat(guildInstall).containsEntry("integration_type", 0);
		assertThat(guildInstall).extractingByKey("guild")
			.asInstanceOf(MAP)
			.containsEntry("id", Long.toString(DemoData.OWNED_GUILD_ID))
			.extractingByKey("roles")
			.asInstanceOf(LIST)
			.hasSize(1);
	}

	@Test
	void removingTheAppKillsTheUsersTokensAsksConsentAgainAndSendsApplicationDeauthorized() {
		Http http = new Http(this.fake.baseUrl());
		String basic = Http.basic(this.fake.clientId(), this.fake.clientSecret());
		Map<String, String> silent = Http.authorizeParams("identify");
		silent.put("prompt", "none");
		assertThat(http.get("/oauth2/authorize?" + Http.form(Http.authorizeParams("identify")), null).status())
			.isEqualTo(302);
		this.fake.autoApprove(false);
		assertThat(http.get("/oauth2/authorize?" + Http.form(silent), null).status()).isEqualTo(302);
		FakeDiscord.Tokens user = this.fake.createToken(DemoData.USER_ID, Set.of("identify"));
		String appOwn = (String) http
			.postForm("/api/v10/oauth2/token", Map.of("grant_type", "client_credentials", "scope", "identify"), basic)
			.map()
			.get("access_token");

		assertThat(this.fake.deauthorize(DemoData.USER_ID)).isTrue();

		assertThat(http.get("/api/v10/users/@me", "Bearer " + user.accessToken()).status()).isEqualTo(401);
		assertThat(http
			.postForm("/api/v10/oauth2/token",
					Map.of("grant_type", "refresh_token", "refresh_token", user.refreshToken()), basic)
			.map()).containsEntry("error", "invalid_grant");
		// The application's own client-credentials token is not the user's authorization.
		assertThat(http.get("/api/v10/users/@me", "Bearer " + appOwn).status()).isEqualTo(200);
		// Consent is asked again, even with prompt=none.
		assertThat(http.get("/oauth2/authorize?" + Http.form(silent), null).status()).isEqualTo(200);
		WebhookEventDelivery removed = this.fake.webhookEvents()
			.awaitDelivery(WebhookEventDelivery.APPLICATION_DEAUTHORIZED, WAIT);
		assertThat(removed.acknowledged()).isTrue();
		Map<String, Object> event = asMap(Http.JSON.readValue(removed.body(), Map.class).get("event"));
		assertThat(event).containsEntry("type", "APPLICATION_DEAUTHORIZED");
		assertThat(asMap(event.get("data"))).containsOnlyKeys("user")
			.extractingByKey("user")
			.asInstanceOf(MAP)
			.containsEntry("id", Long.toString(DemoData.USER_ID));

		// Removing an app that is not authorized sends nothing: after the two approvals
		// and the removal, the next delivery is the PING (one sender, in order).
		assertThat(this.fake.deauthorize(DemoData.OUTSIDER_USER_ID)).isFalse();
		this.fake.webhookEvents().ping();
		assertThat(this.fake.webhookEvents().awaitDeliveries(4, WAIT)).extracting(WebhookEventDelivery::type)
			.containsExactly(WebhookEventDelivery.APPLICATION_AUTHORIZED, WebhookEventDelivery.APPLICATION_AUTHORIZED,
					WebhookEventDelivery.APPLICATION_DEAUTHORIZED, WebhookEventDelivery.PING);
		assertThat(this.app.received()).allSatisfy(r -> assertThat(r.verified()).isTrue());
	}

	@Test
	void withoutAUrlNothingIsSentAndPingSaysHowToSetOne() {
		this.fake.webhookEvents().url(null);
		assertThatIllegalStateException().isThrownBy(() -> this.fake.webhookEvents().ping())
			.withMessageContaining("webhookEventsUrl");
		Http http = new Http(this.fake.baseUrl());
		assertThat(http.get("/oauth2/authorize?" + Http.form(Http.authorizeParams("identify")), null).status())
			.isEqualTo(302);
		// Set while running, as on the portal; the approval above was not queued.
		this.fake.webhookEvents().url(this.app.url());
		this.fake.webhookEvents().ping();
		assertThat(this.fake.webhookEvents().awaitDeliveries(1, WAIT)).extracting(WebhookEventDelivery::type)
			.containsExactly(WebhookEventDelivery.PING);
		assertThatIllegalArgumentException().isThrownBy(() -> this.fake.webhookEvents().url("/relative"))
			.withMessageContaining("absolute");
		assertThatIllegalArgumentException().isThrownBy(() -> this.fake.webhookEvents().url("ftp://example.com/x"));
	}

	@Test
	void anAppThatDoesNotAnswerIsRecordedWithStatusZeroAndTheReason() throws Exception {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0)) {
			closedPort = socket.getLocalPort();
		}
		this.fake.webhookEvents().url("http://127.0.0.1:" + closedPort + "/events");
		WebhookEventDelivery lost = this.fake.webhookEvents().ping().get(10, TimeUnit.SECONDS);
		assertThat(lost.status()).isZero();
		assertThat(lost.failure()).isNotBlank();
		assertThat(lost.acknowledged()).isFalse();
		assertThat(this.fake.webhookEvents().deliveries()).containsExactly(lost);
		this.fake.webhookEvents().clear();
		assertThat(this.fake.webhookEvents().deliveries()).isEmpty();
		assertThatIllegalStateException()
			.isThrownBy(() -> this.fake.webhookEvents().awaitDeliveries(1, Duration.ofMillis(50)))
			.withMessageContaining("timed out");
	}

	@Test
	void aKeyPairOfYourOwnSignsAndItsPublicKeyIsTheLast32BytesOfX509() throws Exception {
		KeyPair keys = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
		byte[] x509 = keys.getPublic().getEncoded();
		String raw = HexFormat.of().formatHex(Arrays.copyOfRange(x509, x509.length - 32, x509.length));
		try (EventReceiver own = new EventReceiver(raw);
				FakeDiscord custom = FakeDiscord.builder()
					.demoData()
					.webhookEventsKeyPair(keys)
					.webhookEventsUrl(own.url())
					.start()) {
			assertThat(custom.webhookEventsPublicKey()).isEqualTo(raw);
			assertThat(custom.webhookEvents().ping().get(10, TimeUnit.SECONDS).status()).isEqualTo(204);
			assertThat(own.received()).singleElement().satisfies(r -> assertThat(r.verified()).isTrue());
		}
		// The demo key does not verify events signed by another key.
		try (FakeDiscord custom = FakeDiscord.builder()
			.webhookEventsKeyPair(keys)
			.webhookEventsUrl(this.app.url())
			.start()) {
			assertThat(custom.webhookEvents().ping().get(10, TimeUnit.SECONDS).status()).isEqualTo(401);
		}
		KeyPair ed448 = KeyPairGenerator.getInstance("Ed448").generateKeyPair();
		assertThatIllegalArgumentException().isThrownBy(() -> FakeDiscord.builder().webhookEventsKeyPair(ed448))
			.withMessageContaining("Ed25519");
	}

	@Test
	void theAdminDoorSetsTheUrlPingsAndRemovesTheAppOverHttp() {
		Http http = new Http(this.fake.baseUrl());
		this.fake.webhookEvents().url(null);
		assertThat(http
			.send("PUT", "/_fake/webhook-events/url", "application/json", "{\"url\": \"" + this.app.url() + "\"}", null)
			.status()).isEqualTo(204);
		assertThat(this.fake.webhookEvents().url()).isEqualTo(this.app.url());
		Http.Answer ping = http.send("POST", "/_fake/webhook-events/ping", null, null, null);
		assertThat(ping.status()).isEqualTo(200);
		assertThat(ping.map()).containsEntry("type", "PING").containsEntry("status", 204);
		assertThat(http.send("POST", "/_fake/webhook-events/ping?invalid_signature=true", null, null, null).map())
			.containsEntry("status", 401)
			.containsEntry("signature_valid", false);

		this.fake.createToken(DemoData.USER_ID, Set.of("identify"));
		Http.Answer removed = http.send("POST", "/_fake/users/" + DemoData.USER_ID + "/deauthorize", null, null, null);
		assertThat(removed.map()).containsEntry("deauthorized", true);
		this.fake.webhookEvents().awaitDelivery(WebhookEventDelivery.APPLICATION_DEAUTHORIZED, WAIT);
		Http.Answer listed = http.get("/_fake/webhook-events", null);
		assertThat(listed.map()).containsEntry("public_key", DemoData.WEBHOOK_EVENTS_PUBLIC_KEY)
			.extractingByKey("deliveries")
			.asInstanceOf(LIST)
			.hasSize(3);
		assertThat(http.send("POST", "/_fake/users/42/deauthorize", null, null, null).status()).isEqualTo(404);
		assertThat(
				http.send("PUT", "/_fake/webhook-events/url", "application/json", "{\"url\": \"nope\"}", null).status())
			.isEqualTo(400);
		// The admin door is not Discord: nothing of it is journaled.
		assertThat(this.fake.journal()).isEmpty();
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> asMap(Object value) {
		return (Map<String, Object>) value;
	}

}
