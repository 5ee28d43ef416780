package io.github.discordoauth2.login;

import java.net.http.HttpResponse;
import java.util.Set;

import io.github.discordoauth2.security.tokens.DiscordTokenStore;
import io.github.discordoauth2.support.BlockHoundSupport;
import io.github.discordoauth2.test.DemoData;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The WebFlux login refuses what the servlet one refuses: a callback whose state this
 * session never issued, and a session id fixed before the login (the login moves the user
 * to a new session id, so whoever knew the old one gets nothing).
 */
@SpringBootTest(classes = ReactiveLoginTestApplication.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Tag("reactive")
class ReactiveLoginSafetyIntegrationTests extends ComposedLoginTests {

	static {
		BlockHoundSupport.install();
	}

	@Autowired
	DiscordTokenStore store;

	@BeforeEach
	void forgetEarlierLogins() {
		this.store.update("discord", DemoData.USER_ID, (current) -> null);
	}

	@Test
	void callbackWithForgedStateIsRefused() {
		TestBrowser browser = new TestBrowser();
		HttpResponse<String> start = browser.get(url("/oauth2/authorization/discord"));
		assertThat(TestBrowser.location(start).toString()).startsWith(discord.baseUrl() + "/oauth2/authorize");
		String redirectUri = url("/login/oauth2/code/discord");
		String code = discord.fake().createAuthorizationCode(DemoData.USER_ID, redirectUri, Set.of("identify"));
		discord.fake().clearJournal();

		HttpResponse<String> callback = browser.get(redirectUri + "?code=" + code + "&state=forged");

		assertThat(callback.statusCode()).isEqualTo(302);
		assertThat(TestBrowser.location(callback).getPath()).isEqualTo("/login");
		assertThat(TestBrowser.location(callback).getQuery()).isEqualTo("error");
		assertThat(DiscordLoginFlow.tokenCalls(discord.fake())).isEmpty();
		assertThat(this.store.load("discord", DemoData.USER_ID)).isNull();
		assertThat(TestBrowser.location(browser.get(url("/me"))).getPath()).isEqualTo("/oauth2/authorization/discord");
	}

	@Test
	void aSessionIdFixedBeforeTheLoginIsWorthNothingAfterIt() {
		TestBrowser victim = new TestBrowser();
		victim.get(url("/oauth2/authorization/discord"));
		String fixed = victim.cookie(url("/"), "SESSION");
		assertThat(fixed).as("session of the started login").isNotNull();

		assertThat(victim.follow(url("/me")).statusCode()).isEqualTo(200);

		assertThat(victim.cookie(url("/"), "SESSION")).isNotEqualTo(fixed);
		TestBrowser attacker = TestBrowser.withCookie(url("/"), "SESSION", fixed);
		HttpResponse<String> me = attacker.get(url("/me"));
		assertThat(me.statusCode()).isEqualTo(302);
		assertThat(TestBrowser.location(me).getPath()).isEqualTo("/oauth2/authorization/discord");
	}

}
