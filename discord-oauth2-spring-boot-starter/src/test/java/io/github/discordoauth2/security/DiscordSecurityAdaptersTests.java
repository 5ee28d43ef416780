package io.github.discordoauth2.security;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.discordoauth2.Client;
import io.github.discordoauth2.model.Webhook;
import io.github.discordoauth2.test.DemoData;
import io.github.discordoauth2.test.FakeDiscord;
import io.github.discordoauth2.test.FakeDiscordExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.security.oauth2.client.endpoint.OAuth2AuthorizationCodeGrantRequest;
import org.springframework.security.oauth2.client.endpoint.OAuth2RefreshTokenGrantRequest;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserRequest;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.core.endpoint.OAuth2AccessTokenResponse;
import org.springframework.security.oauth2.core.user.DefaultOAuth2User;
import org.springframework.security.oauth2.core.user.OAuth2User;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The Discord adapters for Spring Security, driven directly against FakeDiscord over
 * HTTP: the token exchange with Discord's extras, the user service, error mapping and
 * delegation.
 */
@ExtendWith(OutputCaptureExtension.class)
class DiscordSecurityAdaptersTests {

	private static final String REDIRECT_URI = "http://localhost:8080/login/oauth2/code/discord";

	@RegisterExtension
	static FakeDiscordExtension discord = FakeDiscordExtension.withDemoData();

	private final List<Object> events = new ArrayList<>();

	@Test
	void webhookAndGuildFromTheTokenResponseReachTheLoginEventButNoLog(CapturedOutput output) {
		Client client = client();
		ClientRegistration registration = registration(client);
		String code = authorize("identify bot webhook.incoming");

		OAuth2AccessTokenResponse response = new DiscordAuthorizationCodeTokenResponseClient(client, "discord")
			.getTokenResponse(codeGrant(registration, code));
		OAuth2User principal = new DiscordOAuth2UserService(client, "discord", this.events::add).loadUser(
				new OAuth2UserRequest(registration, response.getAccessToken(), response.getAdditionalParameters()));

		assertThat(this.events).hasSize(1);
		DiscordLoginEvent event = (DiscordLoginEvent) this.events.get(0);
		Webhook webhook = event.webhook().orElseThrow();
		assertThat(webhook.token()).isNotBlank();
		assertThat(webhook.guildId()).isEqualTo(DemoData.OWNED_GUILD_ID);
		assertThat(event.guild())
			.hasValueSatisfying((guild) -> assertThat(guild.id()).isEqualTo(DemoData.OWNED_GUILD_ID));
		assertThat(response.getAdditionalParameters()).containsEntry("webhook", webhook);
		assertThat(principal.getAttributes()).doesNotContainKeys("webhook", "guild");
		assertThat(principal.getName()).isEqualTo(Long.toString(DemoData.USER_ID));
		assertThat(principal.getAuthorities()).extracting(Object::toString)
			.contains("OAUTH2_USER", "SCOPE_identify", "SCOPE_webhook.incoming");
		assertThat(event.toString() + principal + response.getAdditionalParameters()).doesNotContain(webhook.token());
		assertThat(output).doesNotContain(webhook.token());
	}

	@Test
	void spentCodeIsRefusedAsInvalidGrant() {
		Client client = client();
		ClientRegistration registration = registration(client);
		String code = authorize("identify");
		DiscordAuthorizationCodeTokenResponseClient tokenClient = new DiscordAuthorizationCodeTokenResponseClient(
				client, "discord");
		tokenClient.getTokenResponse(codeGrant(registration, code));

		assertThatExceptionOfType(OAuth2AuthorizationException.class)
			.isThrownBy(() -> tokenClient.getTokenResponse(codeGrant(registration, code)))
			.satisfies((ex) -> assertThat(ex.getError().getErrorCode()).isEqualTo(OAuth2ErrorCodes.INVALID_GRANT));
	}

	@Test
	void refreshRotatesTheRefreshTokenAndRevokedOneIsInvalidGrant() {
		Client client = client();
		ClientRegistration registration = registration(client);
		FakeDiscord.Tokens tokens = discord.fake().createToken(DemoData.USER_ID, Set.of("identify"));
		DiscordRefreshTokenTokenResponseClient refreshClient = new DiscordRefreshTokenTokenResponseClient(client,
				"discord");

		OAuth2AccessTokenResponse refreshed = refreshClient
			.getTokenResponse(refreshGrant(registration, tokens.accessToken(), tokens.refreshToken()));

		assertThat(refreshed.getRefreshToken().getTokenValue()).isNotEqualTo(tokens.refreshToken());
		assertThat(refreshed.getAccessToken().getExpiresAt()).isAfter(refreshed.getAccessToken().getIssuedAt());
		discord.fake().revokeToken(refreshed.getRefreshToken().getTokenValue());
		assertThatExceptionOfType(OAuth2AuthorizationException.class)
			.isThrownBy(() -> refreshClient.getTokenResponse(refreshGrant(registration,
					refreshed.getAccessToken().getTokenValue(), refreshed.getRefreshToken().getTokenValue())))
			.satisfies((ex) -> assertThat(ex.getError().getErrorCode()).isEqualTo(OAuth2ErrorCodes.INVALID_GRANT));
	}

