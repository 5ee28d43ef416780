package io.github.discordoauth2.autoconfigure;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.discordoauth2.Client;
import io.github.discordoauth2.autoconfigure.servlet.DiscordOAuth2AuthorizedClientAutoConfiguration;
import io.github.discordoauth2.autoconfigure.servlet.DiscordOAuth2LoginAutoConfiguration;
import io.github.discordoauth2.autoconfigure.servlet.DiscordOAuth2WebMvcAutoConfiguration;
import io.github.discordoauth2.autoconfigure.servlet.DiscordOAuth2WebSecurityAutoConfiguration;
import io.github.discordoauth2.exceptions.ForbiddenException;
import io.github.discordoauth2.security.DiscordOAuth2User;
import io.github.discordoauth2.security.tokens.DiscordTokenStore;
import io.github.discordoauth2.security.web.DiscordOAuth2LoginConfigurer;
import io.github.discordoauth2.test.DemoData;
import io.github.discordoauth2.test.FakeDiscord;
import io.github.discordoauth2.test.FakeDiscordExtension;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.security.oauth2.client.autoconfigure.OAuth2ClientAutoConfiguration;
import org.springframework.boot.security.oauth2.client.autoconfigure.servlet.OAuth2ClientWebSecurityAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableWebApplicationContext;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * What a servlet logout does to the user's stored tokens, for every combination of
 * {@code discord.oauth2.login.revoke-on-logout} and
 * {@code discord.oauth2.token-store.on-logout}: {@code on-logout}, when set, wins;
 * without it {@code revoke-on-logout} (or a chain's own {@code revokeTokenOnLogout})
 * means revoke. The same in the default chain and in a chain built with
 * {@link DiscordOAuth2LoginConfigurer}. Checked by what happens: the store and
 * FakeDiscord after a real {@code POST /logout}.
 */
class LogoutSettingsTests {

	private static final long USER = DemoData.USER_ID;

	@RegisterExtension
	static FakeDiscordExtension discord = FakeDiscordExtension.withDemoData();

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DiscordOAuth2ClientAutoConfiguration.class,
				DiscordOAuth2LoginAutoConfiguration.class, DiscordOAuth2TokenStoreAutoConfiguration.class,
				DiscordOAuth2AuthorizedClientAutoConfiguration.class, DiscordOAuth2WebSecurityAutoConfiguration.class,
				DiscordOAuth2WebMvcAutoConfiguration.class, SecurityAutoConfiguration.class,
				ServletWebSecurityAutoConfiguration.class, OAuth2ClientAutoConfiguration.class,
				OAuth2ClientWebSecurityAutoConfiguration.class));

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

	static String[] properties(String revokeOnLogout, String onLogout) {
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

	private static Outcome logOut(AssertableWebApplicationContext context) throws Exception {
		assertThat(context).hasNotFailed();
		DiscordTokenStore store = context.getBean(DiscordTokenStore.class);
		ClientRegistration registration = context.getBean(ClientRegistrationRepository.class)
			.findByRegistrationId("discord");
		FakeDiscord.Tokens issued = discord.fake().createToken(USER, Set.of("identify"));
		store.save(entry(registration, issued), USER);
		MockMvc mvc = MockMvcBuilders.webAppContextSetup(context).apply(springSecurity()).build();

		mvc.perform(post("/logout").with(csrf()).with(authentication(discordLogin())))
			.andExpect(status().is3xxRedirection());

		return Outcome.of(store.load("discord", USER) != null,
				isAlive(context.getBean(Client.class), issued.accessToken()));
	}

	static boolean isAlive(Client client, String accessToken) {
		try {
			client.fromAccessToken(accessToken).fetchAuthorization();
			return true;
		}
		catch (ForbiddenException ex) {
			return false;
		}
	}

	static OAuth2AuthorizedClient entry(ClientRegistration registration, FakeDiscord.Tokens issued) {
		java.time.Instant now = java.time.Instant.now();
		return new OAuth2AuthorizedClient(registration, Long.toString(USER),
				new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, issued.accessToken(), now,
						now.plusSeconds(issued.expiresIn()), Set.of("identify")),
				new OAuth2RefreshToken(issued.refreshToken(), now));
	}

	static OAuth2AuthenticationToken discordLogin() {
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

	@Configuration(proxyBeanMethods = false)
	static class ConfigurerChain {

		@Bean
		SecurityFilterChain appChain(HttpSecurity http) throws Exception {
			http.authorizeHttpRequests((requests) -> requests.anyRequest().authenticated());
			http.with(DiscordOAuth2LoginConfigurer.discordLogin(), Customizer.withDefaults());
			return http.build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class RevokingChain {

		@Bean
		SecurityFilterChain appChain(HttpSecurity http) throws Exception {
			http.authorizeHttpRequests((requests) -> requests.anyRequest().authenticated());
			http.with(DiscordOAuth2LoginConfigurer.discordLogin().revokeTokenOnLogout(true), Customizer.withDefaults());
			return http.build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class NonRevokingChain {

		@Bean
		SecurityFilterChain appChain(HttpSecurity http) throws Exception {
			http.authorizeHttpRequests((requests) -> requests.anyRequest().authenticated());
			http.with(DiscordOAuth2LoginConfigurer.discordLogin().revokeTokenOnLogout(false),
					Customizer.withDefaults());
			return http.build();
		}

	}

}
