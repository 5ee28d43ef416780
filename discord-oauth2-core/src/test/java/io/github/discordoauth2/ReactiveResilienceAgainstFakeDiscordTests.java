package io.github.discordoauth2;

import java.time.Duration;

import io.github.discordoauth2.exceptions.DiscordIoException;
import io.github.discordoauth2.test.Fault;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import static io.github.discordoauth2.ReactiveTesting.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link ResilienceAgainstFakeDiscordContract} on the non-blocking road, where backoffs
 * and timeouts run on Reactor's timers under BlockHound, and what only that road has: a
 * timeout on the whole answer, from sending to its last byte.
 */
@Tag("reactive")
class ReactiveResilienceAgainstFakeDiscordTests extends ResilienceAgainstFakeDiscordContract {

	ReactiveResilienceAgainstFakeDiscordTests() {
		super(new ReactiveRoad());
	}

	@BeforeAll
	static void blockHound() {
		ReactiveTesting.installBlockHound();
	}

	@Test
	void anAnswerSlowerThanTheTimeoutsFailsOnReactorsTimerWithoutBlocking() {
		this.fake.faults().next("GET /users/@me", 1, Fault.delay(Duration.ofSeconds(5)));
		ReactiveClient impatient = ReactiveClient.of(ReactiveTesting.clientFor(this.fake)
			.connectTimeout(Duration.ofMillis(200))
			.readTimeout(Duration.ofMillis(300))
			.build());
		ReactivePartialAccessToken token = impatient.fromAccessToken(tokens("identify").accessToken());

		StepVerifier.create(token.fetchIdentify())
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(DiscordIoException.class)
				.hasMessageContaining("GET /users/@me")
				.hasMessageContaining("TimeoutException: Discord sent no whole answer within 500 ms"))
			.verify(TIMEOUT);
	}

}
