package io.github.discordoauth2;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.github.discordoauth2.model.RoleConnectionMetadata;
import io.github.discordoauth2.model.RoleConnectionMetadataType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Bad input is refused before any request, with a message naming the argument; the
 * scripted server proves that nothing was sent.
 */
class ArgumentValidationTests {

	private ScriptedServer server;

	private Client full;

	private Client bare;

	@BeforeEach
	void start() throws IOException {
		this.server = new ScriptedServer();
		this.full = this.server.client();
		this.bare = Client.builder().clientId(1100000000000000001L).baseUrl(this.server.baseUrl()).build();
	}

	@AfterEach
	void nothingWasSent() {
		assertThat(this.server.received()).isEmpty();
		this.server.close();
	}

	@Test
	void builderRefusesBadSettings() {
		assertThatIllegalStateException().isThrownBy(() -> Client.builder().build()).withMessageContaining("clientId");
		assertThatIllegalArgumentException().isThrownBy(() -> Client.builder().clientId(0))
			.withMessageContaining("clientId");
		assertThatIllegalArgumentException().isThrownBy(() -> Client.builder().clientId(-5))
			.withMessageContaining("clientId");
		assertThatIllegalArgumentException().isThrownBy(() -> Client.builder().clientSecret(" "))
			.withMessageContaining("clientSecret");
		assertThatIllegalArgumentException().isThrownBy(() -> Client.builder().botToken(""))
			.withMessageContaining("botToken");
		assertThatIllegalArgumentException().isThrownBy(() -> Client.builder().redirectUri("/login/callback"))
			.withMessageContaining("redirectUri");
		assertThatIllegalArgumentException().isThrownBy(() -> Client.builder().baseUrl("discord.com"))
			.withMessageContaining("baseUrl");
		assertThatIllegalArgumentException().isThrownBy(() -> Client.builder().readTimeout(Duration.ZERO))
			.withMessageContaining("readTimeout");
		assertThatIllegalArgumentException().isThrownBy(() -> Client.builder().rateLimitMaxWait(Duration.ofSeconds(-1)))
			.withMessageContaining("rateLimitMaxWait");
	}

	@Test
	void tokensMustNotBeBlank() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.full.fromAccessToken(" "))
			.withMessageContaining("accessToken");
		assertThatIllegalArgumentException().isThrownBy(() -> this.full.fromAccessToken(null))
			.withMessageContaining("accessToken");
		assertThatIllegalArgumentException().isThrownBy(() -> this.full.exchangeCode("")).withMessageContaining("code");
		assertThatIllegalArgumentException().isThrownBy(() -> this.full.refreshToken(" "))
			.withMessageContaining("refreshToken");
		assertThatIllegalArgumentException().isThrownBy(() -> this.full.revokeToken("")).withMessageContaining("token");
		assertThatIllegalArgumentException().isThrownBy(() -> this.full.restoreAccessToken("", null, null, List.of()))
			.withMessageContaining("accessToken");
	}

	@Test
	void idsMustBePositive() {
		PartialAccessToken token = this.full.fromAccessToken("token");
		assertThatIllegalArgumentException().isThrownBy(() -> token.fetchGuildMember(0))
			.withMessageContaining("guildId");
		assertThatIllegalArgumentException().isThrownBy(() -> token.joinGuild(-1)).withMessageContaining("guildId");
		assertThatIllegalArgumentException().isThrownBy(() -> token.joinGuild(1, 0, JoinGuildOptions.none()))
			.withMessageContaining("userId");
		assertThatIllegalArgumentException().isThrownBy(() -> JoinGuildOptions.builder().roles(0L))
			.withMessageContaining("roles");
		assertThatIllegalArgumentException().isThrownBy(() -> GuildsQuery.builder().limit(201))
			.withMessageContaining("limit");
	}

	@Test
	void scopesMustNotBeEmpty() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.full.clientCredentialsGrant())
			.withMessageContaining("scopes");
		assertThatIllegalArgumentException().isThrownBy(() -> this.full.clientCredentialsGrant(List.of()))
			.withMessageContaining("scopes");
	}

	@Test
	void redirectUriMustBeAbsoluteAndPresent() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.full.exchangeCode("code", null, "callback"))
			.withMessageContaining("redirectUri");
		assertThatIllegalStateException().isThrownBy(() -> this.bare.exchangeCode("code"))
			.withMessageContaining("redirectUri");
	}

	@Test
	void missingSecretIsNamed() {
		assertThatIllegalStateException().isThrownBy(() -> this.bare.exchangeCode("code", null, "http://localhost/cb"))
			.withMessageContaining("clientSecret");
		assertThatIllegalStateException().isThrownBy(() -> this.bare.refreshToken("refresh"))
			.withMessageContaining("clientSecret");
		assertThatIllegalStateException().isThrownBy(() -> this.bare.clientCredentialsGrant(Scopes.IDENTIFY))
			.withMessageContaining("clientSecret");
		assertThatIllegalStateException().isThrownBy(() -> this.bare.revokeToken("token"))
			.withMessageContaining("clientSecret");
		assertThatIllegalStateException().isThrownBy(() -> this.bare.fromAccessToken("token").revoke())
			.withMessageContaining("clientSecret");
	}

	@Test
	void missingBotTokenIsNamedBeforeAnyRequest() {
		PartialAccessToken token = this.bare.fromAccessToken("token");
		assertThatIllegalStateException().isThrownBy(() -> token.joinGuild(1200000000000000002L))
			.withMessageContaining("botToken");
		assertThatIllegalStateException()
			.isThrownBy(() -> token.joinGuild(1200000000000000002L, JoinGuildOptions.builder().nick("n").build()))
			.withMessageContaining("botToken");
		assertThatIllegalStateException()
			.isThrownBy(() -> token.joinGuild(1200000000000000002L, 5L, JoinGuildOptions.none()))
			.withMessageContaining("botToken");
		assertThatIllegalStateException().isThrownBy(() -> this.bare.fetchApplication())
			.withMessageContaining("botToken");
		assertThatIllegalStateException().isThrownBy(() -> this.bare.fetchLinkedRolesMetadata())
			.withMessageContaining("botToken");
		assertThatIllegalStateException()
			.isThrownBy(() -> this.bare
				.updateLinkedRolesMetadata(List.of(new RoleConnectionMetadata(RoleConnectionMetadataType.BOOLEAN_EQUAL,
						"key", "Name", "Description"))))
			.withMessageContaining("botToken");
	}

	@Test
	void metadataIsCheckedBeforeSending() {
		PartialAccessToken token = this.full.fromAccessToken("token");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> token.updateMetadata("Game", "nelly", Map.of("joined", java.time.LocalDateTime.now())))
			.withMessageContaining("'joined'");
		assertThatIllegalArgumentException().isThrownBy(() -> token.updateMetadata("x".repeat(51), null, Map.of()))
			.withMessageContaining("platformName");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.full
				.updateLinkedRolesMetadata(List.of(new RoleConnectionMetadata(RoleConnectionMetadataType.BOOLEAN_EQUAL,
						"Bad Key", "Name", "Description"))))
			.withMessageContaining("metadata[0].key");
	}

	@Test
	void tokenWithoutRefreshTokenCannotRefresh() {
		AccessToken token = this.full.restoreAccessToken("token", null, null, List.of());
		assertThatIllegalStateException().isThrownBy(token::refresh).withMessageContaining("refreshToken");
		assertThatIllegalStateException().isThrownBy(token::revokeRefreshToken).withMessageContaining("refreshToken");
	}

}
