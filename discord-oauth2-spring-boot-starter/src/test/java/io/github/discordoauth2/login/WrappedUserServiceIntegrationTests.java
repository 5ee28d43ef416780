package io.github.discordoauth2.login;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/spring-boot.md "Customising Discord's adapters": the application wraps Discord's
 * user service explicitly in its own chain.
 */
@SpringBootTest(classes = { ComposedLoginApplication.class, CompositionSnippets.WrappedUserService.class },
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class WrappedUserServiceIntegrationTests extends ComposedLoginTests {

	@Test
	void wrappedDiscordUserServiceAddsItsAuthorityToTheDiscordPrincipal() {
		TestBrowser browser = new TestBrowser();

		String authorities = browser.follow(url("/authorities")).body();

		assertThat(authorities).startsWith("DiscordOAuth2User ").contains("ROLE_MEMBER", "SCOPE_identify");
	}

}
