package io.github.discordoauth2.security;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.discordoauth2.Client;
import io.github.discordoauth2.security.tokens.DiscordTokens;
import io.github.discordoauth2.security.tokens.DiscordTokensRemovedEvent;
import io.github.discordoauth2.security.tokens.InMemoryDiscordTokenStore;
import io.github.discordoauth2.support.MovableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * What Discord's signed webhook events may and may not do, on a key pair made here.
 */
class DiscordWebhookEventHandlerTests {

	private static final long USER_ID = 80351110224678912L;

	private final List<Object> published = new CopyOnWriteArrayList<>();

	private final MovableClock clock = new MovableClock();

	private KeyPair keys;

	private InMemoryDiscordTokenStore store;

	private DiscordWebhookEventHandler handler;

	@BeforeEach
	void setUp() throws Exception {
		this.keys = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
		this.store = new InMemoryDiscordTokenStore(100, Clock.systemUTC());
		Client client = Client.builder()
			.clientId(1100000000000000001L)
			.clientSecret("secret")
			.redirectUri("http://localhost/callback")
			.build();
		DiscordTokens tokens = new DiscordTokens(client, "discord", this.store, this.published::add,
				Duration.ofSeconds(60), Duration.ZERO);
		this.handler = new DiscordWebhookEventHandler(publicKeyHex(this.keys), Duration.ofMinutes(5), this.clock,
				tokens, this.published::add);
		this.store.save(authorizedClient(), USER_ID);
		this.store.saveLink("discord", "local:alice", USER_ID);
	}

	@Test
	void aSignedDeauthorizationRemovesTheUsersTokensAndLinks() throws Exception {
		String body = deauthorized(USER_ID);

		assertThat(deliver(body, now(), sign(now(), body))).isEqualTo(204);

		assertThat(this.store.load("discord", USER_ID)).isNull();
		assertThat(this.store.linkedUserId("discord", "local:alice")).isNull();
		assertThat(this.published).filteredOn(DiscordTokensRemovedEvent.class::isInstance)
			.singleElement()
			.extracting((event) -> ((DiscordTokensRemovedEvent) event).reason())
			.isEqualTo(DiscordTokensRemovedEvent.Reason.DEAUTHORIZED);
		assertThat(this.published).filteredOn(DiscordWebhookEvent.class::isInstance)
			.singleElement()
			.satisfies((event) -> {
				DiscordWebhookEvent webhook = (DiscordWebhookEvent) event;
				assertThat(webhook.type()).isEqualTo(DiscordWebhookEvent.APPLICATION_DEAUTHORIZED);
				assertThat(webhook.userId()).contains(USER_ID);
			});
	}

	@Test
	void aPingIsAnsweredWithNoContentAndChangesNothing() throws Exception {
		String body = "{\"version\":1,\"application_id\":\"1100000000000000001\",\"type\":0}";

		assertThat(deliver(body, now(), sign(now(), body))).isEqualTo(204);
		// The same PING again in the same second is the same signature: still a PING.
		assertThat(deliver(body, now(), sign(now(), body))).isEqualTo(204);

		assertThat(this.store.load("discord", USER_ID)).isNotNull();
		assertThat(this.published).isEmpty();
	}

	@Test
	void anAuthorizationIsPublishedWithItsScopes() throws Exception {
		String body = "{\"version\":1,\"application_id\":\"1100000000000000001\",\"type\":1,\"event\":{\"type\":"
				+ "\"APPLICATION_AUTHORIZED\",\"timestamp\":\"2026-12-07T10:00:00Z\",\"data\":{\"integration_type\":1,"
				+ "\"scopes\":[\"identify\",\"guilds\"],\"user\":{\"id\":\"" + USER_ID + "\",\"username\":\"a\"}}}}";

		assertThat(deliver(body, now(), sign(now(), body))).isEqualTo(204);

		assertThat(this.published).singleElement().satisfies((event) -> {
			DiscordWebhookEvent webhook = (DiscordWebhookEvent) event;
			assertThat(webhook.type()).isEqualTo(DiscordWebhookEvent.APPLICATION_AUTHORIZED);
			assertThat(webhook.scopes()).containsExactly("identify", "guilds");
		});
		assertThat(this.store.load("discord", USER_ID)).isNotNull();
	}

