package io.github.discordoauth2.test.examples.reactive;

// tag::webtestclient-test[]
import io.github.discordoauth2.test.FakeDiscordExtension;
import io.github.discordoauth2.test.FakeDiscordProperties;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webflux.test.autoconfigure.WebFluxTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static io.github.discordoauth2.test.web.reactive.DiscordWebTestClient.discordLogin;

@WebFluxTest(ReactiveProfileController.class)
@Tag("reactive")
class ReactiveProfileControllerTests {

	@RegisterExtension
	static FakeDiscordExtension discord = FakeDiscordExtension.withDemoData();

	@DynamicPropertySource
	static void discord(DynamicPropertyRegistry registry) {
		FakeDiscordProperties.register(discord.fake(), registry);
	}

	@Autowired
	WebTestClient client;

	@Test
	void showsTheLoggedInUsersName() {
		this.client.mutateWith(discordLogin().tokensFrom(discord.fake()))
			.get()
			.uri("/me")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.isEqualTo("Hello Demo User");
	}

}
// end::webtestclient-test[]
