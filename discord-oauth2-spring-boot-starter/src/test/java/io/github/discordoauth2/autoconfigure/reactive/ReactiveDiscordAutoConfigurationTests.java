package io.github.discordoauth2.autoconfigure.reactive;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import io.github.discordoauth2.Client;
import io.github.discordoauth2.ReactiveClient;
import io.github.discordoauth2.autoconfigure.DiscordOAuth2ClientAutoConfiguration;
import io.github.discordoauth2.autoconfigure.DiscordOAuth2FailureAnalyzer;
import io.github.discordoauth2.autoconfigure.DiscordOAuth2LoginPrerequisitesAutoConfiguration;
import io.github.discordoauth2.autoconfigure.DiscordOAuth2TokenStoreAutoConfiguration;
import io.github.discordoauth2.autoconfigure.servlet.DiscordOAuth2LoginAutoConfiguration;
import io.github.discordoauth2.autoconfigure.servlet.DiscordOAuth2WebMvcAutoConfiguration;
import io.github.discordoauth2.autoconfigure.servlet.DiscordOAuth2WebSecurityAutoConfiguration;
import io.github.discordoauth2.security.DiscordOAuth2UserService;
import io.github.discordoauth2.security.DiscordReactiveAuthorizationCodeTokenResponseClient;
import io.github.discordoauth2.security.DiscordReactiveOAuth2AuthorizedClientManager;
import io.github.discordoauth2.security.DiscordReactiveOAuth2UserService;
import io.github.discordoauth2.security.DiscordReactiveRefreshTokenTokenResponseClient;
import io.github.discordoauth2.security.tokens.DiscordAccountLinks;
import io.github.discordoauth2.security.tokens.DiscordLogoutAction;
import io.github.discordoauth2.security.tokens.DiscordTokenStore;
import io.github.discordoauth2.security.tokens.DiscordTokens;
import io.github.discordoauth2.security.tokens.InMemoryDiscordTokenStore;
import io.github.discordoauth2.security.tokens.JdbcDiscordTokenStore;
import io.github.discordoauth2.security.tokens.ReactiveDiscordAccountLinks;
import io.github.discordoauth2.security.tokens.ReactiveDiscordTokens;
import io.github.discordoauth2.security.web.server.DiscordReactiveAccessTokenArgumentResolver;
import io.github.discordoauth2.security.web.server.DiscordServerLoginConfigurer;
import io.github.discordoauth2.security.web.server.DiscordServerOAuth2AuthorizedClientRepository;
import io.github.discordoauth2.security.web.server.DiscordTokensServerLogoutHandler;
import io.github.discordoauth2.security.web.server.DiscordUnauthorizedWebExceptionHandler;
import io.github.discordoauth2.support.BlockHoundSupport;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.reactive.ReactiveWebSecurityAutoConfiguration;
import org.springframework.boot.security.oauth2.client.autoconfigure.reactive.ReactiveOAuth2ClientAutoConfiguration;
import org.springframework.boot.security.oauth2.client.autoconfigure.reactive.ReactiveOAuth2ClientWebSecurityAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.webclient.WebClientCustomizer;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.boot.webflux.autoconfigure.WebFluxAutoConfiguration;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.ResolvableType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.client.InMemoryReactiveOAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.ReactiveOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.ReactiveOAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.endpoint.OAuth2AuthorizationCodeGrantRequest;
import org.springframework.security.oauth2.client.endpoint.ReactiveOAuth2AccessTokenResponseClient;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ReactiveClientRegistrationRepository;
import org.springframework.security.oauth2.client.userinfo.DefaultReactiveOAuth2UserService;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserRequest;
import org.springframework.security.oauth2.client.userinfo.ReactiveOAuth2UserService;
import org.springframework.security.oauth2.client.web.server.OAuth2AuthorizationRequestRedirectWebFilter;
import org.springframework.security.oauth2.client.web.server.ServerOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.client.web.server.authentication.OAuth2LoginAuthenticationWebFilter;
import org.springframework.security.oauth2.core.user.OAuth2User;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.web.reactive.config.WebFluxConfigurer;
import org.springframework.web.server.WebFilter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Specification of the WebFlux auto-configurations: the {@link ReactiveClient} bean, the
 * reactive login, token store, default chain and {@code ReactiveAccessToken} arguments,
 * together with Boot's own reactive security auto-configurations.
 */
