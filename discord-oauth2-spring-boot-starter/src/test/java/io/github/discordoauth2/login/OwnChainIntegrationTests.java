package io.github.discordoauth2.login;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.discordoauth2.test.DemoData;
import io.github.discordoauth2.test.RecordedRequest;
import io.github.discordoauth2.test.FakeDiscordExtension;
import io.github.discordoauth2.test.FakeDiscordProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static io.github.discordoauth2.login.ComposedLoginApplication.url;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/spring-boot.md "Your own security configuration": Discord login in the
 * application's own chain, with {@code discord.oauth2.login.revoke-on-logout} honoured.
 */
@SpringBootTest(classes = { ComposedLoginApplication.class, CompositionSnippets.OwnChain.class },
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "discord.oauth2.login.revoke-on-logout=true")
class OwnChainIntegrationTests {

	private static final Pattern CSRF_INPUT = Pattern.compile("name=\"_csrf\" type=\"hidden\" value=\"([^\"]+)\"");

	@RegisterExtension
	static FakeDiscordExtension discord = ComposedLoginApplication.fakeDiscord();

	@DynamicPropertySource
	static void discordProperties(DynamicPropertyRegistry registry) {
		FakeDiscordProperties.register(discord.fake(), registry);
	}

	@LocalServerPort
	int port;

	@Test
	void discordLoginWorksInTheOwnChainAndLogoutRevokesPerTheProperty() {
		TestBrowser browser = new TestBrowser();
		HttpResponse<String> me = browser.follow(url(this.port, "/me"));
		assertThat(me.body()).isEqualTo(DemoData.USER_ID + ":" + DemoData.USERNAME);
		Matcher csrf = CSRF_INPUT.matcher(browser.get(url(this.port, "/logout")).body());
		assertThat(csrf.find()).isTrue();
		discord.fake().clearJournal();

		browser.post(url(this.port, "/logout"), "_csrf=" + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8));

		assertThat(discord.fake().journal()).extracting(RecordedRequest::path).contains("/api/v10/oauth2/token/revoke");
	}

}
