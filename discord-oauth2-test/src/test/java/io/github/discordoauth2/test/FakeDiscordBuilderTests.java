package io.github.discordoauth2.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;

import org.junit.jupiter.api.Test;

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
					"tok", "--redirect-uri", "http://localhost:3000/cb", "--auto-approve" }, System.out);
		try (FakeDiscord fake = b.start()) {
			assertThat(fake.clientId()).isEqualTo(1234567890123L);
			assertThat(fake.clientSecret()).isEqualTo("shh");
			assertThat(fake.botToken()).isEqualTo("tok");
			assertThat(fake.autoApprove()).isTrue();
			assertThat(fake.redirectUris()).contains("http://localhost:3000/cb", DemoData.REDIRECT_URI);
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
	}

}
