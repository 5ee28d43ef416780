package io.github.discordoauth2.autoconfigure.servlet;

import io.github.discordoauth2.autoconfigure.DiscordOAuth2Properties;
import io.github.discordoauth2.autoconfigure.DiscordOAuth2TokenStoreAutoConfiguration;
import io.github.discordoauth2.autoconfigure.DiscordTokenStoreProperties;
import io.github.discordoauth2.security.DiscordOAuth2AuthorizedClientManager;
import io.github.discordoauth2.security.tokens.DiscordAccountLinks;
import io.github.discordoauth2.security.tokens.DiscordTokenStore;
import io.github.discordoauth2.security.tokens.DiscordTokens;
import io.github.discordoauth2.security.web.DiscordOAuth2AuthorizedClientRepository;
import io.github.discordoauth2.security.web.DiscordTokensLogoutHandler;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.AuthenticatedPrincipalOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;

/**
 * Auto-configuration of Spring Security's authorized client repository and manager for a
 * servlet application, on the {@link DiscordTokens} of
 * {@link DiscordOAuth2TokenStoreAutoConfiguration}, and the logout handler that applies
 * {@code discord.oauth2.token-store.on-logout}. It runs before Boot's OAuth2 client
 * auto-configurations, whose session-less repository then backs off.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = DiscordOAuth2TokenStoreAutoConfiguration.class, beforeName = {
		"org.springframework.boot.security.oauth2.client.autoconfigure.OAuth2ClientAutoConfiguration",
		"org.springframework.boot.security.oauth2.client.autoconfigure.servlet.OAuth2ClientWebSecurityAutoConfiguration" })
@ConditionalOnDiscordLogin
@ConditionalOnBean({ DiscordTokens.class, DiscordAccountLinks.class, ClientRegistrationRepository.class })
@EnableConfigurationProperties({ DiscordOAuth2Properties.class, DiscordTokenStoreProperties.class })
public final class DiscordOAuth2AuthorizedClientAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	OAuth2AuthorizedClientRepository authorizedClientRepository(DiscordTokens tokens, DiscordTokenStore store,
			DiscordAccountLinks links) {
		return new DiscordOAuth2AuthorizedClientRepository(tokens,
				new AuthenticatedPrincipalOAuth2AuthorizedClientRepository(store), links);
	}

	@Bean
	@ConditionalOnMissingBean
	OAuth2AuthorizedClientManager authorizedClientManager(DiscordTokens tokens, DiscordAccountLinks links,
			ClientRegistrationRepository clientRegistrationRepository,
			OAuth2AuthorizedClientRepository authorizedClientRepository) {
		return new DiscordOAuth2AuthorizedClientManager(tokens,
				new DefaultOAuth2AuthorizedClientManager(clientRegistrationRepository, authorizedClientRepository),
				links);
	}

	@Bean
	@ConditionalOnMissingBean
	DiscordTokensLogoutHandler discordTokensLogoutHandler(DiscordTokens tokens, DiscordOAuth2Properties properties,
			DiscordTokenStoreProperties storeProperties) {
		return new DiscordTokensLogoutHandler(tokens,
				storeProperties.logoutAction(properties.getLogin().isRevokeOnLogout()));
	}

}
