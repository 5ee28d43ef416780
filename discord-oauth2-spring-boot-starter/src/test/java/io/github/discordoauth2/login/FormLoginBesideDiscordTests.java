package io.github.discordoauth2.login;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.discordoauth2.security.web.DiscordOAuth2LoginConfigurer;
import io.github.discordoauth2.test.DemoData;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An application with its own form login beside Discord: a local account whose user name
 * equals a Discord user's ID (IDs are public) never receives that user's Discord token.
 */
@SpringBootTest(classes = { LoginTestApplication.class, FormLoginBesideDiscordTests.FormLogin.class },
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class FormLoginBesideDiscordTests extends ComposedLoginTests {

	private static final String DISCORD_ID = Long.toString(DemoData.USER_ID);

	private static final Pattern CSRF_INPUT = Pattern.compile("name=\"_csrf\" type=\"hidden\" value=\"([^\"]+)\"");

	@Autowired
	OAuth2AuthorizedClientService authorizedClients;

	@Autowired
	OAuth2AuthorizedClientManager authorizedClientManager;

	@Test
	void localUserNamedLikeADiscordIdGetsNoDiscordToken() {
		// The Discord user logs in: their tokens are stored under their ID.
		TestBrowser discordUser = new TestBrowser();
		discordUser.follow(url("/oauth2/authorization/discord"));
		assertThat(discordUser.follow(url("/me")).body()).isEqualTo(DISCORD_ID + ":" + DemoData.USERNAME);
		assertThat((Object) this.authorizedClients.loadAuthorizedClient("discord", DISCORD_ID)).isNotNull();

		// A local account with the same name logs in with a password.
		TestBrowser localUser = new TestBrowser();
		Matcher csrf = CSRF_INPUT.matcher(localUser.get(url("/login")).body());
		assertThat(csrf.find()).as("CSRF token on the login page").isTrue();
		HttpResponse<String> login = localUser.post(url("/login"), "username=" + DISCORD_ID + "&password=pw&_csrf="
				+ URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8));
		assertThat(TestBrowser.location(login).getQuery()).isNull();

		HttpResponse<String> me = localUser.get(url("/me"));

		// Refused, neither handed the other user's token nor sent through a Discord login
		// that would replace the local identity.
		assertThat(me.statusCode()).isEqualTo(403);
		assertThat(me.body()).doesNotContain(DemoData.USERNAME);
		assertThat(this.authorizedClientManager.authorize(OAuth2AuthorizeRequest.withClientRegistrationId("discord")
			.principal(UsernamePasswordAuthenticationToken.authenticated(DISCORD_ID, null,
					AuthorityUtils.createAuthorityList("ROLE_USER")))
			.build())).isNull();
	}

	/** Form login with a local account named like the demo user's Discord ID. */
	@Configuration(proxyBeanMethods = false)
	static class FormLogin {

		@Bean
		SecurityFilterChain security(HttpSecurity http) throws Exception {
			http.authorizeHttpRequests(
					(requests) -> requests.requestMatchers("/").permitAll().anyRequest().authenticated());
			http.formLogin(Customizer.withDefaults());
			http.with(DiscordOAuth2LoginConfigurer.discordLogin(), Customizer.withDefaults());
			return http.build();
		}

		@Bean
		UserDetailsService localAccounts() {
			return new InMemoryUserDetailsManager(
					User.withUsername(DISCORD_ID).password("{noop}pw").roles("USER").build());
		}

	}

}
