package io.github.discordoauth2.security.web;

import java.lang.reflect.Method;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.discordoauth2.AccessToken;
import io.github.discordoauth2.Client;
import io.github.discordoauth2.support.AuthorizedClients;
import org.junit.jupiter.api.Test;

import org.springframework.core.MethodParameter;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.ServletWebRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * {@link DiscordAccessTokenArgumentResolver} on its own: what it costs per request and
 * what it leaves for the 401 handling.
 */
class DiscordAccessTokenArgumentResolverTests {

	private static final String ACCESS_TOKEN = "an-access-token-0123456789";

	private final Client client = Client.builder().clientId(1100000000000000001L).clientSecret("secret").build();

	private final OAuth2AuthorizedClient authorized = AuthorizedClients.discord(ACCESS_TOKEN);

	private final AtomicInteger lookups = new AtomicInteger();

	@Test
	void looksTheManagerUpOnceNotOnEveryRequest() throws Exception {
		OAuth2AuthorizedClientManager manager = (request) -> this.authorized;
		DiscordAccessTokenArgumentResolver resolver = new DiscordAccessTokenArgumentResolver(this.client, "discord",
				() -> {
					this.lookups.incrementAndGet();
					return manager;
				});

		for (int i = 0; i < 3; i++) {
			AccessToken token = resolver.resolveArgument(parameter(), null, request(), null);
			assertThat(token.token()).isEqualTo(ACCESS_TOKEN);
			assertThat(token.scopes()).containsExactly("identify");
		}

		assertThat(this.lookups).hasValue(1);
	}

	@Test
	void aManagerMissingAtTheFirstRequestIsLookedUpAgainLater() throws Exception {
		OAuth2AuthorizedClientManager manager = (request) -> this.authorized;
		DiscordAccessTokenArgumentResolver resolver = new DiscordAccessTokenArgumentResolver(this.client, "discord",
				() -> (this.lookups.incrementAndGet() == 1) ? null : manager);

		assertThatIllegalStateException().isThrownBy(() -> resolver.resolveArgument(parameter(), null, request(), null))
			.withMessageContaining("define an OAuth2AuthorizedClientManager bean");

		assertThat(resolver.resolveArgument(parameter(), null, request(), null).token()).isEqualTo(ACCESS_TOKEN);
		assertThat(this.lookups).hasValue(2);
	}

	@Test
	void leavesTheTokenForThe401HandlingWithoutPrintingIt() throws Exception {
		DiscordAccessTokenArgumentResolver resolver = new DiscordAccessTokenArgumentResolver(this.client, "discord",
				() -> (request) -> this.authorized);
		NativeWebRequest request = request();

		resolver.resolveArgument(parameter(), null, request, null);

		Object used = request.getAttribute(DiscordAccessTokenArgumentResolver.RESOLVED_TOKEN_ATTRIBUTE,
				NativeWebRequest.SCOPE_REQUEST);
		assertThat(used).isSameAs(this.authorized.getAccessToken());
		assertThat(String.valueOf(used)).doesNotContain(ACCESS_TOKEN);
	}

	private static NativeWebRequest request() {
		return new ServletWebRequest(new MockHttpServletRequest("GET", "/tok"), new MockHttpServletResponse());
	}

	private static MethodParameter parameter() throws NoSuchMethodException {
		Method method = DiscordAccessTokenArgumentResolverTests.class.getDeclaredMethod("controller",
				AccessToken.class);
		return new MethodParameter(method, 0);
	}

	@SuppressWarnings("unused")
	private static void controller(AccessToken token) {
	}

}
