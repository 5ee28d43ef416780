package io.github.discordoauth2.autoconfigure.servlet;

import java.util.function.Supplier;

import io.github.discordoauth2.Client;
import io.github.discordoauth2.autoconfigure.ApplicationDelegates;
import io.github.discordoauth2.autoconfigure.DiscordOAuth2ClientAutoConfiguration;
import io.github.discordoauth2.autoconfigure.DiscordOAuth2Properties;
import io.github.discordoauth2.autoconfigure.DiscordRegistrations;
import io.github.discordoauth2.security.DiscordAuthorities;
import io.github.discordoauth2.security.DiscordAuthorizationCodeTokenResponseClient;
import io.github.discordoauth2.security.DiscordOAuth2UserService;
import io.github.discordoauth2.security.DiscordRefreshTokenTokenResponseClient;
import io.github.discordoauth2.security.DiscordStandingReader;
import io.github.discordoauth2.security.web.DiscordRevokeTokenLogoutHandler;

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
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.endpoint.OAuth2AccessTokenResponseClient;
import org.springframework.security.oauth2.client.endpoint.OAuth2AuthorizationCodeGrantRequest;
import org.springframework.security.oauth2.client.endpoint.OAuth2RefreshTokenGrantRequest;
import org.springframework.security.oauth2.client.endpoint.RestClientAuthorizationCodeTokenResponseClient;
import org.springframework.security.oauth2.client.endpoint.RestClientRefreshTokenTokenResponseClient;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.client.userinfo.DefaultOAuth2UserService;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserRequest;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.client.web.AuthenticatedPrincipalOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.core.user.OAuth2User;

