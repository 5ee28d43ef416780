package io.github.discordoauth2;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.time.Duration;

import io.github.discordoauth2.AttemptPolicy.Decision;
import io.github.discordoauth2.AttemptPolicy.Next;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpMethod;
import org.springframework.web.client.ResourceAccessException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The one decision both transports carry out after each attempt, without a server: what
 * is sent again, after how long, and when the call gives up.
 */
class AttemptPolicyTests {

	private static final Duration TEN_SECONDS = Duration.ofSeconds(10);

	private static AttemptPolicy started(HttpMethod method) {
		return started(DiscordRequest.of(method, "/route").build());
	}

	private static AttemptPolicy started(DiscordRequest request) {
		AttemptPolicy policy = new AttemptPolicy(request, 0);
		policy.nextAttempt(TEN_SECONDS, 0);
		return policy;
	}

	private static ResourceAccessException cutConnection() {
		return new ResourceAccessException("I/O error", new ConnectException("Connection refused"));
	}

	@Test
	void aGatewayErrorOnAGetIsSentAgainAfterABackoffThatDoublesThenReturned() {
		AttemptPolicy policy = started(HttpMethod.GET);

		Decision first = policy.afterAnswer(502, false);
		assertThat(first.next()).isEqualTo(Next.RESEND);
		assertThat(first.delay()).isBetween(Duration.ofMillis(50), Duration.ofMillis(100));
		policy.nextAttempt(TEN_SECONDS, 1);
		Decision second = policy.afterAnswer(503, false);
		assertThat(second.next()).isEqualTo(Next.RESEND);
		assertThat(second.delay()).isBetween(Duration.ofMillis(100), Duration.ofMillis(200));
		policy.nextAttempt(TEN_SECONDS, 2);
		assertThat(policy.afterAnswer(504, false)).as("after %d retries", Retries.MAX_RETRIES)
			.isEqualTo(Decision.RETURN);
	}

	@Test
	void aGatewayErrorIsSentAgainOnlyForMethodsThatMayBeRepeated() {
		assertThat(started(HttpMethod.PUT).afterAnswer(504, false).next()).isEqualTo(Next.RESEND);
		assertThat(started(HttpMethod.DELETE).afterAnswer(503, false).next()).isEqualTo(Next.RESEND);
		assertThat(started(HttpMethod.POST).afterAnswer(502, false)).isEqualTo(Decision.RETURN);
	}

	@Test
	void otherStatusesAreReturnedAsTheyAre() {
		for (int status : new int[] { 200, 204, 400, 401, 403, 404, 429, 500 }) {
			assertThat(started(HttpMethod.GET).afterAnswer(status, false)).as("status %d", status)
				.isEqualTo(Decision.RETURN);
		}
	}

	@Test
	void aTooManyRequestsTheLimiterWaitsOutIsSentAgainAtOnce() {
		assertThat(started(HttpMethod.GET).afterAnswer(429, true)).isEqualTo(Decision.RESEND_NOW);
		assertThat(started(HttpMethod.POST).afterAnswer(429, true))
			.as("a refresh is repeated after a 429: Discord did not carry it out")
			.isEqualTo(Decision.RESEND_NOW);
	}

	@Test
	void aRequestThatMustBeSentOnceIsNeverSentAgain() {
		DiscordRequest codeExchange = DiscordRequest.of(HttpMethod.POST, "/oauth2/token").notRetryable().build();
		assertThat(started(codeExchange).afterAnswer(429, true)).isEqualTo(Decision.RETURN);
		assertThat(started(codeExchange).afterAnswer(503, false)).isEqualTo(Decision.RETURN);
		assertThat(started(codeExchange).afterFailure(cutConnection())).isEqualTo(Decision.THROW);
		DiscordRequest notRetryableGet = DiscordRequest.of(HttpMethod.GET, "/route").notRetryable().build();
		assertThat(started(notRetryableGet).afterAnswer(502, false)).isEqualTo(Decision.RETURN);
	}

	@Test
	void aCutConnectionIsSentAgainForAGetButATimeoutOrAPostIsThrown() {
		Decision get = started(HttpMethod.GET).afterFailure(cutConnection());
		assertThat(get.next()).isEqualTo(Next.RESEND);
		assertThat(get.delay()).isPositive();
		assertThat(started(HttpMethod.POST).afterFailure(cutConnection())).isEqualTo(Decision.THROW);
		assertThat(started(HttpMethod.GET)
			.afterFailure(new ResourceAccessException("I/O error", new SocketTimeoutException("Read timed out"))))
			.isEqualTo(Decision.THROW);
	}

	@Test
	void resendsAndRetriesTogetherStopAtTheMostAttempts() {
		AttemptPolicy policy = started(HttpMethod.GET);
		for (int attempt = 1; attempt < AttemptPolicy.MAX_ATTEMPTS; attempt++) {
			assertThat(policy.afterAnswer(429, true)).as("attempt %d", attempt).isEqualTo(Decision.RESEND_NOW);
			policy.nextAttempt(TEN_SECONDS, attempt);
		}
		assertThat(policy.afterAnswer(429, true)).isEqualTo(Decision.RETURN);
		assertThat(policy.afterFailure(cutConnection())).isEqualTo(Decision.THROW);

		AttemptPolicy mixed = started(HttpMethod.GET);
		for (int attempt = 1; attempt < AttemptPolicy.MAX_ATTEMPTS - 1; attempt++) {
			mixed.afterAnswer(429, true);
			mixed.nextAttempt(TEN_SECONDS, attempt);
		}
		assertThat(mixed.afterAnswer(502, false).next()).as("the last attempt left").isEqualTo(Next.RESEND);
		mixed.nextAttempt(TEN_SECONDS, 5);
		assertThat(mixed.afterAnswer(502, false)).isEqualTo(Decision.RETURN);
	}

	@Test
	void theMaxWaitBoundsTheWholeCallNotEachAttempt() {
		AttemptPolicy policy = new AttemptPolicy(DiscordRequest.of(HttpMethod.GET, "/route").build(), 1_000);
		assertThat(policy.nextAttempt(TEN_SECONDS, 5_000_000_000L)).as("the first attempt").isEqualTo(TEN_SECONDS);
		assertThat(policy.nextAttempt(TEN_SECONDS, 1_000 + Duration.ofSeconds(4).toNanos()))
			.isEqualTo(Duration.ofSeconds(6));
		assertThat(policy.nextAttempt(TEN_SECONDS, 1_000 + Duration.ofSeconds(11).toNanos())).isZero();
	}

}
