package io.github.discordoauth2.autoconfigure;

import java.util.List;
import java.util.Map;

import io.github.discordoauth2.autoconfigure.servlet.DiscordOAuth2AuthorizedClientAutoConfiguration;
import io.github.discordoauth2.autoconfigure.servlet.DiscordOAuth2LoginAutoConfiguration;
import io.github.discordoauth2.autoconfigure.servlet.DiscordOAuth2WebMvcAutoConfiguration;
import io.github.discordoauth2.autoconfigure.servlet.DiscordOAuth2WebSecurityAutoConfiguration;
import io.github.discordoauth2.security.DiscordAuthorizationCodeTokenResponseClient;
import io.github.discordoauth2.security.DiscordOAuth2UserService;
import io.github.discordoauth2.security.DiscordRefreshTokenTokenResponseClient;
import io.github.discordoauth2.security.tokens.DiscordAccountLinks;
import io.github.discordoauth2.security.tokens.LocalAccountIdentifier;
import io.github.discordoauth2.security.web.DiscordAccessTokenArgumentResolver;
import io.github.discordoauth2.security.web.DiscordConnectConfigurer;
import io.github.discordoauth2.security.web.DiscordOAuth2LoginConfigurer;
import io.github.discordoauth2.security.web.DiscordRevokeTokenLogoutHandler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.security.oauth2.client.autoconfigure.OAuth2ClientAutoConfiguration;
import org.springframework.boot.security.oauth2.client.autoconfigure.servlet.OAuth2ClientWebSecurityAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableWebApplicationContext;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.ResolvableType;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.context.ListeningSecurityContextHolderStrategy;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.oauth2.client.endpoint.OAuth2AccessTokenResponseClient;
import org.springframework.security.oauth2.client.endpoint.OAuth2AuthorizationCodeGrantRequest;
import org.springframework.security.oauth2.client.endpoint.OAuth2RefreshTokenGrantRequest;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserRequest;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.endpoint.OAuth2AccessTokenResponse;
import org.springframework.security.oauth2.core.user.DefaultOAuth2User;
import org.springframework.security.oauth2.core.user.OAuth2User;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.logout.CompositeLogoutHandler;
import org.springframework.security.web.authentication.logout.LogoutFilter;
import org.springframework.security.web.authentication.logout.LogoutHandler;
import org.springframework.test.util.ReflectionTestUtils;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The starter composes with what an application already has: its own filter chain, other
 * login providers and its own beans of Spring Security's global types.
 */
@ExtendWith(OutputCaptureExtension.class)
class DiscordCompositionTests {

	private static final String[] DISCORD = { "discord.oauth2.client-id=1100000000000000001",
			"discord.oauth2.client-secret=s3cret", "discord.oauth2.base-url=http://127.0.0.1:8090" };

	private static final String[] GOOGLE = { "spring.security.oauth2.client.registration.google.client-id=g-id",
			"spring.security.oauth2.client.registration.google.client-secret=g-secret" };

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner().withConfiguration(
			AutoConfigurations.of(DiscordOAuth2ClientAutoConfiguration.class, DiscordOAuth2LoginAutoConfiguration.class,
					DiscordOAuth2WebSecurityAutoConfiguration.class, DiscordOAuth2WebMvcAutoConfiguration.class,
					SecurityAutoConfiguration.class, ServletWebSecurityAutoConfiguration.class,
					OAuth2ClientAutoConfiguration.class, OAuth2ClientWebSecurityAutoConfiguration.class));

