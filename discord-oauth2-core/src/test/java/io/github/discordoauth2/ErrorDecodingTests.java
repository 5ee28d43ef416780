package io.github.discordoauth2;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;

import io.github.discordoauth2.ScriptedServer.Reply;
import io.github.discordoauth2.exceptions.Credential;
import io.github.discordoauth2.exceptions.DiscordIoException;
import io.github.discordoauth2.exceptions.ForbiddenException;
import io.github.discordoauth2.exceptions.HttpException;
import io.github.discordoauth2.exceptions.InvalidGrantException;
import io.github.discordoauth2.exceptions.RateLimitedException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * How the request road turns Discord's answers into exceptions, over real loopback HTTP
 * with scripted answers (including ones FakeDiscord never gives, such as HTML error
 * pages).
 */
class ErrorDecodingTests {

	private static final String TOKEN = "user-access-token-123";

	private ScriptedServer server;

	private Client client;

	@BeforeEach
	void start() throws IOException {
		this.server = new ScriptedServer();
		this.client = this.server.client();
	}

	@AfterEach
	void stop() {
		this.server.close();
	}

	@Test
	void rateLimitFromBodyCarriesRetryAfterGlobalBucketAndScope() {
		this.server.reply(Reply
			.json(429, "{\"message\":\"You are being rate limited.\",\"retry_after\":1.5,\"global\":false}")
			.withHeaders(Map.of("Retry-After", "2", "X-RateLimit-Bucket", "abcd1234", "X-RateLimit-Scope", "user")));
		RateLimitedException ex = catchRateLimited(() -> this.client.fromAccessToken(TOKEN).fetchIdentify());
		assertThat(ex.status()).isEqualTo(429);
		assertThat(ex.retryAfter()).isEqualTo(Duration.ofMillis(1500));
		assertThat(ex.global()).isFalse();
		assertThat(ex.bucket()).isEqualTo("abcd1234");
		assertThat(ex.scope()).isEqualTo("user");
		assertThat(ex.discordMessage()).isEqualTo("You are being rate limited.");
		assertThat(ex).hasMessageContaining("GET /users/@me").hasMessageNotContaining(TOKEN);
	}

	@Test
	void rateLimitWithoutBodyFallsBackToRetryAfterHeaderAndGlobalHeader() {
		this.server.reply(Reply.text(429, "text/plain", "slow down")
			.withHeaders(Map.of("Retry-After", "3", "X-RateLimit-Global", "true", "X-RateLimit-Scope", "global")));
		RateLimitedException ex = catchRateLimited(() -> this.client.fromAccessToken(TOKEN).fetchGuilds());
		assertThat(ex.retryAfter()).isEqualTo(Duration.ofSeconds(3));
		assertThat(ex.global()).isTrue();
		assertThat(ex.scope()).isEqualTo("global");
		assertThat(ex.bucket()).isNull();
	}

	@Test
	void rateLimitWithoutAnyHintWaitsWhatTheLimiterWaits() {
		this.server.reply(Reply.text(429, "text/html", "<html>Too many requests</html>"));
		RateLimitedException ex = catchRateLimited(() -> this.client.fromAccessToken(TOKEN).fetchIdentify());
		assertThat(ex.retryAfter()).isEqualTo(RateLimitResponse.DEFAULT_RETRY_AFTER).isEqualTo(Duration.ofSeconds(1));
	}

	@Test
	void anAbsurdRetryAfterIsReportedCapped() {
		this.server.reply(Reply.json(429, "{\"message\":\"slow\",\"retry_after\":1e18,\"global\":false}"));
		RateLimitedException ex = catchRateLimited(() -> this.client.fromAccessToken(TOKEN).fetchIdentify());
		assertThat(ex.retryAfter()).isEqualTo(RateLimitResponse.MAX_WAIT);
	}

	@Test
	void unauthorizedAndForbiddenBecomeForbiddenExceptionWithDiscordsCode() {
		this.server.reply(Reply.json(401, "{\"message\":\"401: Unauthorized\",\"code\":0}"));
		this.server.reply(Reply.json(403, "{\"message\":\"Missing Access\",\"code\":50001}"));
		ForbiddenException unauthorized = catchForbidden(() -> this.client.fromAccessToken(TOKEN).fetchConnections());
		assertThat(unauthorized.status()).isEqualTo(401);
		assertThat(unauthorized.code()).isZero();
		ForbiddenException forbidden = catchForbidden(
				() -> this.client.fromAccessToken(TOKEN).joinGuild(1200000000000000002L, 1L, JoinGuildOptions.none()));
		assertThat(forbidden.status()).isEqualTo(403);
		assertThat(forbidden.code()).isEqualTo(50001);
		assertThat(forbidden.discordMessage()).isEqualTo("Missing Access");
		assertThat(forbidden).hasMessageContaining("50001")
			.hasMessageNotContaining(TOKEN)
			.hasMessageNotContaining("scripted-bot-token");
	}

