package io.github.discordoauth2.test;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

class FakeDiscordExtensionTests {

	@RegisterExtension
	static FakeDiscordExtension discord = FakeDiscordExtension.withDemoData();

	private static int outerPort;

	@BeforeAll
	static void rememberTheClassWideFake() {
		outerPort = discord.fake().port();
	}

	@AfterAll
	static void theClassWideFakeOutlivesNestedClasses() {
		assertThat(discord.fake().port()).isEqualTo(outerPort);
	}

	@Test
	void injectsTheRunningFake(FakeDiscord fake) {
		assertThat(fake).isSameAs(discord.fake());
		assertThat(fake.baseUrl()).isEqualTo("http://127.0.0.1:" + fake.port());
		assertThat(fake.autoApprove()).isTrue();
		assertThat(new Http(fake.baseUrl()).get("/api/v10/users/@me", null).status()).isEqualTo(401);
	}

	@Test
	void eachTestStartsWithAnEmptyJournal(FakeDiscord fake) {
		assertThat(fake.journal()).isEmpty();
		assertThat(fake.stats().requests()).isZero();
	}

	@Nested
	class InANestedClass {

		@Test
		void theOuterFakeIsShared(FakeDiscord fake) {
			assertThat(fake.port()).isEqualTo(outerPort);
		}

	}

	@Test
	void springPropertiesPointAtTheFake() {
		Map<String, Supplier<Object>> props = new HashMap<>();
		FakeDiscordProperties.register(discord.fake(), props::put);
		assertThat(props.get("discord.oauth2.base-url").get()).isEqualTo(discord.baseUrl());
		assertThat(props.get("discord.oauth2.client-id").get()).isEqualTo(Long.toString(DemoData.APPLICATION_ID));
		assertThat(props.get("discord.oauth2.client-secret").get()).isEqualTo(DemoData.CLIENT_SECRET);
		assertThat(props.get("discord.oauth2.bot-token").get()).isEqualTo(DemoData.BOT_TOKEN);
		assertThat(props.get("discord.oauth2.webhook-events.public-key").get())
			.isEqualTo(DemoData.WEBHOOK_EVENTS_PUBLIC_KEY);
	}

}
