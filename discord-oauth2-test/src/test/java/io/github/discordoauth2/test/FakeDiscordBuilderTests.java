package io.github.discordoauth2.test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FakeDiscordBuilderTests {

	@Test
	void startsOnARandomLoopbackPortAndManyCanRunAtOnce() {
		try (FakeDiscord a = FakeDiscord.builder().start(); FakeDiscord b = FakeDiscord.builder().start()) {
			assertThat(a.port()).isNotEqualTo(b.port());
			assertThat(a.baseUrl()).startsWith("http://127.0.0.1:");
			assertThat(a.clientId()).isEqualTo(DemoData.APPLICATION_ID);
		}
	}

	@Test
	void customApplicationAndSeed() {
		try (FakeDiscord fake = FakeDiscord.builder()
			.application(42L, "s3cret")
			.botToken("bot")
			.applicationName("App")
			.user(FakeUser.of(7L, "seven").withEmail("s@example.com"))
			.guild(FakeGuild.of(9L, "Nine", 7L))
			.connection(7L, FakeConnection.of("steam", "1", "seven"))
			.roleConnectionMetadata(new FakeRoleConnectionMetadata(1, "lvl", "Level", "Level"))
			.start()) {
			assertThat(fake.isMember(9L, 7L)).isTrue();
			assertThat(fake.actingUserId()).isEqualTo(7L);
			assertThat(fake.roleConnectionMetadata()).hasSize(1);
			Http.Answer me = new Http(fake.baseUrl()).get("/api/v10/users/@me",
					"Bearer " + fake.createToken(7L, Set.of("identify", "email")).accessToken());
			assertThat(me.map()).containsEntry("email", "s@example.com").containsEntry("verified", true);
		}
	}

	@Test
	void inconsistentSeedsFailWithTheSettingNamed() {
		assertThatThrownBy(() -> FakeDiscord.builder().member(1L, 2L).start()).hasMessageContaining("member")
			.hasMessageContaining("guild 1");
		assertThatThrownBy(() -> FakeDiscord.builder().demoData().botInGuild(5L).start())
			.hasMessageContaining("botInGuild");
		assertThatThrownBy(() -> FakeDiscord.builder().actAs(3L).start()).hasMessageContaining("actAs");
		assertThatThrownBy(() -> FakeDiscord.builder().redirectUri("/relative")).hasMessageContaining("redirectUri");
		assertThatThrownBy(() -> FakeDiscord.builder().application(1L, " ")).hasMessageContaining("clientSecret");
		assertThatThrownBy(() -> FakeDiscord.builder()
			.roleConnectionMetadata(new FakeRoleConnectionMetadata(1, "Bad-Key", "n", "d"))
			.start()).hasMessageContaining("roleConnectionMetadata");
		try (FakeDiscord fake = FakeDiscord.builder().demoData().start()) {
			assertThatThrownBy(() -> fake.createToken(99L, Set.of("identify"))).hasMessageContaining("userId 99");
			assertThatThrownBy(() -> fake.createToken(DemoData.USER_ID, Set.of("idnetify")))
				.hasMessageContaining("idnetify");
			assertThatThrownBy(() -> fake.expireAccessToken("nope")).hasMessageContaining("accessToken");
			assertThatThrownBy(() -> FakeDiscord.builder().port(fake.port()).start())
				.hasMessageContaining(Integer.toString(fake.port()));
		}
	}

	@Test
	void standaloneServerOptions() {
		FakeDiscord.Builder b = FakeDiscordServer
			.parse(new String[] { "--port", "0", "--client-id", "1234567890123", "--client-secret=shh", "--bot-token",
					"tok", "--redirect-uri", "http://localhost:3000/cb", "--auto-approve", "--webhook-events-url",
					"http://localhost:3000/discord/events", "--access-token-survives-refresh" }, System.out);
		try (FakeDiscord fake = b.start()) {
			assertThat(fake.clientId()).isEqualTo(1234567890123L);
			assertThat(fake.clientSecret()).isEqualTo("shh");
			assertThat(fake.botToken()).isEqualTo("tok");
			assertThat(fake.autoApprove()).isTrue();
			assertThat(fake.redirectUris()).contains("http://localhost:3000/cb", DemoData.REDIRECT_URI);
			assertThat(fake.webhookEvents().url()).isEqualTo("http://localhost:3000/discord/events");
			FakeDiscord.Tokens t = fake.createToken(DemoData.USER_ID, Set.of("identify"));
			Http http = new Http(fake.baseUrl());
			assertThat(http
				.postForm("/api/v10/oauth2/token",
						java.util.Map.of("grant_type", "refresh_token", "refresh_token", t.refreshToken()),
						Http.basic(fake.clientId(), fake.clientSecret()))
				.status()).isEqualTo(200);
			assertThat(http.get("/api/v10/users/@me", "Bearer " + t.accessToken()).status()).isEqualTo(200);
		}
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		assertThat(
				FakeDiscordServer.parse(new String[] { "--help" }, new PrintStream(out, true, StandardCharsets.UTF_8)))
			.isNull();
		assertThat(out.toString(StandardCharsets.UTF_8)).contains("--auto-approve");
		assertThatThrownBy(() -> FakeDiscordServer.parse(new String[] { "--colour" }, System.out))
			.hasMessageContaining("--colour");
		assertThatThrownBy(() -> FakeDiscordServer.parse(new String[] { "--port" }, System.out))
			.hasMessageContaining("--port");
		assertThatThrownBy(() -> FakeDiscordServer.parse(new String[] { "--webhook-events-url", "events" }, System.out))
			.hasMessageContaining("absolute");
	}

	@Test
	void theStartupBannerPrintsPropertiesReadyToPaste() {
		try (FakeDiscord fake = FakeDiscordServer.parse(new String[] { "--port", "0" }, System.out).start()) {
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			FakeDiscordServer.banner(fake, new PrintStream(out, true, StandardCharsets.UTF_8));
			assertThat(out.toString(StandardCharsets.UTF_8))
				.contains("discord.oauth2.base-url=" + fake.baseUrl() + "\n")
				.contains("discord.oauth2.client-id=" + DemoData.APPLICATION_ID + "\n")
				.contains("discord.oauth2.client-secret=" + DemoData.CLIENT_SECRET + "\n")
				.contains("discord.oauth2.bot-token=" + DemoData.BOT_TOKEN + "\n")
				.contains("discord.oauth2.webhook-events.public-key=" + DemoData.WEBHOOK_EVENTS_PUBLIC_KEY + "\n")
				.contains("/_fake/");
		}
	}

}
