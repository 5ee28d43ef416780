package io.github.discordoauth2.test.web.reactive;

import io.github.discordoauth2.security.tokens.ReactiveDiscordTokens;
import io.github.discordoauth2.test.DemoData;
import io.github.discordoauth2.test.FakeDiscordExtension;
import io.github.discordoauth2.test.FakeDiscordProperties;
import io.github.discordoauth2.test.examples.reactive.ReactiveExampleApplication;
import io.github.discordoauth2.test.examples.reactive.ReactiveProfileController;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webflux.test.autoconfigure.WebFluxTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static io.github.discordoauth2.test.web.reactive.DiscordWebTestClient.discordLogin;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Specification of {@link DiscordWebTestClient#discordLogin()} in a {@code @WebFluxTest}
 * slice: the request is a Discord user's, and {@code ReactiveAccessToken} arguments
 * resolve to the tokens it stored.
 */
@WebFluxTest(ReactiveProfileController.class)
@ContextConfiguration(classes = ReactiveExampleApplication.class)
@Tag("reactive")
class ReactiveDiscordWebTestClientTests {

	@RegisterExtension
	static FakeDiscordExtension discord = FakeDiscordExtension.withDemoData();

	@DynamicPropertySource
	static void discordProperties(DynamicPropertyRegistry registry) {
		FakeDiscordProperties.register(discord.fake(), registry);
		registry.add("discord.oauth2.scopes", () -> "identify,guilds");
	}

	@Autowired
	WebTestClient client;

	@Autowired
	ReactiveDiscordTokens tokens;

	@Test
	void withoutItTheUserIsSentToDiscord() {
		this.client.get()
			.uri("/whoami")
			.accept(MediaType.TEXT_HTML)
			.exchange()
			.expectStatus()
			.isFound()
			.expectHeader()
			.location("/oauth2/authorization/discord");
	}

	@Test
	void logsInAsTheDemoUserWithTheRegistrationsScopesWithoutCallingDiscord() {
		this.client.mutateWith(discordLogin())
			.get()
			.uri("/whoami")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.isEqualTo(DemoData.USER_ID + " " + DemoData.USERNAME + " guilds,identify");
		assertThat(discord.fake().journal()).isEmpty();
	}

	@Test
	void logsInAsTheGivenUserWithTheGivenScopesAndTokens() {
		this.client.mutateWith(discordLogin().user(42, "someone").scopes("identify").accessToken("a-token"))
			.get()
			.uri("/whoami")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.isEqualTo("42 someone identify");
		assertThat(this.tokens.find(42).block().token()).isEqualTo("a-token");
	}

	@Test
	void tokensFromFakeDiscordWorkForCallsToDiscord() {
		this.client.mutateWith(discordLogin().user(DemoData.OTHER_USER_ID).tokensFrom(discord.fake()))
			.get()
			.uri("/me")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.isEqualTo("Hello Other User");
	}

}