	@Test
	void otherRegistrationsGoToTheDelegates() {
		Client client = client();
		ClientRegistration github = ClientRegistration.withRegistrationId("github")
			.clientId("gh")
			.authorizationGrantType(org.springframework.security.oauth2.core.AuthorizationGrantType.AUTHORIZATION_CODE)
			.redirectUri(REDIRECT_URI)
			.authorizationUri("https://github.example/authorize")
			.tokenUri("https://github.example/token")
			.build();
		OAuth2AccessTokenResponse marker = OAuth2AccessTokenResponse.withToken("from-delegate")
			.tokenType(OAuth2AccessToken.TokenType.BEARER)
			.build();
		DiscordAuthorizationCodeTokenResponseClient codeClient = new DiscordAuthorizationCodeTokenResponseClient(client,
				"discord");
		codeClient.setDelegate((request) -> marker);
		DiscordRefreshTokenTokenResponseClient refreshClient = new DiscordRefreshTokenTokenResponseClient(client,
				"discord");
		refreshClient.setDelegate((request) -> marker);
		OAuth2User githubUser = new DefaultOAuth2User(List.of(), Map.of("id", "gh-user"), "id");
		DiscordOAuth2UserService userService = new DiscordOAuth2UserService(client, "discord", this.events::add);
		userService.setDelegate((request) -> githubUser);

		assertThat(codeClient.getTokenResponse(codeGrant(github, "some-code"))).isSameAs(marker);
		assertThat(refreshClient.getTokenResponse(refreshGrant(github, "at", "rt"))).isSameAs(marker);
		assertThat(userService.loadUser(new OAuth2UserRequest(github, marker.getAccessToken()))).isSameAs(githubUser);
		assertThat(this.events).isEmpty();
		assertThat(discord.fake().journal()).isEmpty();
	}

	@Test
	void principalSurvivesSerialization() throws Exception {
		Client client = client();
		FakeDiscord.Tokens tokens = discord.fake().createToken(DemoData.USER_ID, Set.of("identify", "email"));
		OAuth2AccessToken accessToken = new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, tokens.accessToken(),
				null, null, Set.of("identify", "email"));
		DiscordOAuth2User principal = (DiscordOAuth2User) new DiscordOAuth2UserService(client, "discord",
				this.events::add)
			.loadUser(new OAuth2UserRequest(registration(client), accessToken));

		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
			out.writeObject(principal);
		}
		Object read;
		try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
			read = in.readObject();
		}

		assertThat(read).isInstanceOf(DiscordOAuth2User.class).isEqualTo(principal);
		assertThat(((DiscordOAuth2User) read).user()).isEqualTo(principal.user());
		assertThat(principal.user().email()).isEqualTo(DemoData.EMAIL);
		assertThat(principal.getAttributes()).containsEntry("id", Long.toString(DemoData.USER_ID))
			.containsEntry("username", DemoData.USERNAME)
			.containsEntry("global_name", DemoData.GLOBAL_NAME);
	}

	private static Client client() {
		FakeDiscord fake = discord.fake();
		return Client.builder()
			.clientId(fake.clientId())
			.clientSecret(fake.clientSecret())
			.baseUrl(fake.baseUrl())
			.build();
	}

	private static ClientRegistration registration(Client client) {
		return DiscordClientRegistrations.discord("discord", client)
			.clientSecret(discord.fake().clientSecret())
			.redirectUri(REDIRECT_URI)
			.scope("identify")
			.build();
	}

	/**
	 * Lets FakeDiscord's consent page approve at once and returns the code it redirects
	 * with.
	 */
	private static String authorize(String scopes) {
		FakeDiscord fake = discord.fake();
		String url = fake.baseUrl() + "/oauth2/authorize?response_type=code&client_id=" + fake.clientId() + "&scope="
				+ URLEncoder.encode(scopes, StandardCharsets.UTF_8) + "&state=s&redirect_uri="
				+ URLEncoder.encode(REDIRECT_URI, StandardCharsets.UTF_8);
		HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
		try {
			HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
					HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode()).as(response.body()).isEqualTo(302);
			String query = URI.create(response.headers().firstValue("Location").orElseThrow()).getQuery();
			for (String pair : query.split("&")) {
				if (pair.startsWith("code=")) {
					return pair.substring("code=".length());
				}
			}
			throw new IllegalStateException("no code in " + query);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static OAuth2AuthorizationCodeGrantRequest codeGrant(ClientRegistration registration, String code) {
		return GrantRequests.codeGrant(registration, code, REDIRECT_URI);
	}

	private static OAuth2RefreshTokenGrantRequest refreshGrant(ClientRegistration registration, String accessToken,
			String refreshToken) {
		return new OAuth2RefreshTokenGrantRequest(registration,
				new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, accessToken, null, null),
				new OAuth2RefreshToken(refreshToken, null));
	}

}
