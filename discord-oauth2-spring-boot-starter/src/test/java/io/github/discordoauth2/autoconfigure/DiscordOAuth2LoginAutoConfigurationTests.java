package io.github.discordoauth2.autoconfigure;

import java.util.ArrayList;
import java.util.List;

import io.github.discordoauth2.Client;
import io.github.discordoauth2.autoconfigure.servlet.DiscordOAuth2LoginAutoConfiguration;
import io.github.discordoauth2.autoconfigure.servlet.DiscordOAuth2WebMvcAutoConfiguration;
import io.github.discordoauth2.autoconfigure.servlet.DiscordOAuth2WebSecurityAutoConfiguration;
import io.github.discordoauth2.security.DiscordAuthorizationCodeTokenResponseClient;
import io.github.discordoauth2.security.DiscordOAuth2UserService;
import io.github.discordoauth2.security.DiscordRefreshTokenTokenResponseClient;
import io.github.discordoauth2.security.web.DiscordAccessTokenArgumentResolver;
import io.github.discordoauth2.security.web.DiscordOAuth2LoginConfigurer;
import io.github.discordoauth2.security.web.DiscordRevokeTokenLogoutHandler;
import io.github.discordoauth2.security.web.DiscordUnauthorizedExceptionResolver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.security.oauth2.client.autoconfigure.OAuth2ClientAutoConfiguration;
import org.springframework.boot.security.oauth2.client.autoconfigure.servlet.OAuth2ClientWebSecurityAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.ResolvableType;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.endpoint.OAuth2AccessTokenResponseClient;
import org.springframework.security.oauth2.client.endpoint.OAuth2AuthorizationCodeGrantRequest;
import org.springframework.security.oauth2.client.endpoint.OAuth2ClientCredentialsGrantRequest;
import org.springframework.security.oauth2.client.endpoint.OAuth2RefreshTokenGrantRequest;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserRequest;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestRedirectFilter;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.OAuth2LoginAuthenticationFilter;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.core.user.OAuth2User;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Specification of {@link DiscordOAuth2LoginAutoConfiguration},
 * {@link DiscordOAuth2WebSecurityAutoConfiguration} and
 * {@link DiscordOAuth2WebMvcAutoConfiguration} together with Boot's own security
 * auto-configurations.
 */
@ExtendWith(OutputCaptureExtension.class)
class DiscordOAuth2LoginAutoConfigurationTests {

	private static final String[] DISCORD = { "discord.oauth2.client-id=1100000000000000001",
			"discord.oauth2.client-secret=s3cret", "discord.oauth2.base-url=http://127.0.0.1:8090",
			"discord.oauth2.scopes=identify,email" };

	private static final AutoConfigurations ALL = AutoConfigurations.of(DiscordOAuth2ClientAutoConfiguration.class,
			DiscordOAuth2LoginAutoConfiguration.class, DiscordOAuth2WebSecurityAutoConfiguration.class,
			DiscordOAuth2WebMvcAutoConfiguration.class, SecurityAutoConfiguration.class,
			ServletWebSecurityAutoConfiguration.class, OAuth2ClientAutoConfiguration.class,
			OAuth2ClientWebSecurityAutoConfiguration.class);

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner().withConfiguration(ALL);

	@Test
	void discordRegistrationIsContributedFromDiscordProperties() {
		this.contextRunner.withPropertyValues(DISCORD).run((context) -> {
			assertThat(context).hasSingleBean(ClientRegistrationRepository.class);
			ClientRegistration discord = context.getBean(ClientRegistrationRepository.class)
				.findByRegistrationId("discord");
			assertThat(discord).isNotNull();
			assertThat(discord.getClientId()).isEqualTo("1100000000000000001");
			assertThat(discord.getClientSecret()).isEqualTo("s3cret");
			assertThat(discord.getAuthorizationGrantType()).isEqualTo(AuthorizationGrantType.AUTHORIZATION_CODE);
			assertThat(discord.getRedirectUri()).isEqualTo("{baseUrl}/login/oauth2/code/{registrationId}");
			assertThat(discord.getScopes()).containsExactly("identify", "email");
			assertThat(discord.getClientSettings().isRequireProofKey()).isTrue();
			ClientRegistration.ProviderDetails provider = discord.getProviderDetails();
			assertThat(provider.getAuthorizationUri()).isEqualTo("http://127.0.0.1:8090/oauth2/authorize");
			assertThat(provider.getTokenUri()).isEqualTo("http://127.0.0.1:8090/api/v10/oauth2/token");
			assertThat(provider.getUserInfoEndpoint().getUri()).isEqualTo("http://127.0.0.1:8090/api/v10/users/@me");
			assertThat(provider.getUserInfoEndpoint().getUserNameAttributeName()).isEqualTo("id");
		});
	}

