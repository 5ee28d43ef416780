package io.github.discordoauth2.autoconfigure.servlet;

import java.util.List;

import io.github.discordoauth2.Client;
import io.github.discordoauth2.autoconfigure.AuthorizedClientManagerCheck;
import io.github.discordoauth2.autoconfigure.DiscordOAuth2Properties;
import io.github.discordoauth2.security.web.DiscordAccessTokenArgumentResolver;
import io.github.discordoauth2.security.web.DiscordUnauthorizedExceptionResolver;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Auto-configuration that lets Spring MVC controller methods declare an
 * {@link io.github.discordoauth2.AccessToken AccessToken} parameter and receive the
 * current user's Discord token, refreshed when it has expired, and also when Discord
 * refuses it before its recorded expiry, or another request replaced it meanwhile
 * ({@link DiscordUnauthorizedExceptionResolver}).
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = DiscordOAuth2LoginAutoConfiguration.class)
@ConditionalOnDiscordLogin
@ConditionalOnClass({ WebMvcConfigurer.class, OAuth2AuthorizedClientManager.class })
@ConditionalOnBean(Client.class)
public final class DiscordOAuth2WebMvcAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	DiscordAccessTokenArgumentResolver discordAccessTokenArgumentResolver(Client client,
			DiscordOAuth2Properties properties, ObjectProvider<OAuth2AuthorizedClientManager> authorizedClientManager,
			ObjectProvider<SecurityContextHolderStrategy> securityContextHolderStrategy) {
		DiscordAccessTokenArgumentResolver resolver = new DiscordAccessTokenArgumentResolver(client,
				properties.getRegistrationId(), authorizedClientManager::getIfUnique);
		securityContextHolderStrategy.ifUnique(resolver::setSecurityContextHolderStrategy);
		return resolver;
	}

	@Bean
	static AuthorizedClientManagerCheck discordAuthorizedClientManagerCheck(
			ObjectProvider<OAuth2AuthorizedClientManager> authorizedClientManager) {
		return new AuthorizedClientManagerCheck(authorizedClientManager);
	}

	// Registered whatever refresh-on-unauthorized says: a token replaced by another
	// request while this one ran is never the user's problem.
	@Bean
	@ConditionalOnMissingBean
	DiscordUnauthorizedExceptionResolver discordUnauthorizedExceptionResolver(DiscordOAuth2Properties properties,
			ObjectProvider<OAuth2AuthorizedClientRepository> authorizedClientRepository,
			ObjectProvider<SecurityContextHolderStrategy> securityContextHolderStrategy) {
		DiscordUnauthorizedExceptionResolver resolver = new DiscordUnauthorizedExceptionResolver(
				properties.getRegistrationId(), authorizedClientRepository::getIfUnique);
		resolver.setRefreshOnUnauthorized(properties.getLogin().isRefreshOnUnauthorized());
		securityContextHolderStrategy.ifUnique(resolver::setSecurityContextHolderStrategy);
		return resolver;
	}

	@Bean
	DiscordAccessTokenWebMvcConfigurer discordAccessTokenWebMvcConfigurer(DiscordAccessTokenArgumentResolver resolver) {
		return new DiscordAccessTokenWebMvcConfigurer(resolver);
	}

	/**
	 * Registers the {@link DiscordAccessTokenArgumentResolver} with Spring MVC.
	 */
	static final class DiscordAccessTokenWebMvcConfigurer implements WebMvcConfigurer {

		private final DiscordAccessTokenArgumentResolver resolver;

		DiscordAccessTokenWebMvcConfigurer(DiscordAccessTokenArgumentResolver resolver) {
			this.resolver = resolver;
		}

		@Override
		public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
			resolvers.add(this.resolver);
		}

	}

}
