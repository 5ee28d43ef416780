package io.github.discordoauth2.autoconfigure.reactive;

import java.util.function.Supplier;

import io.github.discordoauth2.Client;
import io.github.discordoauth2.ReactiveClient;
import io.github.discordoauth2.autoconfigure.ApplicationDelegates;
import io.github.discordoauth2.autoconfigure.DiscordOAuth2Properties;
import io.github.discordoauth2.autoconfigure.DiscordRegistrations;
import io.github.discordoauth2.autoconfigure.servlet.DiscordOAuth2LoginAutoConfiguration;
import io.github.discordoauth2.security.DiscordAuthorities;
import io.github.discordoauth2.security.DiscordReactiveAuthorizationCodeTokenResponseClient;
import io.github.discordoauth2.security.DiscordReactiveOAuth2UserService;
import io.github.discordoauth2.security.DiscordReactiveRefreshTokenTokenResponseClient;
import io.github.discordoauth2.security.ReactiveDiscordStandingReader;
import io.github.discordoauth2.security.web.server.DiscordRevokeTokenServerLogoutHandler;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.oauth2.client.autoconfigure.OAuth2ClientProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.security.oauth2.client.ReactiveOAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.endpoint.OAuth2AuthorizationCodeGrantRequest;
import org.springframework.security.oauth2.client.endpoint.OAuth2RefreshTokenGrantRequest;
import org.springframework.security.oauth2.client.endpoint.ReactiveOAuth2AccessTokenResponseClient;
import org.springframework.security.oauth2.client.endpoint.WebClientReactiveAuthorizationCodeTokenResponseClient;
import org.springframework.security.oauth2.client.endpoint.WebClientReactiveRefreshTokenTokenResponseClient;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.InMemoryReactiveClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ReactiveClientRegistrationRepository;
import org.springframework.security.oauth2.client.userinfo.DefaultReactiveOAuth2UserService;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserRequest;
import org.springframework.security.oauth2.client.userinfo.ReactiveOAuth2UserService;
import org.springframework.security.oauth2.client.web.server.AuthenticatedPrincipalServerOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.client.web.server.ServerOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.core.user.OAuth2User;

