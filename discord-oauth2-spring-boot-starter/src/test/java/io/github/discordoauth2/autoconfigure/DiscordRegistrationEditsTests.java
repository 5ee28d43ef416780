package io.github.discordoauth2.autoconfigure;

import java.util.List;
import java.util.Set;

import io.github.discordoauth2.Client;
import io.github.discordoauth2.autoconfigure.servlet.DiscordOAuth2LoginAutoConfiguration;
import io.github.discordoauth2.autoconfigure.servlet.DiscordOAuth2WebMvcAutoConfiguration;
import io.github.discordoauth2.autoconfigure.servlet.DiscordOAuth2WebSecurityAutoConfiguration;
import io.github.discordoauth2.security.DiscordClientRegistrations;
import io.github.discordoauth2.security.GrantRequests;
import io.github.discordoauth2.test.DemoData;
import io.github.discordoauth2.test.FakeDiscordExtension;
import io.github.discordoauth2.test.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.security.oauth2.client.autoconfigure.OAuth2ClientAutoConfiguration;
import org.springframework.boot.security.oauth2.client.autoconfigure.servlet.OAuth2ClientWebSecurityAutoConfiguration;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.ResolvableType;
import org.springframework.security.oauth2.client.endpoint.OAuth2AccessTokenResponseClient;
import org.springframework.security.oauth2.client.endpoint.OAuth2AuthorizationCodeGrantRequest;
import org.springframework.security.oauth2.client.endpoint.OAuth2RefreshTokenGrantRequest;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.endpoint.OAuth2AccessTokenResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An application that edits the Discord {@link ClientRegistration} (token endpoint,
 * secret, client authentication method) gets the exchange and the refresh it asked for.
 */
class DiscordRegistrationEditsTests {

	private static final String REDIRECT_URI = "http://localhost:8080/login/oauth2/code/discord";

	@RegisterExtension
	static FakeDiscordExtension discord = FakeDiscordExtension.withDemoData();

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DiscordOAuth2ClientAutoConfiguration.class,
				DiscordOAuth2LoginAutoConfiguration.class, DiscordOAuth2WebSecurityAutoConfiguration.class,
				DiscordOAuth2WebMvcAutoConfiguration.class, SecurityAutoConfiguration.class,
				ServletWebSecurityAutoConfiguration.class, OAuth2ClientAutoConfiguration.class,
				OAuth2ClientWebSecurityAutoConfiguration.class))
		// The core client points nowhere: only the edited registration knows where
		// Discord is and what the secret is.
		.withPropertyValues("discord.oauth2.client-id=" + discord.fake().clientId(),
				"discord.oauth2.client-secret=not-the-secret", "discord.oauth2.base-url=http://127.0.0.1:9");

	@Test
	void codeExchangeAndRefreshFollowTheEditedRegistration() {
		this.contextRunner.withUserConfiguration(EditedRegistrationConfiguration.class).run((context) -> {
			ClientRegistration registration = context.getBean(ClientRegistrationRepository.class)
				.findByRegistrationId("discord");
			OAuth2AccessTokenResponseClient<OAuth2AuthorizationCodeGrantRequest> codeClient = context
				.<OAuth2AccessTokenResponseClient<OAuth2AuthorizationCodeGrantRequest>>getBeanProvider(
						ResolvableType.forClassWithGenerics(OAuth2AccessTokenResponseClient.class,
								OAuth2AuthorizationCodeGrantRequest.class))
				.getObject();
			OAuth2AccessTokenResponseClient<OAuth2RefreshTokenGrantRequest> refreshClient = context
				.<OAuth2AccessTokenResponseClient<OAuth2RefreshTokenGrantRequest>>getBeanProvider(ResolvableType
					.forClassWithGenerics(OAuth2AccessTokenResponseClient.class, OAuth2RefreshTokenGrantRequest.class))
				.getObject();
			String code = discord.fake().createAuthorizationCode(DemoData.USER_ID, REDIRECT_URI, Set.of("identify"));

			OAuth2AccessTokenResponse token = codeClient
				.getTokenResponse(GrantRequests.codeGrant(registration, code, REDIRECT_URI));
			OAuth2AccessTokenResponse refreshed = refreshClient.getTokenResponse(
					new OAuth2RefreshTokenGrantRequest(registration, token.getAccessToken(), token.getRefreshToken()));

			assertThat(refreshed.getAccessToken().getTokenValue()).isNotEqualTo(token.getAccessToken().getTokenValue());
			List<RecordedRequest> calls = discord.fake()
				.journal()
				.stream()
				.filter((call) -> call.path().endsWith("/oauth2/token"))
				.toList();
			assertThat(calls).hasSize(2).allSatisfy((call) -> {
				assertThat(call.header("Authorization")).isNull();
				assertThat(call.body()).contains("client_secret=");
				assertThat(call.header("User-Agent")).startsWith("DiscordBot (");
			});
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class EditedRegistrationConfiguration {

		@Bean
		ClientRegistration discordClientRegistration(Client client) {
			return DiscordClientRegistrations.discord("discord", client)
				.tokenUri(discord.fake().baseUrl() + "/api/v10/oauth2/token")
				.clientSecret(discord.fake().clientSecret())
				.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
				.redirectUri(REDIRECT_URI)
				.scope("identify")
				.build();
		}

	}

}