	@Test
	void aForgedOrAlteredDeliveryIsRefusedAndChangesNothing() throws Exception {
		String body = deauthorized(USER_ID);
		String signature = sign(now(), body);
		KeyPair other = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();

		assertThat(deliver(deauthorized(USER_ID + 1), now(), signature)).isEqualTo(401);
		assertThat(deliver(body, Long.toString(this.clock.instant().getEpochSecond() + 1), signature)).isEqualTo(401);
		assertThat(deliver(body, now(), sign(other, now(), body))).isEqualTo(401);
		assertThat(deliver(body, now(), "zz")).isEqualTo(401);
		assertThat(this.handler.handle(null, now(), body.getBytes(StandardCharsets.UTF_8))).isEqualTo(401);
		assertThat(this.handler.handle(signature, null, body.getBytes(StandardCharsets.UTF_8))).isEqualTo(401);
		assertThat(this.handler.handle(signature, now(), null)).isEqualTo(401);

		assertThat(this.store.load("discord", USER_ID)).isNotNull();
		assertThat(this.published).isEmpty();
	}

	@Test
	void aStaleOrReplayedDeliveryIsRefused() throws Exception {
		String body = deauthorized(USER_ID + 1);
		String then = now();
		String signature = sign(then, body);

		assertThat(deliver(body, then, signature)).isEqualTo(204);
		assertThat(deliver(body, then, signature)).isEqualTo(401);
		assertThat(deliver(body, then, signature.toUpperCase())).isEqualTo(401);

		String later = deauthorized(USER_ID);
		String laterSignature = sign(then, later);
		this.clock.advance(Duration.ofMinutes(6));
		assertThat(deliver(later, then, laterSignature)).isEqualTo(401);
		assertThat(this.store.load("discord", USER_ID)).isNotNull();
	}

	@Test
	void aSignedBodyThatIsNotAnEventIsABadRequest() throws Exception {
		String body = "not json";

		assertThat(deliver(body, now(), sign(now(), body))).isEqualTo(400);
	}

	@Test
	void aKeyThatIsNotThirtyTwoHexBytesIsRefusedWithWhatTheKeyShouldBe() {
		assertThatIllegalArgumentException().isThrownBy(() -> DiscordWebhookEventHandler.publicKey("abc"))
			.withMessageContaining("64 hexadecimal characters");
		assertThatIllegalArgumentException().isThrownBy(() -> DiscordWebhookEventHandler.publicKey(null));
	}

	private int deliver(String body, String timestamp, String signature) {
		return this.handler.handle(signature, timestamp, body.getBytes(StandardCharsets.UTF_8));
	}

	private String now() {
		return Long.toString(this.clock.instant().getEpochSecond());
	}

	private String sign(String timestamp, String body) throws Exception {
		return sign(this.keys, timestamp, body);
	}

	private static String sign(KeyPair keys, String timestamp, String body) throws Exception {
		Signature signer = Signature.getInstance("Ed25519");
		signer.initSign(keys.getPrivate());
		signer.update((timestamp + body).getBytes(StandardCharsets.UTF_8));
		return HexFormat.of().formatHex(signer.sign());
	}

	private static String publicKeyHex(KeyPair keys) {
		byte[] encoded = keys.getPublic().getEncoded();
		return HexFormat.of().formatHex(Arrays.copyOfRange(encoded, encoded.length - 32, encoded.length));
	}

	private static String deauthorized(long userId) {
		return "{\"version\":1,\"application_id\":\"1100000000000000001\",\"type\":1,\"event\":{\"type\":"
				+ "\"APPLICATION_DEAUTHORIZED\",\"timestamp\":\"2026-12-07T10:00:00Z\",\"data\":{\"user\":{\"id\":\""
				+ userId + "\",\"username\":\"a\"}}}}";
	}

	private static OAuth2AuthorizedClient authorizedClient() {
		ClientRegistration registration = ClientRegistration.withRegistrationId("discord")
			.clientId("1100000000000000001")
			.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
			.redirectUri("http://localhost/callback")
			.authorizationUri("https://discord.com/oauth2/authorize")
			.tokenUri("https://discord.com/api/oauth2/token")
			.build();
		Instant issued = Instant.now();
		return new OAuth2AuthorizedClient(registration, Long.toString(USER_ID),
				new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, "access", issued, issued.plusSeconds(600)),
				new OAuth2RefreshToken("refresh", issued));
	}

}