	@Test
	void configurerStaysOffWhenOnlyAnotherProviderIsConfigured() {
		this.contextRunner.withPropertyValues(GOOGLE)
			.withUserConfiguration(GoogleAndDiscordChainConfiguration.class)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context).hasSingleBean(ClientRegistrationRepository.class);
				assertThat(logoutHandlers(context, "appChain"))
					.noneMatch(DiscordRevokeTokenLogoutHandler.class::isInstance);
			});
	}

	@Test
	void connectStaysOffWhenOnlyAnotherProviderIsConfigured() {
		this.contextRunner.withPropertyValues(GOOGLE)
			.withUserConfiguration(FormLoginConnectChainConfiguration.class)
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void connectWithoutTheTokenStoreFailsAtStartupNamingTheFix() {
		// This runner has no token store auto-configuration, as when the application
		// defines its own OAuth2AuthorizedClientService.
		this.contextRunner.withPropertyValues(DISCORD)
			.withUserConfiguration(FormLoginConnectChainConfiguration.class)
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("Connect Discord")
				.hasMessageContaining("DiscordTokenStore bean"));
	}

	@Test
	void revokeOnLogoutPropertyAppliesToTheApplicationsOwnChain() {
		this.contextRunner.withPropertyValues(DISCORD)
			.withPropertyValues("discord.oauth2.login.revoke-on-logout=true")
			.withUserConfiguration(PlainConfigurerChainConfiguration.class)
			.run((context) -> assertThat(logoutHandlers(context, "appChain"))
				.anyMatch(DiscordRevokeTokenLogoutHandler.class::isInstance));
	}

	@Test
	void explicitRevokeSettingWinsOverTheProperty() {
		this.contextRunner.withPropertyValues(DISCORD)
			.withPropertyValues("discord.oauth2.login.revoke-on-logout=true")
			.withUserConfiguration(NoRevokeChainConfiguration.class)
			.run((context) -> assertThat(logoutHandlers(context, "appChain"))
				.noneMatch(DiscordRevokeTokenLogoutHandler.class::isInstance));
	}

	@Test
	void googleOnlyUserServiceLeavesDiscordsInPlaceAndGetsGoogle() {
		this.contextRunner.withPropertyValues(DISCORD)
			.withPropertyValues(GOOGLE)
			.withUserConfiguration(GoogleUserServiceConfiguration.class)
			.run((context) -> {
				OAuth2UserService<OAuth2UserRequest, OAuth2User> picked = context
					.<OAuth2UserService<OAuth2UserRequest, OAuth2User>>getBeanProvider(ResolvableType
						.forClassWithGenerics(OAuth2UserService.class, OAuth2UserRequest.class, OAuth2User.class))
					.getIfUnique();
				assertThat(picked).isInstanceOf(DiscordOAuth2UserService.class);
				OAuth2User google = picked.loadUser(new OAuth2UserRequest(registration(context, "google"),
						new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, "g-token", null, null)));
				assertThat(google.getName()).isEqualTo("google-user");
			});
	}

	@Test
	void googleOnlyTokenClientsLeaveDiscordsInPlaceAndGetGoogle() {
		this.contextRunner.withPropertyValues(DISCORD)
			.withPropertyValues(GOOGLE)
			.withUserConfiguration(GoogleTokenClientsConfiguration.class)
			.run((context) -> {
				OAuth2AccessTokenResponseClient<OAuth2AuthorizationCodeGrantRequest> code = context
					.<OAuth2AccessTokenResponseClient<OAuth2AuthorizationCodeGrantRequest>>getBeanProvider(
							ResolvableType.forClassWithGenerics(OAuth2AccessTokenResponseClient.class,
									OAuth2AuthorizationCodeGrantRequest.class))
					.getIfUnique();
				OAuth2AccessTokenResponseClient<OAuth2RefreshTokenGrantRequest> refresh = context
					.<OAuth2AccessTokenResponseClient<OAuth2RefreshTokenGrantRequest>>getBeanProvider(
							ResolvableType.forClassWithGenerics(OAuth2AccessTokenResponseClient.class,
									OAuth2RefreshTokenGrantRequest.class))
					.getIfUnique();
				assertThat(code).isInstanceOf(DiscordAuthorizationCodeTokenResponseClient.class);
				assertThat(refresh).isInstanceOf(DiscordRefreshTokenTokenResponseClient.class);
				OAuth2AccessTokenResponse google = refresh
					.getTokenResponse(new OAuth2RefreshTokenGrantRequest(registration(context, "google"),
							new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, "old", null, null),
							new org.springframework.security.oauth2.core.OAuth2RefreshToken("rt", null)));
				assertThat(google.getAccessToken().getTokenValue()).isEqualTo("from-google-client");
			});
	}

	@Test
	void customAuthorizationBaseUriWorksForEveryProviderAndKeepsDiscordsPrompt() {
		this.contextRunner.withPropertyValues(DISCORD)
			.withPropertyValues(GOOGLE)
			.withPropertyValues("discord.oauth2.prompt=consent")
			.withUserConfiguration(CustomBaseUriChainConfiguration.class)
			.run((context) -> {
				MockMvc mvc = MockMvcBuilders.webAppContextSetup(context).apply(springSecurity()).build();
				mvc.perform(get("/login/start/google"))
					.andExpect(status().isFound())
					.andExpect(header().string("Location",
							org.hamcrest.Matchers.startsWith("https://accounts.google.com/o/oauth2/v2/auth")));
				mvc.perform(get("/login/start/discord"))
					.andExpect(status().isFound())
					.andExpect(header().string("Location",
							org.hamcrest.Matchers.allOf(
									org.hamcrest.Matchers.startsWith("http://127.0.0.1:8090/oauth2/authorize"),
									org.hamcrest.Matchers.containsString("prompt=consent"))));
			});
	}

	@Test
	void connectLeavesTheApplicationsOwnClientAuthorizationsInPlace() {
		this.contextRunner
			.withConfiguration(AutoConfigurations.of(DiscordOAuth2TokenStoreAutoConfiguration.class,
					DiscordOAuth2AuthorizedClientAutoConfiguration.class))
			.withPropertyValues(DISCORD)
			.withPropertyValues(GOOGLE)
			.withUserConfiguration(OwnClientAndConnectChainConfiguration.class)
			.run((context) -> {
				MockMvc mvc = MockMvcBuilders.webAppContextSetup(context).apply(springSecurity()).build();
				// The application's own oauth2Client() authorization of another provider.
				mvc.perform(get("/oauth2/authorization/google").with(user("alice")))
					.andExpect(status().isFound())
					.andExpect(header().string("Location",
							org.hamcrest.Matchers.startsWith("https://accounts.google.com/o/oauth2/v2/auth")));
				// Connect Discord (a form), with its own callback.
				mvc.perform(post("/oauth2/connect/discord").with(user("alice")).with(csrf()))
					.andExpect(status().isFound())
					.andExpect(header().string("Location",
							org.hamcrest.Matchers.allOf(
									org.hamcrest.Matchers.startsWith("http://127.0.0.1:8090/oauth2/authorize"),
									org.hamcrest.Matchers
										.containsString("redirect_uri=http://localhost/oauth2/connect/code/discord"))));
			});
	}

	@Test
	void connectWithoutALocalAccountIdentifierWarnsOnceAtStartup(CapturedOutput output) {
		this.contextRunner
			.withConfiguration(AutoConfigurations.of(DiscordOAuth2TokenStoreAutoConfiguration.class,
					DiscordOAuth2AuthorizedClientAutoConfiguration.class))
			.withPropertyValues(DISCORD)
			.withUserConfiguration(FormLoginConnectChainConfiguration.class)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(output).containsOnlyOnce("Define a LocalAccountIdentifier bean");
			});
	}

	@Test
	void connectWithALocalAccountIdentifierDoesNotWarn(CapturedOutput output) {
		this.contextRunner
			.withConfiguration(AutoConfigurations.of(DiscordOAuth2TokenStoreAutoConfiguration.class,
					DiscordOAuth2AuthorizedClientAutoConfiguration.class))
			.withPropertyValues(DISCORD)
			.withUserConfiguration(FormLoginConnectChainConfiguration.class)
			.withBean(LocalAccountIdentifier.class, () -> (authentication) -> "id-" + authentication.getName())
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(DiscordAccountLinks.class)
					.accountKey(UsernamePasswordAuthenticationToken.authenticated("alice", null, List.of())))
					.isEqualTo("local:id-alice");
				assertThat(output).doesNotContain("LocalAccountIdentifier");
			});
	}

	@Test
	void argumentResolverReadsTheApplicationsSecurityContextHolderStrategy() {
		this.contextRunner.withPropertyValues(DISCORD)
			.withUserConfiguration(StrategyConfiguration.class)
			.run((context) -> assertThat(ReflectionTestUtils
				.getField(context.getBean(DiscordAccessTokenArgumentResolver.class), "securityContextHolderStrategy"))
				.isSameAs(context.getBean(SecurityContextHolderStrategy.class)));
	}

	@Test
	void missingAuthorizedClientManagerStopsStartupWithTheFix() {
		this.contextRunner.withPropertyValues(DISCORD)
			.withUserConfiguration(TwoAuthorizedClientManagersConfiguration.class)
			.run((context) -> {
				assertThat(context).hasFailed();
				org.springframework.boot.diagnostics.FailureAnalysis analysis = new DiscordOAuth2SetupFailureAnalyzer()
					.analyze(context.getStartupFailure());
				assertThat(analysis).isNotNull();
				assertThat(analysis.getDescription()).contains("OAuth2AuthorizedClientManager");
				assertThat(analysis.getAction()).contains("OAuth2AuthorizedClientManager").contains("@Primary");
			});
	}

	private static ClientRegistration registration(AssertableWebApplicationContext context, String id) {
		return context.getBean(ClientRegistrationRepository.class).findByRegistrationId(id);
	}

	@SuppressWarnings("unchecked")
	private static List<LogoutHandler> logoutHandlers(AssertableWebApplicationContext context, String chain) {
		LogoutFilter filter = (LogoutFilter) context.getBean(chain, SecurityFilterChain.class)
			.getFilters()
			.stream()
			.filter(LogoutFilter.class::isInstance)
			.findFirst()
			.orElseThrow();
		Object handler = ReflectionTestUtils.getField(filter, "handler");
		if (handler instanceof CompositeLogoutHandler composite) {
			return (List<LogoutHandler>) ReflectionTestUtils.getField(composite, "logoutHandlers");
		}
		return List.of((LogoutHandler) handler);
	}

	@Configuration(proxyBeanMethods = false)
	static class GoogleAndDiscordChainConfiguration {

		@Bean
		SecurityFilterChain appChain(HttpSecurity http) throws Exception {
			http.authorizeHttpRequests((requests) -> requests.anyRequest().authenticated());
			http.oauth2Login(Customizer.withDefaults());
			http.with(DiscordOAuth2LoginConfigurer.discordLogin().revokeTokenOnLogout(true), Customizer.withDefaults());
			return http.build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class FormLoginConnectChainConfiguration {

		@Bean
		SecurityFilterChain appChain(HttpSecurity http) throws Exception {
			http.authorizeHttpRequests((requests) -> requests.anyRequest().authenticated());
			http.formLogin(Customizer.withDefaults());
			http.with(DiscordConnectConfigurer.discordConnect(), Customizer.withDefaults());
			return http.build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OwnClientAndConnectChainConfiguration {

		@Bean
		SecurityFilterChain appChain(HttpSecurity http) throws Exception {
			http.authorizeHttpRequests((requests) -> requests.anyRequest().authenticated());
			http.formLogin(Customizer.withDefaults());
			http.oauth2Client(Customizer.withDefaults());
			http.with(DiscordConnectConfigurer.discordConnect(), Customizer.withDefaults());
			return http.build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class PlainConfigurerChainConfiguration {

		@Bean
		SecurityFilterChain appChain(HttpSecurity http) throws Exception {
			http.authorizeHttpRequests((requests) -> requests.anyRequest().authenticated());
			http.with(DiscordOAuth2LoginConfigurer.discordLogin(), Customizer.withDefaults());
			return http.build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class NoRevokeChainConfiguration {

		@Bean
		SecurityFilterChain appChain(HttpSecurity http) throws Exception {
			http.authorizeHttpRequests((requests) -> requests.anyRequest().authenticated());
			http.with(DiscordOAuth2LoginConfigurer.discordLogin().revokeTokenOnLogout(false),
					Customizer.withDefaults());
			return http.build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class GoogleUserServiceConfiguration {

		@Bean
		OAuth2UserService<OAuth2UserRequest, OAuth2User> googleUserService() {
			return (request) -> new DefaultOAuth2User(List.of(), Map.of("sub", "google-user"), "sub");
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class GoogleTokenClientsConfiguration {

		@Bean
		OAuth2AccessTokenResponseClient<OAuth2AuthorizationCodeGrantRequest> googleCodeClient() {
			return (request) -> OAuth2AccessTokenResponse.withToken("from-google-client")
				.tokenType(OAuth2AccessToken.TokenType.BEARER)
				.build();
		}

		@Bean
		OAuth2AccessTokenResponseClient<OAuth2RefreshTokenGrantRequest> googleRefreshClient() {
			return (request) -> OAuth2AccessTokenResponse.withToken("from-google-client")
				.tokenType(OAuth2AccessToken.TokenType.BEARER)
				.build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class CustomBaseUriChainConfiguration {

		@Bean
		SecurityFilterChain appChain(HttpSecurity http) throws Exception {
			http.authorizeHttpRequests((requests) -> requests.anyRequest().authenticated());
			http.with(DiscordOAuth2LoginConfigurer.discordLogin()
				.oauth2Login((login) -> login.authorizationEndpoint((endpoint) -> endpoint.baseUri("/login/start"))),
					Customizer.withDefaults());
			return http.build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class StrategyConfiguration {

		@Bean
		SecurityContextHolderStrategy securityContextHolderStrategy() {
			return new ListeningSecurityContextHolderStrategy(SecurityContextHolder.getContextHolderStrategy(),
					(event) -> {
					});
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class TwoAuthorizedClientManagersConfiguration {

		@Bean
		org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager firstManager() {
			return (request) -> null;
		}

		@Bean
		org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager secondManager() {
			return (request) -> null;
		}

	}

}