@Tag("reactive")
class ReactiveDiscordAutoConfigurationTests {

	static {
		BlockHoundSupport.install();
	}

	private static final String[] DISCORD = { "discord.oauth2.client-id=1100000000000000001",
			"discord.oauth2.client-secret=s3cret", "discord.oauth2.base-url=http://127.0.0.1:8090",
			"discord.oauth2.scopes=identify,guilds" };

	private static final AutoConfigurations ALL = AutoConfigurations.of(DiscordOAuth2ClientAutoConfiguration.class,
			DiscordOAuth2ReactiveClientAutoConfiguration.class, DiscordOAuth2ReactiveLoginAutoConfiguration.class,
			DiscordOAuth2ReactiveAuthorizedClientAutoConfiguration.class,
			DiscordOAuth2ReactiveWebSecurityAutoConfiguration.class, DiscordOAuth2WebFluxAutoConfiguration.class,
			DiscordOAuth2LoginAutoConfiguration.class, DiscordOAuth2TokenStoreAutoConfiguration.class,
			DiscordOAuth2WebSecurityAutoConfiguration.class, DiscordOAuth2WebMvcAutoConfiguration.class,
			DiscordOAuth2LoginPrerequisitesAutoConfiguration.class, SecurityAutoConfiguration.class,
			ReactiveWebSecurityAutoConfiguration.class, ReactiveOAuth2ClientAutoConfiguration.class,
			ReactiveOAuth2ClientWebSecurityAutoConfiguration.class, WebFluxAutoConfiguration.class);

	private final ReactiveWebApplicationContextRunner contextRunner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(ALL);

	@Test
	void reactiveClientIsTheReactiveRoadOfTheClientBean() {
		this.contextRunner.withPropertyValues(DISCORD).run((context) -> {
			assertThat(context).hasSingleBean(ReactiveClient.class);
			assertThat(context.getBean(ReactiveClient.class).client()).isSameAs(context.getBean(Client.class));
		});
	}

	@Test
	void reactiveClientIsBuiltOnBootsWebClientBuilder() {
		AtomicInteger customized = new AtomicInteger();
		this.contextRunner.withPropertyValues(DISCORD)
			.withConfiguration(AutoConfigurations.of(WebClientAutoConfiguration.class))
			.withBean(WebClientCustomizer.class, () -> (builder) -> customized.incrementAndGet())
			.run((context) -> {
				assertThat(context).hasSingleBean(ReactiveClient.class);
				// The application's customizers shaped the builder the client was made
				// from.
				assertThat(customized).hasPositiveValue();
			});
	}

	@Test
	void reactiveClientBacksOffWhenUserDefinesOne() {
		this.contextRunner.withPropertyValues(DISCORD)
			.withUserConfiguration(OwnReactiveClient.class)
			.run((context) -> assertThat(context).getBean(ReactiveClient.class)
				.isSameAs(context.getBean(OwnReactiveClient.class).client));
	}

