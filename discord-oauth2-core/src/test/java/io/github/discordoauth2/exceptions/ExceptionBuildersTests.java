package io.github.discordoauth2.exceptions;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The exceptions' builders: what an application (or its test) gets when it makes one.
 */
class ExceptionBuildersTests {

	@Test
	void anHttpExceptionCarriesEverythingSetAndSaysSoWithoutAMessage() {
		Map<String, Object> errors = new HashMap<>();
		errors.put("limit", Map.of("_errors", List.of(Map.of("code", "NUMBER_TYPE_MAX", "message", "too big"))));
		errors.put("nothing", null);
		HttpException ex = HttpException.builder(400)
			.credential(Credential.USER_TOKEN)
			.code(50035)
			.discordMessage("Invalid Form Body")
			.errors(errors)
			.build();
		assertThat(ex.status()).isEqualTo(400);
		assertThat(ex.credential()).isEqualTo(Credential.USER_TOKEN);
		assertThat(ex.code()).isEqualTo(50035);
		assertThat(ex.discordMessage()).isEqualTo("Invalid Form Body");
		assertThat(ex.errors()).containsKeys("limit", "nothing");
		assertThat(ex.error()).isNull();
		assertThat(ex).hasMessage("HTTP 400 with the user's access token, Discord error 50035: Invalid Form Body");
		errors.clear();
		assertThat(ex.errors()).containsKey("limit");
	}

	@Test
	void aMessageSetReplacesTheSummary() {
		assertThat(HttpException.builder(502).message("GET /users/@me: bad gateway").build())
			.hasMessage("GET /users/@me: bad gateway")
			.satisfies((ex) -> assertThat(ex.credential()).isEqualTo(Credential.NONE));
	}

	@Test
	void aForbiddenExceptionIsA401OrA403() {
		ForbiddenException unauthorized = ForbiddenException.unauthorized()
			.credential(Credential.BOT_TOKEN)
			.code(0)
			.discordMessage("401: Unauthorized")
			.build();
		assertThat(unauthorized.status()).isEqualTo(401);
		assertThat(unauthorized.credential()).isEqualTo(Credential.BOT_TOKEN);
		assertThat(unauthorized).hasMessage("HTTP 401 with the bot token, Discord error 0: 401: Unauthorized");
		ForbiddenException forbidden = ForbiddenException.forbidden()
			.credential(Credential.CLIENT_SECRET)
			.error("invalid_client")
			.errorDescription("bad secret")
			.build();
		assertThat(forbidden.status()).isEqualTo(403);
		assertThat(forbidden)
			.hasMessage("HTTP 403 with the client id and client secret, OAuth2 error invalid_client: bad secret");
	}

	@Test
	void anInvalidGrantIsAlwaysA400InvalidGrant() {
		InvalidGrantException ex = InvalidGrantException.builder()
			.error("something_else")
			.errorDescription("Invalid \"code\" in request.")
			.credential(Credential.CLIENT_SECRET)
			.build();
		assertThat(ex.status()).isEqualTo(400);
		assertThat(ex.error()).isEqualTo("invalid_grant");
		assertThat(ex.errorDescription()).isEqualTo("Invalid \"code\" in request.");
	}

	@Test
	void aRateLimitedExceptionIsA429WithItsWait() {
		RateLimitedException ex = RateLimitedException.builder(Duration.ofMillis(1500))
			.global(true)
			.bucket("abcd")
			.scope("global")
			.credential(Credential.BOT_TOKEN)
			.message("GET /applications/@me: rate limited")
			.build();
		assertThat(ex.status()).isEqualTo(429);
		assertThat(ex.retryAfter()).isEqualTo(Duration.ofMillis(1500));
		assertThat(ex.global()).isTrue();
		assertThat(ex.bucket()).isEqualTo("abcd");
		assertThat(ex.scope()).isEqualTo("global");
		assertThat(ex.credential()).isEqualTo(Credential.BOT_TOKEN);
		assertThatIllegalArgumentException().isThrownBy(() -> RateLimitedException.builder(Duration.ofSeconds(-1)));
	}

}
