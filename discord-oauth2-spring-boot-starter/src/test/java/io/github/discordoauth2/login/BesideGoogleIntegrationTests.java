package io.github.discordoauth2.login;

import java.net.URI;

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
 * docs/spring-boot.md "Other providers beside Discord": a Google-only user service of the
 * application leaves Discord's login (user service, principal) in place.
 */
@SpringBootTest(classes = { ComposedLoginApplication.class, CompositionSnippets.BesideGoogle.class },
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { ComposedLoginApplication.GOOGLE_ID, ComposedLoginApplication.GOOGLE_SECRET })
class BesideGoogleIntegrationTests {

	@RegisterExtension
	static FakeDiscordExtension discord = ComposedLoginApplication.fakeDiscord();

	@DynamicPropertySource
	static void discordProperties(DynamicPropertyRegistry registry) {
		FakeDiscordProperties.register(discord.fake(), registry);
	}

	@LocalServerPort
	int port;

	@Test
	void googleGoesToGoogleAndDiscordKeepsItsUserService() {
		TestBrowser browser = new TestBrowser();
		URI google = TestBrowser.location(browser.get(url(this.port, "/oauth2/authorization/google")));
		assertThat(google.getHost()).isEqualTo("accounts.google.com");

		browser.follow(url(this.port, "/oauth2/authorization/discord"));

		assertThat(browser.visited()).extracting(URI::getPath).contains("/login/oauth2/code/discord");
		assertThat(browser.follow(url(this.port, "/authorities")).body()).startsWith("DiscordOAuth2User ")
			.contains("SCOPE_identify")
			.doesNotContain("ROLE_GOOGLE");
	}

}
