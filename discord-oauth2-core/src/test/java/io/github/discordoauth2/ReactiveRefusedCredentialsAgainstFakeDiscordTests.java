package io.github.discordoauth2;

import java.time.Duration;
import java.util.Set;

import io.github.discordoauth2.exceptions.Credential;
import io.github.discordoauth2.exceptions.ForbiddenException;
import io.github.discordoauth2.test.DemoData;
import io.github.discordoauth2.test.FakeDiscord;
import io.github.discordoauth2.test.FakeDiscordExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reactive road says which credential Discord refused, as the blocking one does
 * ({@link RefusedCredentialsAgainstFakeDiscordTests}).
 */
class ReactiveRefusedCredentialsAgainstFakeDiscordTests {

	private static final Duration TIMEOUT = ReactiveTesting.TIMEOUT;

	private static final String WRONG_BOT_TOKEN = "not-the-bot-token";

	private static final String WRONG_SECRET = "not-the-client-secret";

	@RegisterExtension
	FakeDiscordExtension discord = FakeDiscordExtension.configure(
			(b) -> b.demoData().autoApprove(true).allowLoopbackRedirects(true).applicationOwner(DemoData.USER_ID));

	private FakeDiscord fake;

	@BeforeAll
	static void blockHound() {
		ReactiveTesting.installBlockHound();
	}

	@BeforeEach
	void setUp() {
		this.fake = this.discord.fake();
	}

	private ReactiveClient client(String clientSecret, String botToken) {
		return ReactiveClient.of(Client.builder()
			.clientId(DemoData.APPLICATION_ID)
			.clientSecret(clientSecret)
			.botToken(botToken)
			.redirectUri(DemoData.REDIRECT_URI)
			.baseUrl(this.fake.baseUrl())
			.build());
	}

	@Test
	void aBotTokenCallRefusedByDiscordSaysBotToken() {
		StepVerifier.create(client(DemoData.CLIENT_SECRET, WRONG_BOT_TOKEN).fetchLinkedRolesMetadata())
			.expectErrorSatisfies((ex) -> {
				assertRefused(ex, Credential.BOT_TOKEN, 401);
				assertThat(ex).hasMessageContaining("Discord refused the bot token")
					.hasMessageNotContaining(WRONG_BOT_TOKEN);
			})
			.verify(TIMEOUT);
	}

	@Test
	void aUserTokenCallRefusedByDiscordSaysUserToken() {
		String token = this.fake.createToken(DemoData.USER_ID, Set.of("identify")).accessToken();
		this.fake.revokeToken(token);
		StepVerifier.create(client(DemoData.CLIENT_SECRET, DemoData.BOT_TOKEN).fromAccessToken(token).fetchIdentify())
			.expectErrorSatisfies((ex) -> {
				assertRefused(ex, Credential.USER_TOKEN, 401);
				assertThat(ex).hasMessageContaining("with the user's access token").hasMessageNotContaining(token);
			})
			.verify(TIMEOUT);
	}

	@Test
	void theTokenEndpointRefusingTheClientSecretSaysClientSecret() {
		String code = this.fake.createAuthorizationCode(DemoData.USER_ID, DemoData.REDIRECT_URI, Set.of("identify"));
		StepVerifier.create(client(WRONG_SECRET, DemoData.BOT_TOKEN).exchangeCode(code)).expectErrorSatisfies((ex) -> {
			assertRefused(ex, Credential.CLIENT_SECRET, 401);
			assertThat(ex).hasMessageNotContaining(WRONG_SECRET);
		}).verify(TIMEOUT);
	}

	private static void assertRefused(Throwable ex, Credential credential, int status) {
		assertThat(ex).isInstanceOf(ForbiddenException.class);
		ForbiddenException refused = (ForbiddenException) ex;
		assertThat(refused.credential()).isEqualTo(credential);
		assertThat(refused.status()).isEqualTo(status);
	}

}
