package io.github.discordoauth2.login;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.discordoauth2.security.DiscordAccountLinks;
import io.github.discordoauth2.security.DiscordTokenStore;
import io.github.discordoauth2.test.DemoData;
import io.github.discordoauth2.test.RecordedRequest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/spring-boot.md "Account linking", over a real server against FakeDiscord: a
 * form-login user connects Discord (an authorization, not a login), gets their Discord
 * token in {@code AccessToken} arguments while staying the local user, and disconnects;
 * another local user never gets that token.
 */
@SpringBootTest(
		classes = { ComposedLoginApplication.class, CompositionSnippets.AccountLinking.class,
				AccountLinkingIntegrationTests.LocalAccounts.class },
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AccountLinkingIntegrationTests extends ComposedLoginTests {

	private static final Pattern CSRF_INPUT = Pattern.compile("name=\"_csrf\" type=\"hidden\" value=\"([^\"]+)\"");

	@Autowired
	DiscordAccountLinks links;

	@Autowired
	DiscordTokenStore store;

	@Test
	void aLocalUserConnectsUsesAndDisconnectsDiscordWithoutBecomingTheDiscordUser() {
		TestBrowser alice = loggedIn("alice");
		HttpResponse<String> before = alice.get(url("/discord"));
		assertThat(before.statusCode()).isEqualTo(403);
		assertThat(before.body()).contains("/oauth2/connect/discord");

		HttpResponse<String> connected = alice.follow(url("/oauth2/connect/discord"));

		// Discord saw an authorization with the connect callback, then the code exchange.
		assertThat(alice.visited()).anyMatch((uri) -> uri.getPath().equals("/oauth2/connect/code/discord")
				&& uri.getQuery() != null && uri.getQuery().contains("code="));
		assertThat(connected.uri().getPath()).isEqualTo("/account");
		assertThat(connected.body()).isEqualTo("alice connected Discord user " + DemoData.USER_ID);
		assertThat(alice.get(url("/discord")).body()).isEqualTo("alice is " + DemoData.USERNAME + " on Discord");
		assertThat(alice.get(url("/authorities")).body()).startsWith("User ");
		assertThat(this.store.linkedUserId("discord", "local:alice")).isEqualTo(DemoData.USER_ID);

		// Bob, another local account, gets nothing: not by his session, not by his name.
		TestBrowser bob = loggedIn("bob");
		assertThat(bob.get(url("/discord")).statusCode()).isEqualTo(403);
		assertThat(bob.get(url("/account")).body()).isEqualTo("bob has not connected Discord");
		assertThat(this.links.discordIdOf(UsernamePasswordAuthenticationToken
			.authenticated(Long.toString(DemoData.USER_ID), null, AuthorityUtils.createAuthorityList("ROLE_USER"))))
			.isEmpty();

		discord.fake().clearJournal();
		HttpResponse<String> disconnected = alice.post(url("/oauth2/disconnect/discord"), csrf(alice));

		assertThat(TestBrowser.location(disconnected).getPath()).isEqualTo("/account");
		assertThat(discord.fake().journal())
			.anyMatch((request) -> request.path().equals("/api/v10/oauth2/token/revoke") && request.status() == 200);
		assertThat(alice.get(url("/discord")).statusCode()).isEqualTo(403);
		assertThat(alice.get(url("/account")).body()).isEqualTo("alice has not connected Discord");
		assertThat(this.store.linkedUserId("discord", "local:alice")).isNull();
		assertThat(this.store.load("discord", DemoData.USER_ID)).isNull();
	}

	@Test
	void disconnectNeedsTheCsrfToken() {
		TestBrowser carol = loggedIn("carol");
		carol.follow(url("/oauth2/connect/discord"));
		discord.fake().clearJournal();

		HttpResponse<String> forged = carol.post(url("/oauth2/disconnect/discord"), "");

		assertThat(forged.statusCode()).isEqualTo(403);
		assertThat(discord.fake().journal()).extracting(RecordedRequest::path)
			.doesNotContain("/api/v10/oauth2/token/revoke");
		assertThat(carol.get(url("/account")).body()).startsWith("carol connected Discord user ");
	}

	@Test
	void anAnonymousVisitorCannotConnect() {
		TestBrowser anonymous = new TestBrowser();

		HttpResponse<String> response = anonymous.get(url("/oauth2/connect/discord"));

		// The application's rules apply: its login page, never Discord.
		assertThat(TestBrowser.location(response).getPath()).isEqualTo("/login");
	}

	private TestBrowser loggedIn(String name) {
		TestBrowser browser = new TestBrowser();
		HttpResponse<String> login = browser.post(url("/login"),
				"username=" + name + "&password=pw&" + csrf(browser, url("/login")));
		assertThat(TestBrowser.location(login).getQuery()).as("form login of " + name).isNull();
		return browser;
	}

	private String csrf(TestBrowser browser) {
		return csrf(browser, url("/logout"));
	}

	private static String csrf(TestBrowser browser, String page) {
		Matcher csrf = CSRF_INPUT.matcher(browser.get(page).body());
		assertThat(csrf.find()).as("CSRF token on " + page).isTrue();
		return "_csrf=" + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8);
	}

	/** The local accounts. */
	@Configuration(proxyBeanMethods = false)
	static class LocalAccounts {

		@Bean
		UserDetailsService localAccounts() {
			return new InMemoryUserDetailsManager(User.withUsername("alice").password("{noop}pw").roles("USER").build(),
					User.withUsername("bob").password("{noop}pw").roles("USER").build(),
					User.withUsername("carol").password("{noop}pw").roles("USER").build());
		}

	}

}