	@Test
	void invalidGrantSaysTheUserMustAuthorizeAgain() {
		this.server.reply(Reply.json(400,
				"{\"error\":\"invalid_grant\",\"error_description\":\"Invalid \\\"refresh_token\\\" in request.\"}"));
		assertThatExceptionOfType(InvalidGrantException.class)
			.isThrownBy(() -> this.client.refreshToken("old-refresh-token"))
			.satisfies((ex) -> {
				assertThat(ex.status()).isEqualTo(400);
				assertThat(ex.error()).isEqualTo("invalid_grant");
				assertThat(ex.errorDescription()).contains("refresh_token");
				assertThat(ex).hasMessageContaining("must authorize again")
					.hasMessageNotContaining("old-refresh-token")
					.hasMessageNotContaining("scripted-client-secret");
			});
	}

	@Test
	void otherOAuthErrorsKeepErrorAndDescription() {
		this.server.reply(Reply.json(400,
				"{\"error\":\"invalid_scope\",\"error_description\":\"The requested scope is invalid\"}"));
		assertThatExceptionOfType(HttpException.class).isThrownBy(() -> this.client.clientCredentialsGrant("bogus"))
			.satisfies((ex) -> {
				assertThat(ex).isNotInstanceOf(InvalidGrantException.class);
				assertThat(ex.error()).isEqualTo("invalid_scope");
				assertThat(ex.errorDescription()).isEqualTo("The requested scope is invalid");
			});
	}

	@Test
	void restErrorsKeepCodeMessageAndNestedErrors() {
		this.server.reply(Reply.json(400, """
				{"code":50035,"message":"Invalid Form Body","errors":{"metadata":{"level":{"_errors":[
				 {"code":"BASE_TYPE_REQUIRED","message":"This field is required"}]}}}}"""));
		assertThatExceptionOfType(HttpException.class)
			.isThrownBy(() -> this.client.fromAccessToken(TOKEN).updateMetadata(Map.of("level", 1)))
			.satisfies((ex) -> {
				assertThat(ex.code()).isEqualTo(50035);
				assertThat(ex.discordMessage()).isEqualTo("Invalid Form Body");
				assertThat(ex.errors()).containsKey("metadata");
				assertThat(ex).hasMessageContaining("PUT /users/@me/applications/{application_id}/role-connection")
					.hasMessageContaining("with the user's access token, Discord error 50035: Invalid Form Body "
							+ "[metadata.level: This field is required (BASE_TYPE_REQUIRED)]");
				assertThat(ex.credential()).isEqualTo(Credential.USER_TOKEN);
			});
	}

	@Test
	void fieldErrorsNeverEchoTheValuesOrSecretsOfTheRequest() {
		this.server.reply(Reply.json(400, """
				{"code":50035,"message":"Invalid Form Body","errors":{
				 "access_token":{"_errors":[{"code":"BASE_TYPE_INVALID","message":"Value \\"%s\\" is not valid."}]},
				 "nick":{"_errors":[{"code":"BASE_TYPE_BAD_LENGTH","message":"Nick %s by scripted-bot-token"}]}}}"""
			.formatted(TOKEN, TOKEN)));
		assertThatExceptionOfType(HttpException.class)
			.isThrownBy(() -> this.client.fromAccessToken(TOKEN)
				.joinGuild(1200000000000000002L, 1L, JoinGuildOptions.builder().nick("n").build()))
			.satisfies((ex) -> {
				assertThat(ex.credential()).isEqualTo(Credential.BOT_TOKEN);
				assertThat(ex).hasMessageContaining("with the bot token, Discord error 50035")
					.hasMessageContaining("access_token: Value \"...\" is not valid. (BASE_TYPE_INVALID)")
					.hasMessageContaining("nick: Nick *** by *** (BASE_TYPE_BAD_LENGTH)")
					.hasMessageNotContaining(TOKEN)
					.hasMessageNotContaining("scripted-bot-token");
			});
	}

	@Test
	void notFoundMember() {
		this.server.reply(Reply.json(404, "{\"message\":\"Unknown Guild\",\"code\":10004}"));
		assertThatExceptionOfType(HttpException.class)
			.isThrownBy(() -> this.client.fromAccessToken(TOKEN).fetchGuildMember(1200000000000000009L))
			.satisfies((ex) -> {
				assertThat(ex.status()).isEqualTo(404);
				assertThat(ex.code()).isEqualTo(10004);
			});
	}

	@Test
	void htmlErrorPageSaysWhatArrived() {
		// A GET is tried again after a 502, so every attempt gets the page.
		for (int i = 0; i <= Retries.MAX_RETRIES; i++) {
			this.server.reply(Reply.text(502, "text/html", "<html><body><h1>502 Bad Gateway</h1></body></html>"));
		}
		assertThatExceptionOfType(HttpException.class)
			.isThrownBy(() -> this.client.fromAccessToken(TOKEN).fetchIdentify())
			.satisfies((ex) -> {
				assertThat(ex.status()).isEqualTo(502);
				assertThat(ex.code()).isNull();
				assertThat(ex).hasMessageContaining("text/html").hasMessageContaining("502 Bad Gateway");
				assertThat(ex.getCause()).isNull();
			});
	}

