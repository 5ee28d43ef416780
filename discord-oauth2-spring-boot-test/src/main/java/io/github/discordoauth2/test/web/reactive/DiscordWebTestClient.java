package io.github.discordoauth2.test.web.reactive;

import java.util.List;

import io.github.discordoauth2.test.web.DiscordLoginSpec;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.context.ApplicationContext;
import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.oauth2.client.registration.ReactiveClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.server.ServerOAuth2AuthorizedClientRepository;
import org.springframework.test.web.reactive.server.MockServerConfigurer;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.test.web.reactive.server.WebTestClientConfigurer;
import org.springframework.util.Assert;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.server.adapter.WebHttpHandlerBuilder;

/**
 * A Discord login for WebTestClient requests to an application it is bound to, in
 * {@code @WebFluxTest} slices and in {@code @SpringBootTest} with
 * {@code @AutoConfigureWebTestClient}:
 *
 * <pre class="code">
 * client.mutateWith(discordLogin().tokensFrom(discord.fake())).get().uri("/me").exchange()
 *     .expectBody(String.class).isEqualTo("Hello Demo User");
 * </pre>
 *
 * Each request is authenticated as the Discord user and the user's tokens are stored in
 * the application's token store, so that {@code ReactiveAccessToken} arguments resolve. A
 * WebTestClient talking to a running server over HTTP cannot be logged in this way: log
 * in there with {@link io.github.discordoauth2.test.web.DiscordTestBrowser}.
 *
 * @since 0.1.0
 */
public final class DiscordWebTestClient {

	private DiscordWebTestClient() {
	}

	/**
	 * A login as FakeDiscord's demo user, with the registration's scopes and made-up
	 * tokens; see {@link DiscordLoginSpec} for the settings.
	 * @return the mutator
	 */
	public static DiscordLogin discordLogin() {
		return new DiscordLogin();
	}

	/**
	 * The WebTestClient mutator of {@link #discordLogin()}.
	 */
	public static final class DiscordLogin extends DiscordLoginSpec<DiscordLogin>
			implements WebTestClientConfigurer, MockServerConfigurer {

		private DiscordLogin() {
		}

		@Override
		public void beforeServerCreated(WebHttpHandlerBuilder builder) {
			builder.filters(this::addLoginFilter);
		}

		@Override
		public void afterConfigurerAdded(WebTestClient.Builder builder,
				@Nullable WebHttpHandlerBuilder httpHandlerBuilder, @Nullable ClientHttpConnector connector) {
			Assert.state(httpHandlerBuilder != null,
					"discordLogin() needs a WebTestClient bound to the application (@WebFluxTest, "
							+ "@AutoConfigureWebTestClient); against a running server, log in with DiscordTestBrowser");
			httpHandlerBuilder.filters(this::addLoginFilter);
		}

		private void addLoginFilter(List<WebFilter> filters) {
			filters.add(0, this::logIn);
		}

		/**
		 * Stores the user's tokens through the application's repository and runs the
		 * request with the user's authentication, which Spring Security's filters take as
		 * they take a logged-in user's.
		 */
		private Mono<Void> logIn(ServerWebExchange exchange, WebFilterChain chain) {
			ApplicationContext context = exchange.getApplicationContext();
			Assert.state(context != null, "discordLogin() needs a WebTestClient bound to the application context");
			ServerOAuth2AuthorizedClientRepository repository = context
				.getBean(ServerOAuth2AuthorizedClientRepository.class);
			return context.getBean(ReactiveClientRegistrationRepository.class)
				.findByRegistrationId(registrationId())
				.switchIfEmpty(Mono.error(() -> new IllegalStateException(
						"The application has no client registration '" + registrationId()
								+ "': set discordLogin().registrationId(...) to its discord.oauth2.registration-id")))
				.flatMap((registration) -> {
					var authentication = authentication(registration);
					return repository.saveAuthorizedClient(authorizedClient(registration), authentication, exchange)
						.then(chain.filter(exchange))
						.contextWrite(ReactiveSecurityContextHolder.withAuthentication(authentication));
				});
		}

	}

}
