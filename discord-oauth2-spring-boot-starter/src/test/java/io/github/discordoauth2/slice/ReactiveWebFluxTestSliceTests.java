package io.github.discordoauth2.slice;

import io.github.discordoauth2.ReactiveAccessToken;
import io.github.discordoauth2.ReactiveClient;
import io.github.discordoauth2.security.web.server.DiscordReactiveAccessTokenArgumentResolver;
import io.github.discordoauth2.support.BlockHoundSupport;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.webflux.test.autoconfigure.WebFluxTest;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.client.registration.ReactiveClientRegistrationRepository;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The starter's WebFlux auto-configurations take part in {@code @WebFluxTest} slices, so
 * a controller that takes a {@link ReactiveAccessToken} can be tested there.
 */
@WebFluxTest(properties = { "discord.oauth2.client-id=1100000000000000001", "discord.oauth2.client-secret=s3cret",
		"discord.oauth2.base-url=http://127.0.0.1:9" })
@Tag("reactive")
class ReactiveWebFluxTestSliceTests {

	static {
		BlockHoundSupport.install();
	}

	@Autowired
	ApplicationContext context;

	@Autowired
	WebTestClient client;

	@Test
	void sliceHasTheClientLoginAndArgumentResolver() {
		assertThat(this.context.getBeansOfType(ReactiveClient.class)).hasSize(1);
		assertThat(this.context.getBeansOfType(ReactiveClientRegistrationRepository.class)).hasSize(1);
		assertThat(this.context.getBeansOfType(DiscordReactiveAccessTokenArgumentResolver.class)).hasSize(1);
		// The slice's chain has the Discord login: an anonymous user is sent to Discord,
		// not to Spring Security's own login page.
		this.client.get()
			.uri("/token")
			.accept(MediaType.TEXT_HTML)
			.exchange()
			.expectStatus()
			.isFound()
			.expectHeader()
			.location("/oauth2/authorization/discord");
	}

	@SpringBootConfiguration
	@Import(TokenController.class)
	static class SliceApplication {

	}

	@RestController
	static class TokenController {

		@GetMapping("/token")
		String token(ReactiveAccessToken token) {
			return token.scopes().toString();
		}

	}

}
