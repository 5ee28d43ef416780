package io.github.discordoauth2.test;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RateLimitsAndFaultsTests {

	private static final String ME = "/api/v10/users/@me";

	@Test
	void routeBucketsCountPerTokenAndAnswer429LikeDiscord() {
		MutableClock clock = new MutableClock();
		try (FakeDiscord fake = FakeDiscord.builder()
			.demoData()
			.clock(clock)
			.rateLimits(RateLimits.builder().route("GET /users/@me", 2, Duration.ofMillis(1500)).build())
			.start()) {
			Http http = new Http(fake.baseUrl());
			String a = "Bearer " + fake.createToken(DemoData.USER_ID, Set.of("identify")).accessToken();
			String b = "Bearer " + fake.createToken(DemoData.OTHER_USER_ID, Set.of("identify")).accessToken();

			Http.Answer first = http.get(ME, a);
			assertThat(first.status()).isEqualTo(200);
			assertThat(first.header("X-RateLimit-Limit")).isEqualTo("2");
			assertThat(first.header("X-RateLimit-Remaining")).isEqualTo("1");
			assertThat(first.header("X-RateLimit-Reset-After")).isEqualTo("1.500");
			assertThat(first.header("X-RateLimit-Reset")).matches("\\d+\\.\\d{3}");
			assertThat(first.header("X-RateLimit-Bucket")).isNotBlank();
			assertThat(http.get(ME, a).header("X-RateLimit-Remaining")).isEqualTo("0");

			Http.Answer limited = http.get(ME, a);
			assertThat(limited.status()).isEqualTo(429);
			assertThat(limited.map()).containsEntry("retry_after", 1.5)
				.containsEntry("global", false)
				.containsKey("message");
			assertThat(limited.header("Retry-After")).isEqualTo("2");
			assertThat(limited.header("X-RateLimit-Scope")).isEqualTo("user");
			assertThat(limited.header("X-RateLimit-Remaining")).isEqualTo("0");

			// Another token has its own bucket; other routes are not limited.
			assertThat(http.get(ME, b).status()).isEqualTo(200);
			assertThat(http.get(ME + "/guilds", a).status()).isEqualTo(401);

			clock.advance(Duration.ofMillis(1500));
			assertThat(http.get(ME, a).status()).isEqualTo(200);
			assertThat(fake.stats().rateLimited()).isEqualTo(1);
			assertThat(fake.stats().invalidRequests()).isEqualTo(2);
			assertThat(fake.stats().requests()).isEqualTo(6);
		}
	}

	@Test
	void globalLimitAnswersGlobal429() {
		try (FakeDiscord fake = FakeDiscord.builder()
			.demoData()
			.clock(new MutableClock())
			.rateLimits(
					RateLimits.builder().global(2, Duration.ofSeconds(1)).everyRoute(10, Duration.ofSeconds(1)).build())
			.start()) {
			Http http = new Http(fake.baseUrl());
			String t = "Bearer " + fake.createToken(DemoData.USER_ID, Set.of("identify", "guilds")).accessToken();
			assertThat(http.get(ME, t).status()).isEqualTo(200);
			assertThat(http.get(ME + "/guilds", t).header("X-RateLimit-Limit")).isEqualTo("10");
			Http.Answer limited = http.get(ME, t);
			assertThat(limited.status()).isEqualTo(429);
			assertThat(limited.map()).containsEntry("global", true).containsEntry("retry_after", 1.0);
			assertThat(limited.header("X-RateLimit-Global")).isEqualTo("true");
			assertThat(limited.header("X-RateLimit-Scope")).isEqualTo("global");
		}
	}

	@Test
	void rateLimitsAreOffByDefault() {
		try (FakeDiscord fake = FakeDiscord.builder().demoData().start()) {
			Http http = new Http(fake.baseUrl());
			String t = "Bearer " + fake.createToken(DemoData.USER_ID, Set.of("identify")).accessToken();
			for (int i = 0; i < 60; i++) {
				assertThat(http.get(ME, t).status()).isEqualTo(200);
			}
			assertThat(http.get(ME, t).header("X-RateLimit-Limit")).isNull();
		}
	}

	@Test
	void faultsHitTheNextRequestsOnlyThenTheRouteRecovers() {
		try (FakeDiscord fake = FakeDiscord.builder().demoData().start()) {
			Http http = new Http(fake.baseUrl());
			String t = "Bearer " + fake.createToken(DemoData.USER_ID, Set.of("identify")).accessToken();
			fake.faults()
				.next("GET /users/@me", 2, Fault.status(502))
				.next("/users/@me", 1, Fault.malformedJson())
				.next("GET /users/@me", 1, Fault.rateLimited(Duration.ofMillis(250)))
				.next("POST /oauth2/token", 1, Fault.status(503));
			assertThat(fake.faults().pending()).isEqualTo(5);

			Http.Answer bad = http.get(ME, t);
			assertThat(bad.status()).isEqualTo(502);
			assertThat(bad.map()).containsEntry("message", "502: Bad Gateway");
			assertThat(http.get("/api/v9/users/@me", t).status()).isEqualTo(502);
			Http.Answer malformed = http.get(ME, t);
			assertThat(malformed.status()).isEqualTo(200);
			assertThatThrownBy(malformed::json).isInstanceOf(RuntimeException.class);
			Http.Answer limited = http.get(ME, t);
			assertThat(limited.status()).isEqualTo(429);
			assertThat(limited.map()).containsEntry("retry_after", 0.25);
			assertThat(limited.header("Retry-After")).isEqualTo("1");
			assertThat(http.get(ME, t).status()).isEqualTo(200);

			assertThat(http.postForm("/api/oauth2/token", java.util.Map.of(), null).status()).isEqualTo(503);
			assertThat(fake.faults().pending()).isZero();
			assertThat(fake.stats().rateLimited()).isEqualTo(1);
		}
	}

	@Test
	void proxyPagesHugeBodiesAndCutConnections() {
		try (FakeDiscord fake = FakeDiscord.builder().demoData().start()) {
			Http http = new Http(fake.baseUrl());
			String t = "Bearer " + fake.createToken(DemoData.USER_ID, Set.of("identify")).accessToken();
			fake.faults()
				.next("GET /users/@me", 1, Fault.htmlPage(502))
				.next("GET /users/@me", 1, Fault.body(200, "", ""))
				.next("GET /users/@me", 1, Fault.hugeBody(3_000_000))
				// Twice: the JDK client quietly retries an idempotent GET once on a
				// dropped connection.
				.next("GET /users/@me", 2, Fault.disconnect());
			Http.Answer html = http.get(ME, t);
			assertThat(html.status()).isEqualTo(502);
			assertThat(html.header("Content-Type")).isEqualTo("text/html");
			assertThat(html.body()).contains("<h1>502 Bad Gateway</h1>");
			Http.Answer empty = http.get(ME, t);
			assertThat(empty.status()).isEqualTo(200);
			assertThat(empty.body()).isEmpty();
			Http.Answer huge = http.get(ME, t);
			assertThat(huge.body()).hasSize(3_000_000).startsWith("\"xxx");
			assertThatThrownBy(() -> http.get(ME, t)).isInstanceOf(java.io.UncheckedIOException.class);
			assertThat(http.get(ME, t).status()).isEqualTo(200);
			assertThat(fake.journal()).extracting(RecordedRequest::status).containsExactly(502, 200, 200, 0, 0, 200);
		}
	}

	@Test
	void aDelayedRequestDoesNotHoldUpOthers() throws Exception {
		try (FakeDiscord fake = FakeDiscord.builder().demoData().start()) {
			Http http = new Http(fake.baseUrl());
			String t = "Bearer " + fake.createToken(DemoData.USER_ID, Set.of("identify", "guilds")).accessToken();
			fake.faults().next("GET /users/@me/guilds", 1, Fault.delay(Duration.ofSeconds(1)));
			CompletableFuture<Http.Answer> slow = CompletableFuture.supplyAsync(() -> http.get(ME + "/guilds", t));
			// Wait until the slow request has arrived (its fault is consumed), then ask
			// something else.
			while (fake.faults().pending() > 0) {
				Thread.sleep(5);
			}
			assertThat(http.get(ME, t).status()).isEqualTo(200);
			assertThat(slow).isNotDone();
			assertThat(slow.get(5, TimeUnit.SECONDS).status()).isEqualTo(200);
		}
	}

	@Test
	void badSettingsAreRejectedWithTheirName() {
		assertThatThrownBy(() -> Fault.status(200)).hasMessageContaining("status");
		assertThatThrownBy(() -> RateLimits.builder().route("users/@me", 1, Duration.ofSeconds(1)))
			.hasMessageContaining("route");
		assertThatThrownBy(() -> RateLimits.builder().global(0, Duration.ofSeconds(1))).hasMessageContaining("limit");
		assertThatThrownBy(() -> new Faults().next("GET /users/@me", 0, Fault.malformedJson()))
			.hasMessageContaining("times");
	}

}