/**
 * Auto-configuration of "Login with Discord" in a WebFlux application, through Spring
 * Security's {@code oauth2Login()} on {@code ServerHttpSecurity}: the reactive twin of
 * {@link DiscordOAuth2LoginAutoConfiguration}, with the same {@code discord.oauth2.*}
 * properties and the same registration. It contributes the Discord
 * {@link ClientRegistration} and a {@link ReactiveClientRegistrationRepository} with it
 * and every registration under {@code spring.security.oauth2.client.*}; the code
 * exchange, the refresh and the user go through the non-blocking {@link ReactiveClient}.
 * The Discord adapters are {@code @Primary}, so {@code oauth2Login()} picks them up by
 * type, and each hands every other registration to the application's own bean of the same
 * type (or Spring Security's default).
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = DiscordOAuth2ReactiveClientAutoConfiguration.class, beforeName = {
		"org.springframework.boot.security.oauth2.client.autoconfigure.reactive.ReactiveOAuth2ClientAutoConfiguration",
		"org.springframework.boot.security.oauth2.client.autoconfigure.reactive.ReactiveOAuth2ClientWebSecurityAutoConfiguration" })
@ConditionalOnDiscordReactiveLogin
@ConditionalOnBean({ Client.class, ReactiveClient.class })
@EnableConfigurationProperties(DiscordOAuth2Properties.class)
@Import({ DiscordOAuth2ReactiveLoginAutoConfiguration.ReactiveClientRegistrationRepositoryConfiguration.class,
		DiscordOAuth2ReactiveLoginAutoConfiguration.DiscordOnlyReactiveClientRegistrationRepositoryConfiguration.class })
public final class DiscordOAuth2ReactiveLoginAutoConfiguration {

	private static final String OAUTH2_CLIENT_PROPERTIES = "org.springframework.boot.security.oauth2.client.autoconfigure.OAuth2ClientProperties";

	@Bean(DiscordOAuth2LoginAutoConfiguration.CLIENT_REGISTRATION_BEAN_NAME)
	@ConditionalOnMissingBean(name = DiscordOAuth2LoginAutoConfiguration.CLIENT_REGISTRATION_BEAN_NAME)
	ClientRegistration discordClientRegistration(Client client, DiscordOAuth2Properties properties) {
		return DiscordRegistrations.discordClientRegistration(client, properties);
	}

	@Bean
	@Primary
	@ConditionalOnMissingBean(DiscordReactiveAuthorizationCodeTokenResponseClient.class)
	DiscordReactiveAuthorizationCodeTokenResponseClient discordReactiveAuthorizationCodeTokenResponseClient(
			ReactiveClient client, DiscordOAuth2Properties properties,
			ObjectProvider<ReactiveOAuth2AccessTokenResponseClient<OAuth2AuthorizationCodeGrantRequest>> applicationClients) {
		DiscordReactiveAuthorizationCodeTokenResponseClient tokenClient = new DiscordReactiveAuthorizationCodeTokenResponseClient(
				client, properties.getRegistrationId());
		Supplier<ReactiveOAuth2AccessTokenResponseClient<OAuth2AuthorizationCodeGrantRequest>> delegate = ApplicationDelegates
			.of(applicationClients, DiscordReactiveAuthorizationCodeTokenResponseClient.class,
					WebClientReactiveAuthorizationCodeTokenResponseClient::new);
		tokenClient.setDelegate((request) -> delegate.get().getTokenResponse(request));
		tokenClient.setCoreRegistration(DiscordRegistrations.coreRegistration(client.client(), properties));
		return tokenClient;
	}

	@Bean
	@Primary
	@ConditionalOnMissingBean(DiscordReactiveRefreshTokenTokenResponseClient.class)
	DiscordReactiveRefreshTokenTokenResponseClient discordReactiveRefreshTokenTokenResponseClient(ReactiveClient client,
			DiscordOAuth2Properties properties,
			ObjectProvider<ReactiveOAuth2AccessTokenResponseClient<OAuth2RefreshTokenGrantRequest>> applicationClients) {
		DiscordReactiveRefreshTokenTokenResponseClient tokenClient = new DiscordReactiveRefreshTokenTokenResponseClient(
				client, properties.getRegistrationId());
		Supplier<ReactiveOAuth2AccessTokenResponseClient<OAuth2RefreshTokenGrantRequest>> delegate = ApplicationDelegates
			.of(applicationClients, DiscordReactiveRefreshTokenTokenResponseClient.class,
					WebClientReactiveRefreshTokenTokenResponseClient::new);
		tokenClient.setDelegate((request) -> delegate.get().getTokenResponse(request));
		tokenClient.setCoreRegistration(DiscordRegistrations.coreRegistration(client.client(), properties));
		return tokenClient;
	}

	@Bean
	@Primary
	@ConditionalOnMissingBean(DiscordReactiveOAuth2UserService.class)
	DiscordReactiveOAuth2UserService discordReactiveOAuth2UserService(ReactiveClient client,
			DiscordOAuth2Properties properties, ApplicationEventPublisher eventPublisher,
			ObjectProvider<ReactiveOAuth2UserService<OAuth2UserRequest, OAuth2User>> applicationServices,
			ObjectProvider<DiscordAuthorities> authorities,
			ObjectProvider<ReactiveDiscordStandingReader> standingReader) {
		DiscordReactiveOAuth2UserService userService = new DiscordReactiveOAuth2UserService(client,
				properties.getRegistrationId(), eventPublisher);
		DiscordAuthorities guildAuthorities = authorities.getIfUnique();
		ReactiveDiscordStandingReader reader = standingReader.getIfUnique();
		if (guildAuthorities != null && reader != null) {
			userService.setAuthorities(guildAuthorities, reader);
		}
		Supplier<ReactiveOAuth2UserService<OAuth2UserRequest, OAuth2User>> delegate = ApplicationDelegates
			.of(applicationServices, DiscordReactiveOAuth2UserService.class, DefaultReactiveOAuth2UserService::new);
		userService.setDelegate((request) -> delegate.get().loadUser(request));
		return userService;
	}

	@Bean
	@ConditionalOnMissingBean
	DiscordRevokeTokenServerLogoutHandler discordRevokeTokenServerLogoutHandler(ReactiveClient client,
			DiscordOAuth2Properties properties,
			ObjectProvider<ServerOAuth2AuthorizedClientRepository> authorizedClientRepository,
			ObjectProvider<ReactiveOAuth2AuthorizedClientService> authorizedClientService) {
		// Boot's reactive OAuth2 client auto-configurations, which run after this one,
		// usually supply them.
		ServerOAuth2AuthorizedClientRepository repository = authorizedClientRepository
			.getIfAvailable(() -> new AuthenticatedPrincipalServerOAuth2AuthorizedClientRepository(
					authorizedClientService.getObject()));
		return new DiscordRevokeTokenServerLogoutHandler(client, properties.getRegistrationId(), repository);
	}

	/**
	 * Discord plus the registrations of {@code spring.security.oauth2.client.*}.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = OAUTH2_CLIENT_PROPERTIES)
	@ConditionalOnMissingBean(ReactiveClientRegistrationRepository.class)
	@EnableConfigurationProperties(OAuth2ClientProperties.class)
	static class ReactiveClientRegistrationRepositoryConfiguration {

		@Bean
		InMemoryReactiveClientRegistrationRepository clientRegistrationRepository(
				ClientRegistration discordClientRegistration, OAuth2ClientProperties oauth2ClientProperties) {
			return new InMemoryReactiveClientRegistrationRepository(
					DiscordRegistrations.withOthers(discordClientRegistration, oauth2ClientProperties));
		}

	}

	/**
	 * Discord alone, should Boot's OAuth2 client module be missing.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnMissingClass(OAUTH2_CLIENT_PROPERTIES)
	@ConditionalOnMissingBean(ReactiveClientRegistrationRepository.class)
	static class DiscordOnlyReactiveClientRegistrationRepositoryConfiguration {

		@Bean
		InMemoryReactiveClientRegistrationRepository clientRegistrationRepository(
				ClientRegistration discordClientRegistration) {
			return new InMemoryReactiveClientRegistrationRepository(discordClientRegistration);
		}

	}

}
