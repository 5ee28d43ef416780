package io.github.discordoauth2.security.web.server;

import java.lang.reflect.Method;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.discordoauth2.Client;
import io.github.discordoauth2.ReactiveAccessToken;
import io.github.discordoauth2.ReactiveClient;
import io.github.discordoauth2.support.AuthorizedClients;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.core.MethodParameter;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.ReactiveOAuth2AuthorizedClientManager;
import org.springframework.web.reactive.BindingContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link DiscordReactiveAccessTokenArgumentResolver} on its own: what it costs per
 * request and what it leaves for the 401 handling.
 */
@Tag("reactive")
class ReactiveDiscordAccessTokenArgumentResolverTests {

	private static final String ACCESS_TOKEN = "an-access-token-0123456789";

	private final ReactiveClient client = ReactiveClient
		.of(Client.builder().clientId(1100000000000000001L).clientSecret("secret").build());

	private final OAuth2AuthorizedClient authorized = AuthorizedClients.discord(ACCESS_TOKEN);

	private final AtomicInteger lookups = new AtomicInteger();

	@Test
	void looksTheManagerUpOnceNotOnEveryRequest() throws Exception {
		ReactiveOAuth2AuthorizedClientManager manager = (request) -> Mono.just(this.authorized);
		DiscordReactiveAccessTokenArgumentResolver resolver = new DiscordReactiveAccessTokenArgumentResolver(
				this.client, "discord", () -> {
					this.lookups.incrementAndGet();
					return manager;
				});

		for (int i = 0; i < 3; i++) {
			ReactiveAccessToken token = (ReactiveAccessToken) resolver
				.resolveArgument(parameter(), new BindingContext(), exchange())
				.block();
			assertThat(token).isNotNull();
			assertThat(token.token()).isEqualTo(ACCESS_TOKEN);
		}

		assertThat(this.lookups).hasValue(1);
	}

	@Test
	void leavesTheTokenForThe401HandlingWithoutPrintingIt() throws Exception {
		DiscordReactiveAccessTokenArgumentResolver resolver = new DiscordReactiveAccessTokenArgumentResolver(
				this.client, "discord", () -> (request) -> Mono.just(this.authorized));
		MockServerWebExchange exchange = exchange();

		resolver.resolveArgument(parameter(), new BindingContext(), exchange).block();

		Object used = exchange.getAttribute(DiscordReactiveAccessTokenArgumentResolver.RESOLVED_TOKEN_ATTRIBUTE);
		assertThat(used).isSameAs(this.authorized.getAccessToken());
		assertThat(String.valueOf(used)).doesNotContain(ACCESS_TOKEN);
	}

	private static MockServerWebExchange exchange() {
		return MockServerWebExchange.from(MockServerHttpRequest.get("/tok"));
	}

	private static MethodParameter parameter() throws NoSuchMethodException {
		Method method = ReactiveDiscordAccessTokenArgumentResolverTests.class.getDeclaredMethod("controller",
				ReactiveAccessToken.class);
		return new MethodParameter(method, 0);
	}

	@SuppressWarnings("unused")
	private static void controller(ReactiveAccessToken token) {
	}

}