/**
 * Auto-configuration of "Login with Discord" through Spring Security's
 * {@code oauth2Login()}.
 *
 * <p>
 * It contributes the Discord {@link ClientRegistration} and a
 * {@link ClientRegistrationRepository} holding it together with every registration under
 * {@code spring.security.oauth2.client.*}, so that Discord needs no {@code provider}
 * block and other providers keep working. It runs before Boot's OAuth2 client
 * auto-configuration, whose repository then backs off while its authorized client service
 * and repository build on ours. The token exchange and refresh go through the core
 * {@link Client}. The Discord token response clients and user service are
 * {@code @Primary}, so Spring Security picks them up by type in any filter chain (and for
 * refreshes), and each hands every other registration to the application's own bean of
 * the same type (or Spring Security's default): a Google-only user service does not
 * remove Discord's. Replace one by defining a bean of the Discord class itself.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = DiscordOAuth2ClientAutoConfiguration.class,
		beforeName = "org.springframework.boot.security.oauth2.client.autoconfigure.OAuth2ClientAutoConfiguration")
@ConditionalOnDiscordLogin
@ConditionalOnBean(Client.class)
@EnableConfigurationProperties(DiscordOAuth2Properties.class)
@Import({ DiscordOAuth2LoginAutoConfiguration.ClientRegistrationRepositoryConfiguration.class,
		DiscordOAuth2LoginAutoConfiguration.DiscordOnlyClientRegistrationRepositoryConfiguration.class })
public final class DiscordOAuth2LoginAutoConfiguration {

	/**
	 * Name of the Discord {@link ClientRegistration} bean, for applications that build
	 * their own {@link ClientRegistrationRepository}.
	 */
	public static final String CLIENT_REGISTRATION_BEAN_NAME = "discordClientRegistration";

	private static final String OAUTH2_CLIENT_PROPERTIES = "org.springframework.boot.security.oauth2.client.autoconfigure.OAuth2ClientProperties";

	@Bean(CLIENT_REGISTRATION_BEAN_NAME)
	@ConditionalOnMissingBean(name = CLIENT_REGISTRATION_BEAN_NAME)
	ClientRegistration discordClientRegistration(Client client, DiscordOAuth2Properties properties) {
		return DiscordRegistrations.discordClientRegistration(client, properties);
	}

	@Bean
	@Primary
	@ConditionalOnMissingBean(DiscordAuthorizationCodeTokenResponseClient.class)
	DiscordAuthorizationCodeTokenResponseClient discordAuthorizationCodeTokenResponseClient(Client client,
			DiscordOAuth2Properties properties,
			ObjectProvider<OAuth2AccessTokenResponseClient<OAuth2AuthorizationCodeGrantRequest>> applicationClients) {
		DiscordAuthorizationCodeTokenResponseClient tokenClient = new DiscordAuthorizationCodeTokenResponseClient(
				client, properties.getRegistrationId());
		Supplier<OAuth2AccessTokenResponseClient<OAuth2AuthorizationCodeGrantRequest>> delegate = ApplicationDelegates
			.of(applicationClients, DiscordAuthorizationCodeTokenResponseClient.class,
					RestClientAuthorizationCodeTokenResponseClient::new);
		tokenClient.setDelegate((request) -> delegate.get().getTokenResponse(request));
		tokenClient.setCoreRegistration(DiscordRegistrations.coreRegistration(client, properties));
		return tokenClient;
	}

	@Bean
	@Primary
	@ConditionalOnMissingBean(DiscordRefreshTokenTokenResponseClient.class)
	DiscordRefreshTokenTokenResponseClient discordRefreshTokenTokenResponseClient(Client client,
			DiscordOAuth2Properties properties,
			ObjectProvider<OAuth2AccessTokenResponseClient<OAuth2RefreshTokenGrantRequest>> applicationClients) {
		DiscordRefreshTokenTokenResponseClient tokenClient = new DiscordRefreshTokenTokenResponseClient(client,
				properties.getRegistrationId());
		Supplier<OAuth2AccessTokenResponseClient<OAuth2RefreshTokenGrantRequest>> delegate = ApplicationDelegates.of(
				applicationClients, DiscordRefreshTokenTokenResponseClient.class,
				RestClientRefreshTokenTokenResponseClient::new);
		tokenClient.setDelegate((request) -> delegate.get().getTokenResponse(request));
		tokenClient.setCoreRegistration(DiscordRegistrations.coreRegistration(client, properties));
		return tokenClient;
	}

	@Bean
	@Primary
	@ConditionalOnMissingBean(DiscordOAuth2UserService.class)
	DiscordOAuth2UserService discordOAuth2UserService(Client client, DiscordOAuth2Properties properties,
			ApplicationEventPublisher eventPublisher,
			ObjectProvider<OAuth2UserService<OAuth2UserRequest, OAuth2User>> applicationServices,
			ObjectProvider<DiscordAuthorities> authorities, ObjectProvider<DiscordStandingReader> standingReader) {
		DiscordOAuth2UserService userService = new DiscordOAuth2UserService(client, properties.getRegistrationId(),
				eventPublisher);
		DiscordAuthorities guildAuthorities = authorities.getIfUnique();
		DiscordStandingReader reader = standingReader.getIfUnique();
		if (guildAuthorities != null && reader != null) {
			userService.setAuthorities(guildAuthorities, reader);
		}
		Supplier<OAuth2UserService<OAuth2UserRequest, OAuth2User>> delegate = ApplicationDelegates
			.of(applicationServices, DiscordOAuth2UserService.class, DefaultOAuth2UserService::new);
		userService.setDelegate((request) -> delegate.get().loadUser(request));
		return userService;
	}

	@Bean
	@ConditionalOnMissingBean
	DiscordRevokeTokenLogoutHandler discordRevokeTokenLogoutHandler(Client client, DiscordOAuth2Properties properties,
			ObjectProvider<OAuth2AuthorizedClientRepository> authorizedClientRepository,
			ObjectProvider<OAuth2AuthorizedClientService> authorizedClientService) {
		// Boot's OAuth2 client web security auto-configuration, which runs after this
		// one, usually supplies it.
		OAuth2AuthorizedClientRepository repository = authorizedClientRepository.getIfAvailable(
				() -> new AuthenticatedPrincipalOAuth2AuthorizedClientRepository(authorizedClientService.getObject()));
		return new DiscordRevokeTokenLogoutHandler(client, properties.getRegistrationId(), repository);
	}

	/**
	 * Discord plus the registrations of {@code spring.security.oauth2.client.*}.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = OAUTH2_CLIENT_PROPERTIES)
	@ConditionalOnMissingBean(ClientRegistrationRepository.class)
	@EnableConfigurationProperties(OAuth2ClientProperties.class)
	static class ClientRegistrationRepositoryConfiguration {

		@Bean
		InMemoryClientRegistrationRepository clientRegistrationRepository(ClientRegistration discordClientRegistration,
				OAuth2ClientProperties oauth2ClientProperties) {
			return new InMemoryClientRegistrationRepository(
					DiscordRegistrations.withOthers(discordClientRegistration, oauth2ClientProperties));
		}

	}

	/**
	 * Discord alone, should Boot's OAuth2 client module be missing.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnMissingClass(OAUTH2_CLIENT_PROPERTIES)
	@ConditionalOnMissingBean(ClientRegistrationRepository.class)
	static class DiscordOnlyClientRegistrationRepositoryConfiguration {

		@Bean
		InMemoryClientRegistrationRepository clientRegistrationRepository(
				ClientRegistration discordClientRegistration) {
			return new InMemoryClientRegistrationRepository(discordClientRegistration);
		}

	}

}
