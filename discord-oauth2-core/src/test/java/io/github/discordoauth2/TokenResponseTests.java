package io.github.discordoauth2;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import io.github.discordoauth2.ScriptedServer.Reply;
import io.github.discordoauth2.exceptions.HttpException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Strange answers of the token endpoint, over real loopback HTTP: an absurd
 * {@code expires_in} gives a clamped, documented expiry, and an answer that is not JSON
 * gives a typed exception that quotes none of it.
 */
class TokenResponseTests {

	private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

	private ScriptedServer server;

	private Client client;

	@BeforeEach
	void start() throws IOException {
		this.server = new ScriptedServer();
		this.client = Client.builder()
			.clientId(1100000000000000001L)
			.clientSecret("scripted-client-secret")
			.baseUrl(this.server.baseUrl())
			.rateLimitMaxWait(Duration.ZERO)
			.clock(Clock.fixed(NOW, ZoneOffset.UTC))
			.build();
	}

	@AfterEach
	void stop() {
		this.server.close();
	}

	private AccessToken refreshWithExpiresIn(String expiresIn) {
		this.server.reply(Reply.json(200, "{\"access_token\":\"at\",\"token_type\":\"Bearer\",\"expires_in\":"
				+ expiresIn + ",\"refresh_token\":\"rt2\",\"scope\":\"identify\"}"));
		return this.client.refreshToken("rt");
	}

	@Test
	void aNormalExpiresInCountsFromArrival() {
		assertThat(refreshWithExpiresIn("604800").expiresAt()).isEqualTo(NOW.plus(Duration.ofDays(7)));
	}

	@Test
	void zeroOrNegativeExpiresInGivesATokenThatIsAlreadyExpired() {
		for (String expiresIn : new String[] { "0", "-5", "-1e18" }) {
			AccessToken token = refreshWithExpiresIn(expiresIn);
			assertThat(token.expiresAt()).as(expiresIn).isEqualTo(NOW);
			assertThat(token.isExpired()).as(expiresIn).isTrue();
		}
	}

	@Test
	void anExpiresInBeyondAYearIsClampedToAYearWithoutDateTimeException() {
		for (String expiresIn : new String[] { "1e18", "1e300", "99999999999999999999999", "9223372036854775807",
				"31536001" }) {
			assertThat(refreshWithExpiresIn(expiresIn).expiresAt()).as(expiresIn)
				.isEqualTo(NOW.plus(AccessToken.MAX_EXPIRES_IN))
				.isEqualTo(NOW.plus(Duration.ofDays(365)));
		}
	}

	@Test
	void aNonNumericExpiresInLeavesTheExpiryUnknown() {
		AccessToken token = refreshWithExpiresIn("\"soon\"");
		assertThat(token.expiresAt()).isNull();
		assertThat(token.isExpired()).isFalse();
	}

	@Test
	void aNonJsonTokenAnswerIsATypedErrorThatQuotesNoTokenText() {
		this.server.reply(Reply.text(200, "application/x-www-form-urlencoded",
				"access_token=leaked-access-token-value&token_type=Bearer&refresh_token=leaked-refresh-value"));
		assertThatExceptionOfType(HttpException.class).isThrownBy(() -> this.client.refreshToken("old-refresh"))
			.satisfies((ex) -> {
				assertThat(ex.status()).isEqualTo(200);
				assertThat(ex).hasMessageContaining("POST /oauth2/token")
					.hasMessageContaining("not the expected JSON token response")
					.hasMessageContaining("application/x-www-form-urlencoded")
					.hasMessageNotContaining("leaked-access-token-value")
					.hasMessageNotContaining("leaked-refresh-value")
					.hasMessageNotContaining("access_token=")
					.hasMessageNotContaining("old-refresh");
				assertThat(ex.getCause()).isNull();
			});
	}

	@Test
	void anHtmlTokenAnswerIsATypedErrorToo() {
		this.server.reply(Reply.text(200, "text/html", "<html>access_token: leaked-access-token-value</html>"));
		assertThatExceptionOfType(HttpException.class)
			.isThrownBy(() -> this.client.exchangeCode("a-code", null, "http://localhost:8080/callback"))
			.withMessageContaining("text/html")
			.withMessageNotContaining("leaked-access-token-value")
			.withMessageNotContaining("a-code");
	}

	@Test
	void anEmptyTokenAnswerSaysSo() {
		this.server.reply(Reply.text(200, "application/json", ""));
		assertThatExceptionOfType(HttpException.class)
			.isThrownBy(() -> this.client.clientCredentialsGrant(Scopes.IDENTIFY))
			.withMessageContaining("empty body");
	}

}
