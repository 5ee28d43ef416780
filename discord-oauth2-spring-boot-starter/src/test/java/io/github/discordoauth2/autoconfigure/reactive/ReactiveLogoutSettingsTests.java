package io.github.discordoauth2.autoconfigure.reactive;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.discordoauth2.Client;
import io.github.discordoauth2.autoconfigure.DiscordOAuth2ClientAutoConfiguration;
import io.github.discordoauth2.autoconfigure.DiscordOAuth2TokenStoreAutoConfiguration;
import io.github.discordoauth2.exceptions.ForbiddenException;
import io.github.discordoauth2.security.DiscordOAuth2User;
import io.github.discordoauth2.security.tokens.DiscordTokenStore;
import io.github.discordoauth2.security.web.server.DiscordRevokeTokenServerLogoutHandler;
import io.github.discordoauth2.security.web.server.DiscordServerLoginConfigurer;
import io.github.discordoauth2.support.BlockHoundSupport;
import io.github.discordoauth2.test.DemoData;
import io.github.discordoauth2.test.FakeDiscord;
import io.github.discordoauth2.test.FakeDiscordExtension;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.reactive.ReactiveWebSecurityAutoConfiguration;
import org.springframework.boot.security.oauth2.client.autoconfigure.reactive.ReactiveOAuth2ClientAutoConfiguration;
import org.springframework.boot.security.oauth2.client.autoconfigure.reactive.ReactiveOAuth2ClientWebSecurityAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableReactiveWebApplicationContext;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.webflux.autoconfigure.WebFluxAutoConfiguration;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.oauth2.client.InMemoryReactiveOAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.ReactiveOAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ReactiveClientRegistrationRepository;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.test.web.reactive.server.SecurityMockServerConfigurers;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a WebFlux logout does to the user's stored tokens, for every combination of
 * {@code discord.oauth2.login.revoke-on-logout} and
 * {@code discord.oauth2.token-store.on-logout}, in the default chain and in a chain built
 * with {@link DiscordServerLoginConfigurer}: the same table as the servlet stack's; and,
 * for an application that keeps Discord's tokens in its own authorized client service,
 * revoking through {@link DiscordRevokeTokenServerLogoutHandler}.
 */
@Tag("reactive")
class ReactiveLogoutSettingsTests {

	static {
		BlockHoundSupport.install();
	}

	private static final long USER = DemoData.USER_ID;

	@RegisterExtension
	static FakeDiscordExtension discord = FakeDiscordExtension.withDemoData();