	@Test
	void withoutClientIdNothingOfTheStarterIsThere() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).doesNotHaveBean(Client.class);
			assertThat(context).doesNotHaveBean(ReactiveClient.class);
			assertThat(context).doesNotHaveBean(DiscordReactiveOAuth2UserService.class);
			assertThat(context).doesNotHaveBean("discordSecurityWebFilterChain");
		});
	}

	@Test
	void loginOffKeepsOnlyTheClients() {
		this.contextRunner.withPropertyValues(DISCORD)
			.withPropertyValues("discord.oauth2.login.enabled=false")
			.run((context) -> {
				assertThat(context).hasSingleBean(ReactiveClient.class);
				assertThat(context).doesNotHaveBean(DiscordReactiveOAuth2UserService.class);
				assertThat(context).doesNotHaveBean(ReactiveDiscordTokens.class);
				assertThat(context).doesNotHaveBean("discordSecurityWebFilterChain");
			});
	}

	@Test
	void theServletSideStaysOff() {
		// Run where the servlet API and Spring MVC are missing, as in a WebFlux
		// application: the servlet auto-configurations must not even load their classes.
		this.contextRunner.withPropertyValues(DISCORD).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).doesNotHaveBean(ClientRegistrationRepository.class);
			assertThat(context).doesNotHaveBean(DiscordOAuth2UserService.class);
			assertThat(context).doesNotHaveBean("discordSecurityFilterChain");
		});
	}

	@Test
	void discordRegistrationIsTheServletOneFromTheSameProperties() {
		this.contextRunner.withPropertyValues(DISCORD).run((context) -> {
			ClientRegistration registration = context.getBean(ReactiveClientRegistrationRepository.class)
				.findByRegistrationId("discord")
				.block();
			assertThat(registration).isNotNull();
			assertThat(registration).isSameAs(context.getBean("discordClientRegistration"));
			Client client = context.getBean(Client.class);
			assertThat(registration.getProviderDetails().getTokenUri()).isEqualTo(client.tokenEndpoint().toString());
			assertThat(registration.getScopes()).containsExactly("identify", "guilds");
			assertThat(registration.getClientSettings().isRequireProofKey()).isTrue();
		});
	}

	@Test
	void otherProvidersOfBootsPropertiesJoinTheRepository() {
		this.contextRunner.withPropertyValues(DISCORD)
			.withPropertyValues("spring.security.oauth2.client.registration.google.client-id=g",
					"spring.security.oauth2.client.registration.google.client-secret=gs")
			.run((context) -> {
				ReactiveClientRegistrationRepository repository = context
					.getBean(ReactiveClientRegistrationRepository.class);
				assertThat(repository.findByRegistrationId("google").block()).isNotNull();
				assertThat(repository.findByRegistrationId("discord").block()).isNotNull();
			});
	}

	@Test
	void discordConfiguredTwiceStopsStartupNamingBothPlaces() {
		this.contextRunner.withPropertyValues(DISCORD)
			.withPropertyValues("spring.security.oauth2.client.registration.discord.client-id=1",
					"spring.security.oauth2.client.registration.discord.client-secret=x",
					"spring.security.oauth2.client.registration.discord.authorization-grant-type=authorization_code",
					"spring.security.oauth2.client.registration.discord.redirect-uri=http://localhost/cb",
					"spring.security.oauth2.client.provider.discord.authorization-uri=http://localhost/a",
					"spring.security.oauth2.client.provider.discord.token-uri=http://localhost/t")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(new DiscordOAuth2FailureAnalyzer().analyze(context.getStartupFailure()).getDescription())
					.contains("discord.oauth2.registration-id");
			});
	}

	@Test
	void badConfigurationFailsAtStartupAsOnTheServletSide() {
		this.contextRunner
			.withPropertyValues("discord.oauth2.client-id=1100000000000000001", "discord.oauth2.client-secret=s",
					"discord.oauth2.scopes=identify,openid")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(new DiscordOAuth2FailureAnalyzer().analyze(context.getStartupFailure()).getDescription())
					.contains("'discord.oauth2.scopes'")
					.contains("openid");
			});
	}

	@Test
	void withoutSpringSecurityAClientIdStopsStartupNamingTheDependency() {
		this.contextRunner.withPropertyValues(DISCORD)
			.withClassLoader(new FilteredClassLoader(SecurityAutoConfiguration.class))
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(new DiscordOAuth2FailureAnalyzer().analyze(context.getStartupFailure()).getAction())
					.contains("spring-boot-starter-security-oauth2-client");
			});
	}

	@Test
	void discordAdaptersArePickedByTypeBesideTheApplicationsOwn() {
		this.contextRunner.withPropertyValues(DISCORD).withUserConfiguration(OwnUserService.class).run((context) -> {
			// What ServerHttpSecurity.oauth2Login() looks up.
			assertThat(context
				.getBeanProvider(ResolvableType.forClassWithGenerics(ReactiveOAuth2AccessTokenResponseClient.class,
						OAuth2AuthorizationCodeGrantRequest.class))
				.getIfUnique()).isInstanceOf(DiscordReactiveAuthorizationCodeTokenResponseClient.class);
			assertThat(context
				.getBeanProvider(ResolvableType.forClassWithGenerics(ReactiveOAuth2UserService.class,
						OAuth2UserRequest.class, OAuth2User.class))
				.getIfUnique()).isInstanceOf(DiscordReactiveOAuth2UserService.class);
			assertThat(context).hasSingleBean(DiscordReactiveRefreshTokenTokenResponseClient.class);
		});
	}

	@Test
	void discordUserServiceBacksOffForABeanOfItsOwnClass() {
		this.contextRunner.withPropertyValues(DISCORD)
			.withUserConfiguration(OwnDiscordUserService.class)
			.run((context) -> assertThat(context).getBean(DiscordReactiveOAuth2UserService.class)
				.isSameAs(context.getBean(OwnDiscordUserService.class).service));
	}

	@Test
	void defaultChainWhenTheApplicationHasNone() {
		this.contextRunner.withPropertyValues(DISCORD).run((context) -> {
			assertThat(context).hasSingleBean(SecurityWebFilterChain.class);
			assertThat(context).hasBean("discordSecurityWebFilterChain");
		});
	}

	@Test
	void defaultChainBacksOffForTheApplicationsChain() {
		this.contextRunner.withPropertyValues(DISCORD).withUserConfiguration(OwnChain.class).run((context) -> {
			assertThat(context).hasSingleBean(SecurityWebFilterChain.class);
			assertThat(context).doesNotHaveBean("discordSecurityWebFilterChain");
		});
	}

	@Test
	void theApplicationsChainGetsDiscordLoginFromTheConfigurer() {
		this.contextRunner.withPropertyValues(DISCORD).withUserConfiguration(ChainWithDiscord.class).run((context) -> {
			assertThat(context).doesNotHaveBean("discordSecurityWebFilterChain");
			assertThat(filterTypes(context.getBean(SecurityWebFilterChain.class)))
				.contains(OAuth2AuthorizationRequestRedirectWebFilter.class, OAuth2LoginAuthenticationWebFilter.class);
		});
	}

	@Test
	void theConfigurerLeavesTheChainAloneWhenDiscordLoginIsOff() {
		this.contextRunner.withUserConfiguration(ChainWithDiscord.class).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(filterTypes(context.getBean(SecurityWebFilterChain.class)))
				.doesNotContain(OAuth2LoginAuthenticationWebFilter.class);
		});
	}

	@Test
	void theApplicationsOwnReactiveAuthorizedClientServiceKeepsTheTokensInsteadOfTheStarter() {
		ReactiveOAuth2AuthorizedClientService own = new InMemoryReactiveOAuth2AuthorizedClientService(
				(registrationId) -> Mono.empty());
		this.contextRunner.withPropertyValues(DISCORD)
			.withBean(ReactiveOAuth2AuthorizedClientService.class, () -> own)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context).doesNotHaveBean(DiscordTokenStore.class);
				assertThat(context).doesNotHaveBean(ReactiveDiscordTokens.class);
				assertThat(context.getBean(ReactiveOAuth2AuthorizedClientService.class)).isSameAs(own);
			});
	}

	@Test
	void tokensGoToTheSameStoreAsOnTheServletSide() {
		this.contextRunner.withPropertyValues(DISCORD).run((context) -> {
			assertThat(context).hasSingleBean(InMemoryDiscordTokenStore.class);
			assertThat(context).hasSingleBean(DiscordTokens.class);
			assertThat(context.getBean(ReactiveDiscordTokens.class).blocking())
				.isSameAs(context.getBean(DiscordTokens.class));
			assertThat(context.getBean(ServerOAuth2AuthorizedClientRepository.class))
				.isInstanceOf(DiscordServerOAuth2AuthorizedClientRepository.class);
			assertThat(context.getBean(ReactiveOAuth2AuthorizedClientManager.class))
				.isInstanceOf(DiscordReactiveOAuth2AuthorizedClientManager.class);
			assertThat(context.getBean(DiscordTokensServerLogoutHandler.class).action())
				.isEqualTo(DiscordLogoutAction.KEEP);
			// Account links in the same store, behind the non-blocking face.
			assertThat(context.getBean(ReactiveDiscordAccountLinks.class).blocking())
				.isSameAs(context.getBean(DiscordAccountLinks.class));
		});
	}

	@Test
	void accountLinksBackOffForTheApplicationsOwn() {
		this.contextRunner.withPropertyValues(DISCORD)
			.withUserConfiguration(OwnAccountLinks.class)
			.run((context) -> assertThat(context).hasSingleBean(ReactiveDiscordAccountLinks.class).hasBean("ownLinks"));
	}

	@Test
	void withADataSourceTokensGoToTheDatabase() {
		this.contextRunner.withPropertyValues(DISCORD)
			.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class))
			.withPropertyValues("spring.datasource.url=jdbc:h2:mem:reactive-store;DB_CLOSE_DELAY=-1",
					"discord.oauth2.token-store.on-logout=revoke")
			.run((context) -> {
				assertThat(context).hasSingleBean(JdbcDiscordTokenStore.class);
				assertThat(context.getBean(DiscordTokenStore.class))
					.isSameAs(context.getBean(JdbcDiscordTokenStore.class));
				JdbcTemplate jdbc = new JdbcTemplate(context.getBean(DataSource.class));
				assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM oauth2_authorized_client", Integer.class))
					.isZero();
				assertThat(context.getBean(DiscordTokensServerLogoutHandler.class).action())
					.isEqualTo(DiscordLogoutAction.REVOKE);
			});
	}

	@Test
	void reactiveAccessTokenArgumentsAreResolved() {
		this.contextRunner.withPropertyValues(DISCORD).run((context) -> {
			assertThat(context).hasSingleBean(DiscordReactiveAccessTokenArgumentResolver.class);
			assertThat(context.getBeansOfType(WebFluxConfigurer.class).values())
				.anyMatch(DiscordOAuth2WebFluxAutoConfiguration.DiscordAccessTokenWebFluxConfigurer.class::isInstance);
		});
	}

	@Test
	void aTokenDiscordRefusesIsHandledUnlessTurnedOffWhileReplacedTokensAreAlwaysRecovered() {
		this.contextRunner.withPropertyValues(DISCORD)
			.run((context) -> assertThat(context.getBean(DiscordUnauthorizedWebExceptionHandler.class))
				.hasFieldOrPropertyWithValue("refreshOnUnauthorized", true));
		this.contextRunner.withPropertyValues(DISCORD)
			.withPropertyValues("discord.oauth2.login.refresh-on-unauthorized=false")
			.run((context) -> assertThat(context.getBean(DiscordUnauthorizedWebExceptionHandler.class))
				.hasFieldOrPropertyWithValue("refreshOnUnauthorized", false));
	}

	@Test
	void severalManagersWithoutPrimaryStopStartup() {
		this.contextRunner.withPropertyValues(DISCORD).withUserConfiguration(TwoManagers.class).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).hasMessageContaining("ReactiveAccessToken")
				.hasMessageContaining("ReactiveOAuth2AuthorizedClientManager");
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class OwnReactiveClient {

		final ReactiveClient client = ReactiveClient
			.of(Client.builder().clientId(1100000000000000001L).clientSecret("own").build());

		@Bean
		ReactiveClient ownReactiveClient() {
			return this.client;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OwnUserService {

		@Bean
		ReactiveOAuth2UserService<OAuth2UserRequest, OAuth2User> googleUserService() {
			return new DefaultReactiveOAuth2UserService();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OwnDiscordUserService {

		final DiscordReactiveOAuth2UserService service = new DiscordReactiveOAuth2UserService(
				ReactiveClient.of(Client.builder().clientId(1100000000000000001L).clientSecret("own").build()),
				"discord", (event) -> {
				});

		@Bean
		DiscordReactiveOAuth2UserService ownDiscordUserService() {
			return this.service;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OwnChain {

		@Bean
		SecurityWebFilterChain ownChain(ServerHttpSecurity http) {
			return http.authorizeExchange((exchanges) -> exchanges.anyExchange().permitAll()).build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ChainWithDiscord {

		@Bean
		SecurityWebFilterChain ownChain(ServerHttpSecurity http, ApplicationContext context) {
			http.authorizeExchange((exchanges) -> exchanges.anyExchange().authenticated());
			DiscordServerLoginConfigurer.discordLogin(context).customize(http);
			return http.build();
		}

	}

	private static List<Class<?>> filterTypes(SecurityWebFilterChain chain) {
		List<WebFilter> filters = chain.getWebFilters().collectList().block();
		assertThat(filters).isNotNull();
		return filters.stream().<Class<?>>map(Object::getClass).toList();
	}

	@Configuration(proxyBeanMethods = false)
	static class TwoManagers {

		@Bean
		ReactiveOAuth2AuthorizedClientManager first() {
			return (request) -> Mono.empty();
		}

		@Bean
		ReactiveOAuth2AuthorizedClientManager second() {
			return (request) -> Mono.empty();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OwnAccountLinks {

		@Bean
		ReactiveDiscordAccountLinks ownLinks(DiscordAccountLinks links) {
			return new ReactiveDiscordAccountLinks(links);
		}

	}

}
