package io.github.discordoauth2.test.web.servlet;

import io.github.discordoauth2.security.DiscordOAuth2User;
import io.github.discordoauth2.security.tokens.DiscordTokens;
import io.github.discordoauth2.test.DemoData;
import io.github.discordoauth2.test.FakeDiscordExtension;
import io.github.discordoauth2.test.FakeDiscordProperties;
import io.github.discordoauth2.test.examples.servlet.ExampleApplication;
import io.github.discordoauth2.test.examples.servlet.ProfileController;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import static io.github.discordoauth2.test.web.servlet.DiscordMockMvc.discordLogin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.authenticated;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Specification of {@link DiscordMockMvc#discordLogin()} in a {@code @WebMvcTest} slice:
 * the request is a Discord user's, and {@code AccessToken} arguments resolve to the
 * tokens it stored.
 */
@WebMvcTest(ProfileController.class)
@ContextConfiguration(classes = ExampleApplication.class)
class DiscordMockMvcTests {

	@RegisterExtension
	static FakeDiscordExtension discord = FakeDiscordExtension.withDemoData();

	@DynamicPropertySource
	static void discordProperties(DynamicPropertyRegistry registry) {
		FakeDiscordProperties.register(discord.fake(), registry);
		registry.add("discord.oauth2.scopes", () -> "identify,guilds");
	}

	@Autowired
	MockMvc mvc;

	@Autowired
	DiscordTokens tokens;

	@Test
	void withoutItTheUserIsSentToDiscord() throws Exception {
		this.mvc.perform(get("/whoami"))
			.andExpect(status().isFound())
			.andExpect(redirectedUrl("/oauth2/authorization/discord"));
	}

	@Test
	void logsInAsTheDemoUserWithTheRegistrationsScopesWithoutCallingDiscord() throws Exception {
		this.mvc.perform(get("/whoami").with(discordLogin()))
			.andExpect(status().isOk())
			.andExpect(content().string(DemoData.USER_ID + " " + DemoData.USERNAME + " guilds,identify"));
		assertThat(discord.fake().journal()).isEmpty();
	}

	@Test
	void logsInAsTheGivenUserWithTheGivenScopesAndTokens() throws Exception {
		this.mvc
			.perform(get("/whoami")
				.with(discordLogin().user(42, "someone").scopes("identify").accessToken("a-token-of-ten")))
			.andExpect(status().isOk())
			.andExpect(content().string("42 someone identify"));
		assertThat(this.tokens.find(42).orElseThrow().token()).isEqualTo("a-token-of-ten");
	}

	@Test
	void tokensFromFakeDiscordWorkForCallsToDiscord() throws Exception {
		this.mvc.perform(get("/me").with(discordLogin().user(DemoData.OTHER_USER_ID).tokensFrom(discord.fake())))
			.andExpect(status().isOk())
			.andExpect(content().string("Hello Other User"));
	}

	@Test
	void grantsTheStartersAuthoritiesAndExtraOnes() throws Exception {
		this.mvc.perform(get("/whoami").with(discordLogin().authorities("ROLE_ADMIN")))
			.andExpect(status().isOk())
			.andExpect(authenticated().withAuthentication((authentication) -> {
				assertThat(authentication).isInstanceOf(OAuth2AuthenticationToken.class);
				assertThat(((OAuth2AuthenticationToken) authentication).getAuthorizedClientRegistrationId())
					.isEqualTo("discord");
				assertThat(authentication.getPrincipal()).isInstanceOf(DiscordOAuth2User.class);
				assertThat(authentication.getAuthorities()).extracting(GrantedAuthority::getAuthority)
					.containsExactlyInAnyOrder("OAUTH2_USER", "SCOPE_identify", "SCOPE_guilds", "ROLE_ADMIN");
			}));
	}

}
