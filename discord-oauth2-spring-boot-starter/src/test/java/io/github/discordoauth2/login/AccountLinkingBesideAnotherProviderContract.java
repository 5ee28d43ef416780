package io.github.discordoauth2.login;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.discordoauth2.security.tokens.DiscordTokenStore;
import io.github.discordoauth2.test.DemoData;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Account linking for a user who logged in with another OAuth2 provider (standing in for
 * Google: a "partner" registration served by FakeDiscord), the same on both stacks:
 * connecting Discord keeps the provider's principal, and the link is the provider's
 * account, not a form user of the same name. Subclasses run it on an application whose
 * chain has {@code oauth2Login()} and "Connect Discord" with {@code /account} as the
 * return URL, and the docs' account controller.
 */
abstract class AccountLinkingBesideAnotherProviderContract extends ComposedLoginTests {

	private static final String PARTNER = "spring.security.oauth2.client.";

	private static final Pattern FORM_CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

	@DynamicPropertySource
	static void partnerProvider(DynamicPropertyRegistry registry) {
		registry.add(PARTNER + "registration.partner.client-id", () -> Long.toString(discord.fake().clientId()));
		registry.add(PARTNER + "registration.partner.client-secret", discord.fake()::clientSecret);
		registry.add(PARTNER + "registration.partner.authorization-grant-type", () -> "authorization_code");
		registry.add(PARTNER + "registration.partner.redirect-uri",
				() -> "{baseUrl}/login/oauth2/code/{registrationId}");
		registry.add(PARTNER + "registration.partner.scope", () -> "identify");
		registry.add(PARTNER + "provider.partner.authorization-uri",
				() -> discord.fake().baseUrl() + "/oauth2/authorize");
		registry.add(PARTNER + "provider.partner.token-uri", () -> discord.fake().baseUrl() + "/api/v10/oauth2/token");
		registry.add(PARTNER + "provider.partner.user-info-uri", () -> discord.fake().baseUrl() + "/api/v10/users/@me");
		registry.add(PARTNER + "provider.partner.user-name-attribute", () -> "username");
	}

	@Autowired
	DiscordTokenStore store;

	@Test
	void aUserOfAnotherProviderConnectsDiscordAndStaysThatProvidersUser() {
		TestBrowser browser = newBrowser();
		browser.follow(url("/oauth2/authorization/partner"));
		assertThat(browser.get(url("/authorities")).body()).startsWith("DefaultOAuth2User ");
		HttpResponse<String> offer = browser.get(url("/discord"));
		assertThat(offer.statusCode()).isEqualTo(403);
		// The docs' connect form: a POST with the CSRF token.
		Matcher csrf = FORM_CSRF.matcher(offer.body());
		assertThat(csrf.find()).as("CSRF token in the connect form").isTrue();
		HttpResponse<String> toDiscord = browser.post(url("/oauth2/connect/discord"),
				"_csrf=" + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8));

		assertThat(browser.follow(TestBrowser.location(toDiscord).toString()).body())
			.isEqualTo(DemoData.USERNAME + " connected Discord user " + DemoData.USER_ID);

		assertThat(browser.get(url("/discord")).body())
			.isEqualTo(DemoData.USERNAME + " is " + DemoData.USERNAME + " on Discord");
		assertThat(browser.get(url("/authorities")).body()).startsWith("DefaultOAuth2User ");
		assertThat(this.store.linkedUserId("discord", "oauth2:partner:" + DemoData.USERNAME))
			.isEqualTo(DemoData.USER_ID);
		// A form user of the same name is another account.
		assertThat(this.store.linkedUserId("discord", "local:" + DemoData.USERNAME)).isNull();
	}

	/** A browser for the stack under test. */
	abstract TestBrowser newBrowser();

}