	@Test
	void loginBeansAreThere() {
		this.contextRunner.withPropertyValues(DISCORD).run((context) -> {
			assertThat(context
				.getBeanProvider(ResolvableType.forClassWithGenerics(OAuth2AccessTokenResponseClient.class,
						OAuth2AuthorizationCodeGrantRequest.class))
				.getObject()).isInstanceOf(DiscordAuthorizationCodeTokenResponseClient.class);
			assertThat(context
				.getBeanProvider(ResolvableType.forClassWithGenerics(OAuth2AccessTokenResponseClient.class,
						OAuth2RefreshTokenGrantRequest.class))
				.getObject()).isInstanceOf(DiscordRefreshTokenTokenResponseClient.class);
			assertThat(context
				.getBeanProvider(ResolvableType.forClassWithGenerics(OAuth2UserService.class, OAuth2UserRequest.class,
						OAuth2User.class))
				.getObject()).isInstanceOf(DiscordOAuth2UserService.class);
			// No global resolver: the default one honours every provider's baseUri.
			assertThat(context).doesNotHaveBean(OAuth2AuthorizationRequestResolver.class);
			assertThat(context).hasSingleBean(OAuth2AuthorizedClientManager.class);
			assertThat(context).hasSingleBean(DiscordAccessTokenArgumentResolver.class);
			assertThat(context).hasSingleBean(DiscordUnauthorizedExceptionResolver.class);
			assertThat(context).hasSingleBean(DiscordRevokeTokenLogoutHandler.class);
			assertThat(context).hasBean("discordSecurityFilterChain");
			assertThat(context).hasSingleBean(SecurityFilterChain.class);
		});
	}

	@Test
	void refreshOnUnauthorizedIsOnUnlessTurnedOffWhileReplacedTokensAreAlwaysRecovered() {
		this.contextRunner.withPropertyValues(DISCORD)
			.run((context) -> assertThat(context.getBean(DiscordUnauthorizedExceptionResolver.class))
				.hasFieldOrPropertyWithValue("refreshOnUnauthorized", true));
		this.contextRunner.withPropertyValues(DISCORD)
			.withPropertyValues("discord.oauth2.login.refresh-on-unauthorized=false")
			.run((context) -> assertThat(context.getBean(DiscordUnauthorizedExceptionResolver.class))
				.hasFieldOrPropertyWithValue("refreshOnUnauthorized", false));
	}

	@Test
	void registrationsUnderSpringSecurityPropertiesStayBesideDiscord() {
		this.contextRunner.withPropertyValues(DISCORD)
			.withPropertyValues("spring.security.oauth2.client.registration.github.client-id=gh",
					"spring.security.oauth2.client.registration.github.client-secret=gh-secret")
			.run((context) -> {
				InMemoryClientRegistrationRepository repository = context
					.getBean(InMemoryClientRegistrationRepository.class);
				List<String> ids = new ArrayList<>();
				repository.forEach((registration) -> ids.add(registration.getRegistrationId()));
				assertThat(ids).containsExactlyInAnyOrder("discord", "github");
			});
	}