	@Test
	void malformedSuccessBodyIsAnHttpExceptionNotAJacksonError() {
		this.server.reply(Reply.json(200, "{\"id\": \"1\", \"username\": "));
		this.server.reply(Reply.text(200, "text/html", "<html>maintenance</html>"));
		this.server.reply(Reply.json(200, "[1,2,3]"));
		assertThatExceptionOfType(HttpException.class)
			.isThrownBy(() -> this.client.fromAccessToken(TOKEN).fetchIdentify())
			.satisfies((ex) -> {
				assertThat(ex.status()).isEqualTo(200);
				assertThat(ex).hasMessageContaining("not the expected User").hasMessageContaining("application/json");
				assertThat(ex.getCause()).isNull();
			});
		assertThatExceptionOfType(HttpException.class)
			.isThrownBy(() -> this.client.fromAccessToken(TOKEN).fetchIdentify())
			.withMessageContaining("maintenance");
		assertThatExceptionOfType(HttpException.class)
			.isThrownBy(() -> this.client.fromAccessToken(TOKEN).fetchIdentify())
			.withMessageContaining("not the expected User");
	}

	@Test
	void tokenResponseWithoutAccessTokenDoesNotQuoteTheBody() {
		this.server.reply(Reply.json(200, "{\"refresh_token\":\"leaky-refresh-value\",\"token_type\":\"Bearer\"}"));
		assertThatExceptionOfType(HttpException.class).isThrownBy(() -> this.client.exchangeCode("some-code"))
			.withMessageContaining("access_token")
			.withMessageNotContaining("leaky-refresh-value")
			.withMessageNotContaining("some-code");
	}

	@Test
	void hugeBodiesAreNotRead() {
		byte[] huge = new byte[DiscordHttp.MAX_BODY_BYTES + 10];
		java.util.Arrays.fill(huge, (byte) 'x');
		this.server.reply(new Reply(500, "text/plain", huge, Map.of()));
		assertThatExceptionOfType(HttpException.class)
			.isThrownBy(() -> this.client.fromAccessToken(TOKEN).fetchIdentify())
			.satisfies((ex) -> {
				assertThat(ex.status()).isEqualTo(500);
				assertThat(ex).hasMessageContaining("larger than");
				assertThat(ex.getMessage().length()).isLessThan(500);
			});
	}

	@Test
	void aBodyEchoingTheTokenIsScrubbed() {
		this.server.reply(Reply.text(500, "text/plain", "bad token " + TOKEN + " and secret scripted-client-secret"));
		assertThatExceptionOfType(HttpException.class)
			.isThrownBy(() -> this.client.fromAccessToken(TOKEN).fetchIdentify())
			.withMessageContaining("bad token ***")
			.withMessageNotContaining(TOKEN)
			.withMessageNotContaining("scripted-client-secret");
	}

	@Test
	void unreachableDiscordIsADiscordIoExceptionNamingTheRoute() throws IOException {
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		Client offline = Client.builder()
			.clientId(1)
			.clientSecret("offline-secret")
			.baseUrl("http://127.0.0.1:" + port)
			.build();
		assertThatExceptionOfType(DiscordIoException.class)
			.isThrownBy(() -> offline.fromAccessToken(TOKEN).fetchIdentify())
			.withMessageContaining("GET /users/@me")
			.withMessageNotContaining(TOKEN);
	}

	@Test
	void everyRequestCarriesUserAgentAcceptAndApiVersion() {
		this.server.reply(Reply.json(200, "{\"id\":\"1\",\"username\":\"u\"}"));
		this.client.fromAccessToken(TOKEN).fetchIdentify();
		ScriptedServer.Received request = this.server.received().get(0);
		assertThat(request.path()).isEqualTo("/api/v10/users/@me");
		assertThat(request.header("User-Agent")).matches("DiscordBot \\(https://github\\.com/\\S+, [^)]+\\)");
		assertThat(request.header("Authorization")).isEqualTo("Bearer " + TOKEN);
	}

	@Test
	void exceptionsAndTokensPrintNoSecrets() {
		AccessToken token = this.client.restoreAccessToken(TOKEN, "refresh-secret-value", null,
				java.util.List.of("identify"));
		assertThat(token.toString()).doesNotContain(TOKEN).doesNotContain("refresh-secret-value");
		assertThat(this.client.fromAccessToken(TOKEN).toString()).doesNotContain(TOKEN);
		assertThat(this.client.toString()).doesNotContain("scripted-client-secret")
			.doesNotContain("scripted-bot-token");
	}

	private static RateLimitedException catchRateLimited(Runnable call) {
		try {
			call.run();
		}
		catch (RateLimitedException ex) {
			return ex;
		}
		throw new AssertionError("expected RateLimitedException");
	}

	private static ForbiddenException catchForbidden(Runnable call) {
		try {
			call.run();
		}
		catch (ForbiddenException ex) {
			return ex;
		}
		throw new AssertionError("expected ForbiddenException");
	}

}