	private final ReactiveWebApplicationContextRunner contextRunner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DiscordOAuth2ClientAutoConfiguration.class,
				DiscordOAuth2ReactiveClientAutoConfiguration.class, DiscordOAuth2ReactiveLoginAutoConfiguration.class,
				DiscordOAuth2TokenStoreAutoConfiguration.class,
				DiscordOAuth2ReactiveAuthorizedClientAutoConfiguration.class,
				DiscordOAuth2ReactiveWebSecurityAutoConfiguration.class, DiscordOAuth2WebFluxAutoConfiguration.class,
				SecurityAutoConfiguration.class, ReactiveWebSecurityAutoConfiguration.class,
				ReactiveOAuth2ClientAutoConfiguration.class, ReactiveOAuth2ClientWebSecurityAutoConfiguration.class,
				WebFluxAutoConfiguration.class));

	@ParameterizedTest(name = "revoke-on-logout={0}, on-logout={1}: {2}")
	@CsvSource({ "unset, unset, KEEP", "unset, keep, KEEP", "unset, remove, REMOVE", "unset, revoke, REVOKE",
			"false, unset, KEEP", "false, keep, KEEP", "false, remove, REMOVE", "false, revoke, REVOKE",
			"true, unset, REVOKE", "true, keep, KEEP", "true, remove, REMOVE", "true, revoke, REVOKE" })
	void defaultChainDoesWhatTheSettingsSay(String revokeOnLogout, String onLogout, Outcome expected) {
		this.contextRunner.withPropertyValues(properties(revokeOnLogout, onLogout))
			.run((context) -> assertThat(logOut(context)).isEqualTo(expected));
	}

	@ParameterizedTest(name = "revoke-on-logout={0}, on-logout={1}: {2}")
	@CsvSource({ "unset, unset, KEEP", "unset, keep, KEEP", "unset, remove, REMOVE", "unset, revoke, REVOKE",
			"false, unset, KEEP", "false, keep, KEEP", "false, remove, REMOVE", "false, revoke, REVOKE",
			"true, unset, REVOKE", "true, keep, KEEP", "true, remove, REMOVE", "true, revoke, REVOKE" })
	void configurersChainDoesWhatTheSettingsSay(String revokeOnLogout, String onLogout, Outcome expected) {
		this.contextRunner.withPropertyValues(properties(revokeOnLogout, onLogout))
			.withUserConfiguration(ConfigurerChain.class)
			.run((context) -> assertThat(logOut(context)).isEqualTo(expected));
	}

	@ParameterizedTest(name = "revokeTokenOnLogout({0}), revoke-on-logout={1}, on-logout={2}: {3}")
	@CsvSource({ "true, false, unset, REVOKE", "true, unset, keep, KEEP", "true, unset, remove, REMOVE",
			"false, true, unset, KEEP", "false, unset, revoke, REVOKE", "false, true, remove, REMOVE" })
	void chainsOwnRevokeSettingStandsForRevokeOnLogoutAndOnLogoutStillWins(boolean revokeTokenOnLogout,
			String revokeOnLogout, String onLogout, Outcome expected) {
		this.contextRunner.withPropertyValues(properties(revokeOnLogout, onLogout))
			.withUserConfiguration(revokeTokenOnLogout ? RevokingChain.class : NonRevokingChain.class)
			.run((context) -> assertThat(logOut(context)).isEqualTo(expected));
	}

	@ParameterizedTest(name = "revoke-on-logout={0}, on-logout={1}: {2}")
	@CsvSource({ "unset, unset, KEEP", "true, unset, REVOKE", "unset, revoke, REVOKE", "true, keep, KEEP" })
	void withTheApplicationsOwnAuthorizedClientServiceRevokingGoesThroughIt(String revokeOnLogout, String onLogout,
			Outcome expected) {
		this.contextRunner.withPropertyValues(properties(revokeOnLogout, onLogout))
			.withUserConfiguration(OwnAuthorizedClients.class)
			.run((context) -> {
				assertThat(context).hasNotFailed()
					.doesNotHaveBean(DiscordTokenStore.class)
					.hasSingleBean(DiscordRevokeTokenServerLogoutHandler.class);
				ReactiveOAuth2AuthorizedClientService service = context
					.getBean(ReactiveOAuth2AuthorizedClientService.class);
				ClientRegistration registration = context.getBean(ReactiveClientRegistrationRepository.class)
					.findByRegistrationId("discord")
					.block();
				FakeDiscord.Tokens issued = discord.fake().createToken(USER, Set.of("identify"));
				service.saveAuthorizedClient(entry(registration, issued), discordLogin()).block();

				webClient(context).post().uri("/logout").exchange().expectStatus().is3xxRedirection();

				boolean kept = service.loadAuthorizedClient("discord", discordLogin().getName()).block() != null;
				assertThat(Outcome.of(kept, isAlive(context.getBean(Client.class), issued.accessToken())))
					.isEqualTo(expected);
			});
	}

	private static String[] properties(String revokeOnLogout, String onLogout) {
		FakeDiscord fake = discord.fake();
		List<String> properties = new ArrayList<>(List.of("discord.oauth2.base-url=" + fake.baseUrl(),
				"discord.oauth2.client-id=" + fake.clientId(), "discord.oauth2.client-secret=" + fake.clientSecret()));
		if (!revokeOnLogout.equals("unset")) {
			properties.add("discord.oauth2.login.revoke-on-logout=" + revokeOnLogout);
		}
		if (!onLogout.equals("unset")) {
			properties.add("discord.oauth2.token-store.on-logout=" + onLogout);
		}
		return properties.toArray(String[]::new);
	}

	private static Outcome logOut(AssertableReactiveWebApplicationContext context) {
		assertThat(context).hasNotFailed();
		DiscordTokenStore store = context.getBean(DiscordTokenStore.class);
		ClientRegistration registration = context.getBean(ReactiveClientRegistrationRepository.class)
			.findByRegistrationId("discord")
			.block();
		FakeDiscord.Tokens issued = discord.fake().createToken(USER, Set.of("identify"));
		store.save(entry(registration, issued), USER);
		webClient(context).post().uri("/logout").exchange().expectStatus().is3xxRedirection();

		return Outcome.of(store.load("discord", USER) != null,
				isAlive(context.getBean(Client.class), issued.accessToken()));
	}

	/** A client signed in as the Discord user, with the CSRF token. */
	private static WebTestClient webClient(ApplicationContext context) {
		return WebTestClient.bindToApplicationContext(context)
			.apply(SecurityMockServerConfigurers.springSecurity())
			.configureClient()
			.build()
			.mutateWith(SecurityMockServerConfigurers.mockAuthentication(discordLogin()))
			.mutateWith(SecurityMockServerConfigurers.csrf());
	}

	private static boolean isAlive(Client client, String accessToken) {
		try {
			client.fromAccessToken(accessToken).fetchAuthorization();
			return true;
		}
		catch (ForbiddenException ex) {
			return false;
		}
	}

	private static OAuth2AuthorizedClient entry(ClientRegistration registration, FakeDiscord.Tokens issued) {
		Instant now = Instant.now();
		return new OAuth2AuthorizedClient(registration, Long.toString(USER),
				new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, issued.accessToken(), now,
						now.plusSeconds(issued.expiresIn()), Set.of("identify")),
				new OAuth2RefreshToken(issued.refreshToken(), now));
	}

	private static OAuth2AuthenticationToken discordLogin() {
		Map<String, Object> attributes = Map.of("id", Long.toString(USER), "username", DemoData.USERNAME,
				"discriminator", "0");
		DiscordOAuth2User user = new DiscordOAuth2User(attributes, AuthorityUtils.createAuthorityList("OAUTH2_USER"));
		return new OAuth2AuthenticationToken(user, user.getAuthorities(), "discord");
	}

	/** What a logout did to the stored tokens, seen from the store and from Discord. */
	enum Outcome {

		/** Still stored and alive. */
		KEEP,

		/** Gone from the store, alive at Discord. */
		REMOVE,

		/** Gone from the store and dead at Discord. */
		REVOKE,

		/** Anything else (stored but dead). */
		BROKEN;

		static Outcome of(boolean stored, boolean alive) {
			if (stored) {
				return alive ? KEEP : BROKEN;
			}
			return alive ? REMOVE : REVOKE;
		}

	}

	/** The application keeps authorized clients itself: the starter's store backs off. */
	@Configuration(proxyBeanMethods = false)
	static class OwnAuthorizedClients {

		@Bean
		ReactiveOAuth2AuthorizedClientService authorizedClientService(
				ReactiveClientRegistrationRepository registrations) {
			return new InMemoryReactiveOAuth2AuthorizedClientService(registrations);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ConfigurerChain {

		@Bean
		SecurityWebFilterChain appChain(ServerHttpSecurity http, ApplicationContext context) {
			http.authorizeExchange((exchanges) -> exchanges.anyExchange().authenticated());
			DiscordServerLoginConfigurer.discordLogin(context).customize(http);
			return http.build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class RevokingChain {

		@Bean
		SecurityWebFilterChain appChain(ServerHttpSecurity http, ApplicationContext context) {
			http.authorizeExchange((exchanges) -> exchanges.anyExchange().authenticated());
			DiscordServerLoginConfigurer.discordLogin(context).revokeTokenOnLogout(true).customize(http);
			return http.build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class NonRevokingChain {

		@Bean
		SecurityWebFilterChain appChain(ServerHttpSecurity http, ApplicationContext context) {
			http.authorizeExchange((exchanges) -> exchanges.anyExchange().authenticated());
			DiscordServerLoginConfigurer.discordLogin(context).revokeTokenOnLogout(false).customize(http);
			return http.build();
		}

	}

}