	@Test
	void discordConfiguredTwiceStopsStartup() {
		this.contextRunner.withPropertyValues(DISCORD)
			.withPropertyValues("spring.security.oauth2.client.registration.discord.client-id=1",
					"spring.security.oauth2.client.registration.discord.provider=github")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(new DiscordOAuth2FailureAnalyzer().analyze(context.getStartupFailure()).getDescription())
					.contains("discord.oauth2.registration-id");
			});
	}

	@Test
	void clientRegistrationRepositoryBacksOffWhenUserDefinesOne() {
		this.contextRunner.withPropertyValues(DISCORD)
			.withUserConfiguration(UserRepositoryConfiguration.class)
			.run((context) -> {
				assertThat(context).hasSingleBean(ClientRegistrationRepository.class);
				assertThat(context).hasBean("myRepository");
				// The Discord registration stays available for the application's own
				// repository.
				assertThat(context).hasBean(DiscordOAuth2LoginAutoConfiguration.CLIENT_REGISTRATION_BEAN_NAME);
			});
	}

	@Test
	void tokenResponseClientsStayBesideTheApplicationsOwn() {
		this.contextRunner.withPropertyValues(DISCORD)
			.withUserConfiguration(UserTokenClientsConfiguration.class)
			.run((context) -> {
				assertThat(context).hasSingleBean(DiscordAuthorizationCodeTokenResponseClient.class);
				assertThat(context).hasSingleBean(DiscordRefreshTokenTokenResponseClient.class);
				assertThat(context).hasBean("myCodeClient").hasBean("myRefreshClient");
			});
	}

	@Test
	void tokenResponseClientsBackOffWhenUserDefinesDiscordOnes() {
		this.contextRunner.withPropertyValues(DISCORD)
			.withUserConfiguration(UserDiscordTokenClientsConfiguration.class)
			.run((context) -> {
				assertThat(context).hasSingleBean(DiscordAuthorizationCodeTokenResponseClient.class)
					.hasBean("myDiscordCodeClient");
				assertThat(context).hasSingleBean(DiscordRefreshTokenTokenResponseClient.class)
					.hasBean("myDiscordRefreshClient");
			});
	}

	@Test
	void tokenResponseClientOfAnotherGrantDoesNotMakeOursBackOff() {
		this.contextRunner.withPropertyValues(DISCORD)
			.withUserConfiguration(ClientCredentialsTokenClientConfiguration.class)
			.run((context) -> {
				assertThat(context).hasSingleBean(DiscordAuthorizationCodeTokenResponseClient.class);
				assertThat(context).hasSingleBean(DiscordRefreshTokenTokenResponseClient.class);
			});
	}

	@Test
	void userServiceStaysBesideTheApplicationsOwn() {
		this.contextRunner.withPropertyValues(DISCORD)
			.withUserConfiguration(UserServiceConfiguration.class)
			.run((context) -> {
				assertThat(context).hasSingleBean(DiscordOAuth2UserService.class);
				assertThat(context).hasBean("myUserService");
			});
	}

	@Test
	void authorizationRequestResolverBacksOffWhenUserDefinesOne() {
		this.contextRunner.withPropertyValues(DISCORD)
			.withUserConfiguration(UserResolverConfiguration.class)
			.run((context) -> {
				assertThat(context).hasSingleBean(OAuth2AuthorizationRequestResolver.class);
				assertThat(context).hasBean("myResolver");
			});
	}

	@Test
	void securityFilterChainBacksOffWhenUserDefinesOne() {
		this.contextRunner.withPropertyValues(DISCORD)
			.withUserConfiguration(UserFilterChainConfiguration.class)
			.run((context) -> {
				assertThat(context).hasSingleBean(SecurityFilterChain.class);
				assertThat(context).hasBean("myChain");
				assertThat(context).doesNotHaveBean("discordSecurityFilterChain");
			});
	}

	@Test
	void configurerAddsDiscordLoginToTheApplicationsOwnChain() {
		this.contextRunner.withPropertyValues(DISCORD)
			.withUserConfiguration(ConfigurerChainConfiguration.class)
			.run((context) -> {
				assertThat(context).doesNotHaveBean("discordSecurityFilterChain");
				assertThat(filterTypes(context.getBean("appChain", SecurityFilterChain.class)))
					.contains(OAuth2AuthorizationRequestRedirectFilter.class, OAuth2LoginAuthenticationFilter.class);
			});
	}

	@Test
	void configurerDoesNothingWhenDiscordLoginIsOff() {
		this.contextRunner.withUserConfiguration(ConfigurerChainConfiguration.class).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(filterTypes(context.getBean("appChain", SecurityFilterChain.class)))
				.doesNotContain(OAuth2AuthorizationRequestRedirectFilter.class, OAuth2LoginAuthenticationFilter.class);
		});
	}

	@Test
	void defaultChainHasDiscordLogin() {
		this.contextRunner.withPropertyValues(DISCORD)
			.run((context) -> assertThat(
					filterTypes(context.getBean("discordSecurityFilterChain", SecurityFilterChain.class)))
				.contains(OAuth2AuthorizationRequestRedirectFilter.class, OAuth2LoginAuthenticationFilter.class));
	}

	@Test
	void argumentResolverBacksOffWhenUserDefinesOne() {
		this.contextRunner.withPropertyValues(DISCORD)
			.withUserConfiguration(UserArgumentResolverConfiguration.class)
			.run((context) -> assertThat(context).hasSingleBean(DiscordAccessTokenArgumentResolver.class)
				.hasBean("myArgumentResolver"));
	}

	@Test
	void promptAndPkceReachTheAuthorizeUrl() {
		this.contextRunner.withPropertyValues(DISCORD)
			.withPropertyValues("discord.oauth2.prompt=consent")
			.run((context) -> {
				OAuth2AuthorizationRequest request = authorize(defaultResolver(context));
				assertThat(request.getAuthorizationRequestUri()).startsWith("http://127.0.0.1:8090/oauth2/authorize?")
					.contains("prompt=consent")
					.contains("code_challenge=")
					.contains("code_challenge_method=S256")
					.contains("state=")
					.contains("redirect_uri=http://localhost/login/oauth2/code/discord");
			});
	}

	@Test
	void promptIsOnlyForDiscord() {
		this.contextRunner.withPropertyValues(DISCORD)
			.withPropertyValues("discord.oauth2.prompt=none",
					"spring.security.oauth2.client.registration.github.client-id=gh",
					"spring.security.oauth2.client.registration.github.client-secret=gh-secret")
			.run((context) -> {
				OAuth2AuthorizationRequestResolver resolver = defaultResolver(context);
				assertThat(authorize(resolver).getAuthorizationRequestUri()).contains("prompt=none");
				MockHttpServletRequest github = new MockHttpServletRequest("GET", "/oauth2/authorization/github");
				github.setServletPath("/oauth2/authorization/github");
				assertThat(resolver.resolve(github).getAuthorizationRequestUri())
					.startsWith("https://github.com/login/oauth/authorize")
					.doesNotContain("prompt=");
			});
	}

	@Test
	void pkceIsOffByDefaultWhenTheLoginAsksForRoleConnectionsWrite(CapturedOutput output) {
		this.contextRunner.withPropertyValues(DISCORD)
			.withPropertyValues("discord.oauth2.scopes=identify,role_connections.write")
			.run((context) -> {
				OAuth2AuthorizationRequest request = authorize(defaultResolver(context));
				assertThat(request.getAuthorizationRequestUri()).contains("role_connections.write")
					.doesNotContain("code_challenge");
			});
		assertThat(output).contains("PKCE is off for the Discord login")
			.contains("role_connections.write")
			.containsOnlyOnce("PKCE is off");
	}

	@Test
	void pkceStaysOnWithoutRoleConnectionsWriteAndSaysNothing(CapturedOutput output) {
		this.contextRunner.withPropertyValues(DISCORD)
			.run((context) -> assertThat(authorize(defaultResolver(context)).getAuthorizationRequestUri())
				.contains("code_challenge="));
		assertThat(output).doesNotContain("PKCE is off");
	}

	@Test
	void noPromptAndNoPkceWhenSwitchedOff() {
		this.contextRunner.withPropertyValues(DISCORD)
			.withPropertyValues("discord.oauth2.pkce=false")
			.run((context) -> {
				OAuth2AuthorizationRequest request = authorize(defaultResolver(context));
				assertThat(request.getAuthorizationRequestUri()).doesNotContain("prompt=")
					.doesNotContain("code_challenge");
			});
	}

	@Test
	void loginIsOffWithoutClientId() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).doesNotHaveBean(Client.class);
			assertThat(context).doesNotHaveBean(ClientRegistrationRepository.class);
			assertThat(context).doesNotHaveBean(DiscordAccessTokenArgumentResolver.class);
			assertThat(context).doesNotHaveBean("discordSecurityFilterChain");
		});
	}

	@Test
	void loginIsOffWhenDisabledButClientStays() {
		this.contextRunner.withPropertyValues(DISCORD)
			.withPropertyValues("discord.oauth2.login.enabled=false")
			.run((context) -> {
				assertThat(context).hasSingleBean(Client.class);
				assertThat(context).doesNotHaveBean(ClientRegistrationRepository.class);
				assertThat(context).doesNotHaveBean(DiscordAccessTokenArgumentResolver.class);
				assertThat(context).doesNotHaveBean("discordSecurityFilterChain");
			});
	}

	@Test
	void loginIsOffWithoutSpringSecurityOAuth2Client() {
		this.contextRunner.withPropertyValues(DISCORD)
			.withClassLoader(new FilteredClassLoader(ClientRegistration.class))
			.run((context) -> {
				assertThat(context).hasSingleBean(Client.class);
				assertThat(context).doesNotHaveBean(ClientRegistrationRepository.class);
				assertThat(context).doesNotHaveBean(DiscordAccessTokenArgumentResolver.class);
			});
	}

	@Test
	void loginIsOffWithoutSpringSecurityWeb() {
		this.contextRunner.withPropertyValues(DISCORD)
			.withClassLoader(new FilteredClassLoader(HttpSecurity.class, SecurityFilterChain.class))
			.run((context) -> {
				assertThat(context).hasSingleBean(Client.class);
				assertThat(context).doesNotHaveBean("discordSecurityFilterChain");
			});
	}

	@Test
	void argumentResolverIsOffWithoutSpringMvc() {
		this.contextRunner.withPropertyValues(DISCORD)
			.withClassLoader(new FilteredClassLoader(WebMvcConfigurer.class))
			.run((context) -> {
				assertThat(context).hasSingleBean(ClientRegistrationRepository.class);
				assertThat(context).doesNotHaveBean(DiscordAccessTokenArgumentResolver.class);
			});
	}

	@Test
	void loginIsOffOutsideWebApplications() {
		new ApplicationContextRunner().withConfiguration(ALL).withPropertyValues(DISCORD).run((context) -> {
			assertThat(context).hasSingleBean(Client.class);
			assertThat(context).doesNotHaveBean(ClientRegistrationRepository.class);
		});
	}

	private static List<Class<?>> filterTypes(SecurityFilterChain chain) {
		return chain.getFilters().stream().<Class<?>>map(Object::getClass).toList();
	}

	private static OAuth2AuthorizationRequestResolver defaultResolver(ApplicationContext context) {
		return new DefaultOAuth2AuthorizationRequestResolver(context.getBean(ClientRegistrationRepository.class),
				OAuth2AuthorizationRequestRedirectFilter.DEFAULT_AUTHORIZATION_REQUEST_BASE_URI);
	}

	private static OAuth2AuthorizationRequest authorize(OAuth2AuthorizationRequestResolver resolver) {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/oauth2/authorization/discord");
		request.setServletPath("/oauth2/authorization/discord");
		OAuth2AuthorizationRequest authorizationRequest = resolver.resolve(request);
		assertThat(authorizationRequest).isNotNull();
		return authorizationRequest;
	}

	@Configuration(proxyBeanMethods = false)
	static class UserRepositoryConfiguration {

		@Bean
		ClientRegistrationRepository myRepository(ClientRegistration discordClientRegistration) {
			return new InMemoryClientRegistrationRepository(discordClientRegistration);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserTokenClientsConfiguration {

		@Bean
		OAuth2AccessTokenResponseClient<OAuth2AuthorizationCodeGrantRequest> myCodeClient() {
			return (request) -> {
				throw new UnsupportedOperationException();
			};
		}

		@Bean
		OAuth2AccessTokenResponseClient<OAuth2RefreshTokenGrantRequest> myRefreshClient() {
			return (request) -> {
				throw new UnsupportedOperationException();
			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserDiscordTokenClientsConfiguration {

		@Bean
		DiscordAuthorizationCodeTokenResponseClient myDiscordCodeClient(Client client) {
			return new DiscordAuthorizationCodeTokenResponseClient(client, "discord");
		}

		@Bean
		DiscordRefreshTokenTokenResponseClient myDiscordRefreshClient(Client client) {
			return new DiscordRefreshTokenTokenResponseClient(client, "discord");
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ClientCredentialsTokenClientConfiguration {

		@Bean
		OAuth2AccessTokenResponseClient<OAuth2ClientCredentialsGrantRequest> myClientCredentialsClient() {
			return (request) -> {
				throw new UnsupportedOperationException();
			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserServiceConfiguration {

		@Bean
		OAuth2UserService<OAuth2UserRequest, OAuth2User> myUserService() {
			return (request) -> {
				throw new UnsupportedOperationException();
			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserResolverConfiguration {

		@Bean
		OAuth2AuthorizationRequestResolver myResolver(ClientRegistrationRepository repository) {
			return new DefaultOAuth2AuthorizationRequestResolver(repository, "/oauth2/authorization");
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserFilterChainConfiguration {

		@Bean
		SecurityFilterChain myChain(HttpSecurity http) throws Exception {
			http.authorizeHttpRequests((requests) -> requests.anyRequest().permitAll());
			return http.build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ConfigurerChainConfiguration {

		@Bean
		SecurityFilterChain appChain(HttpSecurity http) throws Exception {
			http.authorizeHttpRequests((requests) -> requests.anyRequest().authenticated());
			http.with(DiscordOAuth2LoginConfigurer.discordLogin(), Customizer.withDefaults());
			return http.build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserArgumentResolverConfiguration {

		@Bean
		DiscordAccessTokenArgumentResolver myArgumentResolver(Client client) {
			return new DiscordAccessTokenArgumentResolver(client, "discord", () -> null);
		}

	}

}
