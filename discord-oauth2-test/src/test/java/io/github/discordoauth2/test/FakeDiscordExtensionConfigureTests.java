package io.github.discordoauth2.test;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link FakeDiscordExtension#configure} keeps the test defaults (immediate approval,
 * loopback redirects), so that a login test written from docs/fake-discord.md works
 * against an app on a random port.
 */
class FakeDiscordExtensionConfigureTests {

	@RegisterExtension
	static FakeDiscordExtension discord = FakeDiscordExtension
		.configure(b -> b.demoData().rateLimits(RateLimits.builder().everyRoute(50, Duration.ofSeconds(1)).build()));

	@RegisterExtension
	static FakeDiscordExtension asking = FakeDiscordExtension.configure(b -> b.demoData().autoApprove(false));

	/** An app under test on a random port, whose redirect is not registered. */
	private static Map<String, String> loginFromARandomPort() {
		Map<String, String> p = Http.authorizeParams("identify email");
		p.put("redirect_uri", "http://localhost:54321/login/oauth2/code/discord");
		return p;
	}

	@Test
	void configureKeepsAutoApproveAndLoopbackRedirects() {
		FakeDiscord fake = discord.fake();
		assertThat(fake.autoApprove()).isTrue();
		Http.Answer a = new Http(fake.baseUrl()).get("/oauth2/authorize?" + Http.form(loginFromARandomPort()), null);
		assertThat(a.status()).isEqualTo(302);
		assertThat(a.header("Location")).startsWith("http://localhost:54321/login/oauth2/code/discord?code=");
		// The customizer's own settings apply too.
		assertThat(new Http(fake.baseUrl()).get("/api/v10/users/@me", null).header("X-RateLimit-Limit"))
			.isEqualTo("50");
	}

	@Test
	void theCustomizerMayTurnTheDefaultsOff() {
		FakeDiscord fake = asking.fake();
		assertThat(fake.autoApprove()).isFalse();
		Http.Answer page = new Http(fake.baseUrl()).get("/oauth2/authorize?" + Http.form(loginFromARandomPort()), null);
		assertThat(page.status()).isEqualTo(200);
		assertThat(page.body()).contains("Authorize");
	}

}
