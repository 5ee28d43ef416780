package io.github.discordoauth2.autoconfigure.reactive;

import io.github.discordoauth2.ReactiveClient;
import io.github.discordoauth2.autoconfigure.AuthorizedClientManagerCheck;
import io.github.discordoauth2.autoconfigure.DiscordOAuth2Properties;
import io.github.discordoauth2.autoconfigure.servlet.DiscordOAuth2WebMvcAutoConfiguration;
import io.github.discordoauth2.security.web.server.DiscordReactiveAccessTokenArgumentResolver;
import io.github.discordoauth2.security.web.server.DiscordUnauthorizedWebExceptionHandler;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.security.oauth2.client.ReactiveOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.web.server.ServerOAuth2AuthorizedClientRepository;
import org.springframework.web.reactive.config.WebFluxConfigurer;
import org.springframework.web.reactive.result.method.annotation.ArgumentResolverConfigurer;

/**
 * Auto-configuration that lets WebFlux controller methods declare a
 * {@link io.github.discordoauth2.ReactiveAccessToken ReactiveAccessToken} (or
 * {@code Mono<ReactiveAccessToken>}) parameter and receive the current user's Discord
 * token, refreshed when it has expired, and also when Discord refuses it before its
 * recorded expiry, or another request replaced it meanwhile
 * ({@link DiscordUnauthorizedWebExceptionHandler}): the reactive twin of
 * {@link DiscordOAuth2WebMvcAutoConfiguration}.
 *
 * @since 0.1.0
 */
@AutoConfiguration(
		after = { DiscordOAuth2ReactiveLoginAutoConfiguration.class,
				DiscordOAuth2ReactiveAuthorizedClientAutoConfiguration.class },
		afterName = "org.springframework.boot.security.oauth2.client.autoconfigure.reactive.ReactiveOAuth2ClientAutoConfiguration")
@ConditionalOnDiscordReactiveLogin
@ConditionalOnClass({ WebFluxConfigurer.class, ReactiveOAuth2AuthorizedClientManager.class })
@ConditionalOnBean(ReactiveClient.class)
public final class DiscordOAuth2WebFluxAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	DiscordReactiveAccessTokenArgumentResolver discordReactiveAccessTokenArgumentResolver(ReactiveClient client,
			DiscordOAuth2Properties properties,
			ObjectProvider<ReactiveOAuth2AuthorizedClientManager> authorizedClientManager) {
		return new DiscordReactiveAccessTokenArgumentResolver(client, properties.getRegistrationId(),
				authorizedClientManager::getIfUnique);
	}

	// Registered whatever refresh-on-unauthorized says: a token replaced by another
	// request while this one ran is never the user's problem.
	@Bean
	@ConditionalOnMissingBean
	DiscordUnauthorizedWebExceptionHandler discordUnauthorizedWebExceptionHandler(DiscordOAuth2Properties properties,
			ObjectProvider<ServerOAuth2AuthorizedClientRepository> authorizedClientRepository) {
		DiscordUnauthorizedWebExceptionHandler handler = new DiscordUnauthorizedWebExceptionHandler(
				properties.getRegistrationId(), authorizedClientRepository::getIfUnique);
		handler.setRefreshOnUnauthorized(properties.getLogin().isRefreshOnUnauthorized());
		return handler;
	}

	@Bean
	static AuthorizedClientManagerCheck discordReactiveAuthorizedClientManagerCheck(
			ObjectProvider<ReactiveOAuth2AuthorizedClientManager> authorizedClientManager) {
		return new AuthorizedClientManagerCheck(authorizedClientManager, "ReactiveAccessToken",
				"ReactiveOAuth2AuthorizedClientManager",
				"Define a ReactiveOAuth2AuthorizedClientManager bean, or keep the starter's by defining a "
						+ "ReactiveClientRegistrationRepository and a ServerOAuth2AuthorizedClientRepository.");
	}

	@Bean
	DiscordAccessTokenWebFluxConfigurer discordAccessTokenWebFluxConfigurer(
			DiscordReactiveAccessTokenArgumentResolver resolver) {
		return new DiscordAccessTokenWebFluxConfigurer(resolver);
	}

	/**
	 * Registers the {@link DiscordReactiveAccessTokenArgumentResolver} with WebFlux.
	 */
	static final class DiscordAccessTokenWebFluxConfigurer implements WebFluxConfigurer {

		private final DiscordReactiveAccessTokenArgumentResolver resolver;

		DiscordAccessTokenWebFluxConfigurer(DiscordReactiveAccessTokenArgumentResolver resolver) {
			this.resolver = resolver;
		}

		@Override
		public void configureArgumentResolvers(ArgumentResolverConfigurer configurer) {
			configurer.addCustomResolver(this.resolver);
		}

	}

}
