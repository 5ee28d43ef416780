package io.github.discordoauth2.autoconfigure.reactive;

import io.github.discordoauth2.ReactiveClient;
import io.github.discordoauth2.autoconfigure.DiscordOAuth2Properties;
import io.github.discordoauth2.autoconfigure.DiscordOAuth2TokenStoreAutoConfiguration;
import io.github.discordoauth2.autoconfigure.DiscordTokenStoreProperties;
import io.github.discordoauth2.security.DiscordReactiveOAuth2AuthorizedClientManager;
import io.github.discordoauth2.security.tokens.DiscordAccountLinks;
import io.github.discordoauth2.security.tokens.DiscordTokens;
import io.github.discordoauth2.security.tokens.ReactiveDiscordAccountLinks;
import io.github.discordoauth2.security.tokens.ReactiveDiscordTokens;
import io.github.discordoauth2.security.web.server.DiscordServerOAuth2AuthorizedClientRepository;
import io.github.discordoauth2.security.web.server.DiscordTokensServerLogoutHandler;
import reactor.core.scheduler.Schedulers;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.security.oauth2.client.InMemoryReactiveOAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.ReactiveOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.ReactiveOAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.registration.ReactiveClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.DefaultReactiveOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.web.server.AuthenticatedPrincipalServerOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.client.web.server.ServerOAuth2AuthorizedClientRepository;

/**
 * Auto-configuration of Discord's tokens in a WebFlux application: the same
 * {@link DiscordTokens} as on the servlet stack (from
 * {@link DiscordOAuth2TokenStoreAutoConfiguration}) behind {@link ReactiveDiscordTokens},
 * which runs the blocking store and the one refresh logic on a bounded elastic thread,
 * and {@link ReactiveDiscordAccountLinks} (account linking, "Connect Discord"), and on
 * top of them Spring Security's reactive authorized client repository and manager. It
 * runs before Boot's reactive OAuth2 client auto-configurations, whose session-less
 * repository then backs off.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = DiscordOAuth2TokenStoreAutoConfiguration.class, beforeName = {
		"org.springframework.boot.security.oauth2.client.autoconfigure.reactive.ReactiveOAuth2ClientAutoConfiguration",
		"org.springframework.boot.security.oauth2.client.autoconfigure.reactive.ReactiveOAuth2ClientWebSecurityAutoConfiguration" })
@ConditionalOnDiscordReactiveLogin
@ConditionalOnBean({ DiscordTokens.class, DiscordAccountLinks.class, ReactiveClient.class,
		ReactiveClientRegistrationRepository.class })
@EnableConfigurationProperties({ DiscordOAuth2Properties.class, DiscordTokenStoreProperties.class })
public final class DiscordOAuth2ReactiveAuthorizedClientAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ReactiveDiscordTokens reactiveDiscordTokens(DiscordTokens tokens, ReactiveClient client,
			DiscordAccountLinks links) {
		return new ReactiveDiscordTokens(tokens, client, Schedulers.boundedElastic(), links);
	}

	@Bean
	@ConditionalOnMissingBean
	ReactiveDiscordAccountLinks reactiveDiscordAccountLinks(DiscordAccountLinks links) {
		return new ReactiveDiscordAccountLinks(links, Schedulers.boundedElastic());
	}

	@Bean
	@ConditionalOnMissingBean
	ServerOAuth2AuthorizedClientRepository authorizedClientRepository(ReactiveDiscordTokens tokens,
			ReactiveDiscordAccountLinks links,
			ObjectProvider<ReactiveOAuth2AuthorizedClientService> authorizedClientService,
			ReactiveClientRegistrationRepository clientRegistrationRepository) {
		// Other providers' tokens: Boot's (or the application's) reactive service, else
		// one in memory.
		ReactiveOAuth2AuthorizedClientService others = authorizedClientService
			.getIfUnique(() -> new InMemoryReactiveOAuth2AuthorizedClientService(clientRegistrationRepository));
		return new DiscordServerOAuth2AuthorizedClientRepository(tokens,
				new AuthenticatedPrincipalServerOAuth2AuthorizedClientRepository(others), links);
	}

	@Bean
	@ConditionalOnMissingBean
	ReactiveOAuth2AuthorizedClientManager authorizedClientManager(ReactiveDiscordTokens tokens,
			ReactiveClientRegistrationRepository clientRegistrationRepository,
			ServerOAuth2AuthorizedClientRepository authorizedClientRepository) {
		return new DiscordReactiveOAuth2AuthorizedClientManager(tokens,
				new DefaultReactiveOAuth2AuthorizedClientManager(clientRegistrationRepository,
						authorizedClientRepository));
	}

	@Bean
	@ConditionalOnMissingBean
	DiscordTokensServerLogoutHandler discordTokensServerLogoutHandler(ReactiveDiscordTokens tokens,
			DiscordOAuth2Properties properties, DiscordTokenStoreProperties storeProperties) {
		return new DiscordTokensServerLogoutHandler(tokens,
				storeProperties.logoutAction(properties.getLogin().isRevokeOnLogout()));
	}

}
