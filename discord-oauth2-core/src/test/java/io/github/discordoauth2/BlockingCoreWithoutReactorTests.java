package io.github.discordoauth2;

import java.util.Set;

import io.github.discordoauth2.test.DemoData;
import io.github.discordoauth2.test.FakeDiscord;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The blocking core works for an application without Reactor: this suite runs with
 * {@code reactor-core} and {@code spring-webflux} left off the class path (see the core's
 * {@code pom.xml}), as they are optional dependencies.
 */
class BlockingCoreWithoutReactorTests {

	@Test
	void reactorAndWebFluxAreNotOnThisSuitesClassPath() {
		assertThatExceptionOfType(ClassNotFoundException.class)
			.isThrownBy(() -> Class.forName("reactor.core.publisher.Mono"));
		assertThatExceptionOfType(ClassNotFoundException.class)
			.isThrownBy(() -> Class.forName("org.springframework.web.reactive.function.client.WebClient"));
	}

	@Test
	void everyBlockingCallWorksWithoutThem() {
		try (FakeDiscord fake = FakeDiscord.builder().demoData().start()) {
			Client client = Client.builder()
				.clientId(fake.clientId())
				.clientSecret(fake.clientSecret())
				.botToken(DemoData.BOT_TOKEN)
				.redirectUri(DemoData.REDIRECT_URI)
				.baseUrl(fake.baseUrl())
				.build();
			String code = fake.createAuthorizationCode(DemoData.USER_ID, DemoData.REDIRECT_URI,
					Set.of("identify", "guilds"));
			AccessToken token = client.exchangeCode(code);
			assertThat(token.fetchIdentify().id()).isEqualTo(DemoData.USER_ID);
			assertThat(token.fetchGuilds()).isNotEmpty();
			assertThat(token.refresh().fetchAuthorization().scopes()).contains("identify");
			assertThat(client.fetchApplication().id()).isEqualTo(DemoData.APPLICATION_ID);
		}
	}

	@Test
	void theReactiveClientNeedsThemAndSaysSoByFailingToLoad() {
		assertThatExceptionOfType(NoClassDefFoundError.class)
			.isThrownBy(() -> ReactiveClient.of(Client.builder().clientId(DemoData.APPLICATION_ID).build()));
	}

}
