package io.github.discordoauth2.login;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.discordoauth2.test.DemoData;
import io.github.discordoauth2.test.RecordedRequest;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/spring-boot.md "Your own security configuration": Discord login in the
 * application's own chain, with {@code discord.oauth2.login.revoke-on-logout} honoured.
 */
@SpringBootTest(classes = { ComposedLoginApplication.class, CompositionSnippets.OwnChain.class },
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "discord.oauth2.login.revoke-on-logout=true")
class OwnChainIntegrationTests extends ComposedLoginTests {

	private static final Pattern CSRF_INPUT = Pattern.compile("name=\"_csrf\" type=\"hidden\" value=\"([^\"]+)\"");

	@Test
	void discordLoginWorksInTheOwnChainAndLogoutRevokesPerTheProperty() {
		TestBrowser browser = new TestBrowser();
		HttpResponse<String> me = browser.follow(url("/me"));
		assertThat(me.body()).isEqualTo(DemoData.USER_ID + ":" + DemoData.USERNAME);
		Matcher csrf = CSRF_INPUT.matcher(browser.get(url("/logout")).body());
		assertThat(csrf.find()).isTrue();
		discord.fake().clearJournal();

		browser.post(url("/logout"), "_csrf=" + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8));

		assertThat(discord.fake().journal()).extracting(RecordedRequest::path).contains("/api/v10/oauth2/token/revoke");
	}

}
