package io.github.discordoauth2;

import java.util.Set;

import io.github.discordoauth2.exceptions.Credential;
import io.github.discordoauth2.exceptions.ForbiddenException;
import io.github.discordoauth2.test.DemoData;
import io.github.discordoauth2.test.FakeDiscord;
import io.github.discordoauth2.test.FakeDiscordExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * An exception says which credential Discord refused, so that a 401 on the application's
 * bot token is told apart from a 401 on a user's token without asking Discord again, on
 * either road. Written once; {@link RefusedCredentialsAgainstFakeDiscordTests} runs it on
 * the blocking road and {@link ReactiveRefusedCredentialsAgainstFakeDiscordTests} on the
 * non-blocking one.
 */
abstract class RefusedCredentialsAgainstFakeDiscordContract {

	private static final String WRONG_BOT_TOKEN = "not-the-bot-token";

	private static final String WRONG_SECRET = "not-the-client-secret";

	@RegisterExtension
	FakeDiscordExtension discord = FakeDiscordExtension.configure(
			(b) -> b.demoData().autoApprove(true).allowLoopbackRedirects(true).applicationOwner(DemoData.USER_ID));

	/** The road every call of this suite takes. */
	final Road road;

	private FakeDiscord fake;

	private Client client;

	RefusedCredentialsAgainstFakeDiscordContract(Road road) {
		this.road = road;
	}

	@BeforeEach
	void setUp() {
		this.fake = this.discord.fake();
		this.client = client(DemoData.CLIENT_SECRET, DemoData.BOT_TOKEN);
	}

	private Client client(String clientSecret, String botToken) {
		return Client.builder()
			.clientId(DemoData.APPLICATION_ID)
			.clientSecret(clientSecret)
			.botToken(botToken)
			.redirectUri(DemoData.REDIRECT_URI)
			.baseUrl(this.fake.baseUrl())
			.build();
	}

	private String code(String... scopes) {
		return this.fake.createAuthorizationCode(DemoData.USER_ID, DemoData.REDIRECT_URI, Set.of(scopes));
	}

	/** A user's token that Discord no longer accepts. */
	private String revokedUserToken() {
		AccessToken token = this.road.exchangeCode(this.client, code("identify"));
		this.road.revoke(token);
		return token.token();
	}

	@Test
	void aBotTokenCallRefusedByDiscordSaysBotToken() {
		Client wrongBot = client(DemoData.CLIENT_SECRET, WRONG_BOT_TOKEN);
		assertThatExceptionOfType(ForbiddenException.class)
			.isThrownBy(() -> this.road.fetchLinkedRolesMetadata(wrongBot))
			.satisfies((ex) -> assertRefused(ex, Credential.BOT_TOKEN, 401))
			.withMessageContaining("with the bot token")
			.withMessageContaining("Discord refused the bot token")
			.withMessageNotContaining(WRONG_BOT_TOKEN);
	}

	@Test
	void aUserTokenCallRefusedByDiscordSaysUserToken() {
		String revoked = revokedUserToken();
		assertThatExceptionOfType(ForbiddenException.class)
			.isThrownBy(() -> this.road.fetchIdentify(this.client.fromAccessToken(revoked)))
			.satisfies((ex) -> assertRefused(ex, Credential.USER_TOKEN, 401))
			.withMessageContaining("with the user's access token")
			.withMessageNotContaining(revoked);
	}

	@Test
	void theTokenEndpointRefusingTheClientSecretSaysClientSecret() {
		Client wrongSecret = client(WRONG_SECRET, DemoData.BOT_TOKEN);
		String code = code("identify");
		assertThatExceptionOfType(ForbiddenException.class).isThrownBy(() -> this.road.exchangeCode(wrongSecret, code))
			.satisfies((ex) -> assertRefused(ex, Credential.CLIENT_SECRET, 401))
			.withMessageContaining("with the client id and client secret")
			.withMessageNotContaining(WRONG_SECRET);
	}

	@Test
	void aJoinRefusedForTheUsersTokenInItsBodySaysBotTokenAndDiscordsCode() {
		AccessToken identifyOnly = this.road.exchangeCode(this.client, code("identify"));
		assertThatExceptionOfType(ForbiddenException.class)
			.isThrownBy(() -> this.road.joinGuild(identifyOnly, DemoData.JOIN_GUILD_ID, DemoData.USER_ID,
					JoinGuildOptions.none()))
			.satisfies((ex) -> {
				assertRefused(ex, Credential.BOT_TOKEN, 403);
				assertThat(ex.code()).isEqualTo(50025);
			})
			.withMessageContaining("the user's access token is invalid or lacks the scope")
			.withMessageNotContaining(identifyOnly.token())
			.withMessageNotContaining(DemoData.BOT_TOKEN);
	}

	private static void assertRefused(Throwable ex, Credential credential, int status) {
		assertThat(ex).isInstanceOf(ForbiddenException.class);
		ForbiddenException refused = (ForbiddenException) ex;
		assertThat(refused.credential()).isEqualTo(credential);
		assertThat(refused.status()).isEqualTo(status);
		assertThat(refused).hasMessageNotContaining(DemoData.CLIENT_SECRET).hasMessageNotContaining(WRONG_SECRET);
	}

}
