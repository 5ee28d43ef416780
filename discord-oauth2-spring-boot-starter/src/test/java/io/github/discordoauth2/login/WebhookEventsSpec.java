package io.github.discordoauth2.login;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import io.github.discordoauth2.security.tokens.DiscordTokenStore;
import io.github.discordoauth2.test.DemoData;
import io.github.discordoauth2.test.WebhookEventDelivery;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Discord's signed webhook events keep the token store honest, the same on both stacks: a
 * user who removes the application in (Fake)Discord has no stored tokens once Discord's
 * delivery is answered, and nothing unsigned, forged or replayed gets through. Each stack
 * runs this specification with its own application.
 */
abstract class WebhookEventsSpec extends ComposedLoginTests {

	@Autowired
	DiscordTokenStore store;

	private final TestBrowser browser = new TestBrowser();

	@BeforeEach
	void warmUpTheEndpoint() throws Exception {
		// The first delivery to a fresh application pays for its lazy start-up; Discord
		// (and
		// the fake) give up after 3 seconds, which a loaded machine can exceed.
		discord.fake().webhookEvents().url(url("/discord/events"));
		discord.fake().webhookEvents().ping().get();
		discord.fake().webhookEvents().url(null);
		discord.fake().webhookEvents().clear();
	}

	@AfterEach
	void stopSendingEvents() {
		discord.fake().webhookEvents().url(null);
		discord.fake().webhookEvents().clear();
	}

	@Test
	void aUserWhoRemovesTheAppInDiscordHasNoStoredTokensOnceTheEventIsAnswered() {
		assertThat(this.browser.follow(url("/me")).statusCode()).isEqualTo(200);
		assertThat(this.store.load("discord", DemoData.USER_ID)).isNotNull();
		discord.fake().webhookEvents().url(url("/discord/events"));

		discord.fake().deauthorize(DemoData.USER_ID);

		WebhookEventDelivery delivery = discord.fake()
			.webhookEvents()
			.awaitDelivery(WebhookEventDelivery.APPLICATION_DEAUTHORIZED, Duration.ofSeconds(10));
		assertThat(delivery.status()).isEqualTo(204);
		// The tokens are removed before the endpoint answers, so Discord's 204 means
		// gone.
		assertThat(this.store.load("discord", DemoData.USER_ID)).isNull();
	}

	@Test
	void aPingIsAnsweredWithoutLoginOrCsrfAndAForgedOneIsRefused() throws Exception {
		discord.fake().webhookEvents().url(url("/discord/events"));

		assertThat(discord.fake().webhookEvents().ping().get().status()).isEqualTo(204);
		assertThat(discord.fake().webhookEvents().pingWithInvalidSignature().get().status()).isEqualTo(401);
	}

	@Test
	void aReplayedEventIsRefused() throws Exception {
		assertThat(this.browser.follow(url("/me")).statusCode()).isEqualTo(200);
		discord.fake().webhookEvents().url(url("/discord/events"));
		discord.fake().deauthorize(DemoData.USER_ID);
		WebhookEventDelivery event = discord.fake()
			.webhookEvents()
			.awaitDelivery(WebhookEventDelivery.APPLICATION_DEAUTHORIZED, Duration.ofSeconds(10));
		assertThat(event.status()).isEqualTo(204);

		// What a replay would change is specified in DiscordWebhookEventHandlerTests.
		assertThat(post("/discord/events", event).statusCode()).isEqualTo(401);
	}

	@Test
	void noOtherPathSkipsLoginOrCsrf() throws Exception {
		discord.fake().webhookEvents().url(url("/discord/events"));
		WebhookEventDelivery ping = discord.fake().webhookEvents().ping().get();

		assertThat(post("/discord/events/other", ping).statusCode()).isIn(302, 401, 403);
	}

	private HttpResponse<String> post(String path, WebhookEventDelivery delivery) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create(url(path)))
			.header("Content-Type", "application/json")
			.header("X-Signature-Ed25519", delivery.signature())
			.header("X-Signature-Timestamp", delivery.signatureTimestamp())
			.POST(HttpRequest.BodyPublishers.ofString(delivery.body()))
			.build();
		return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
	}

}
