package io.github.discordoauth2.login;

import java.net.URI;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/spring-boot.md "Other providers beside Discord": a Google-only user service of the
 * application leaves Discord's login (user service, principal) in place.
 */
@SpringBootTest(classes = { ComposedLoginApplication.class, CompositionSnippets.BesideGoogle.class },
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { ComposedLoginApplication.GOOGLE_ID, ComposedLoginApplication.GOOGLE_SECRET })
class BesideGoogleIntegrationTests extends ComposedLoginTests {

	@Test
	void googleGoesToGoogleAndDiscordKeepsItsUserService() {
		TestBrowser browser = new TestBrowser();
		URI google = TestBrowser.location(browser.get(url("/oauth2/authorization/google")));
		assertThat(google.getHost()).isEqualTo("accounts.google.com");

		browser.follow(url("/oauth2/authorization/discord"));

		assertThat(browser.visited()).extracting(URI::getPath).contains("/login/oauth2/code/discord");
		assertThat(browser.follow(url("/authorities")).body()).startsWith("DiscordOAuth2User ")
			.contains("SCOPE_identify")
			.doesNotContain("ROLE_GOOGLE");
	}

}
