package io.github.discordoauth2.login;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.List;

import io.github.discordoauth2.test.DemoData;
import io.github.discordoauth2.test.FakeDiscordExtension;
import io.github.discordoauth2.test.FakeDiscordProperties;
import io.github.discordoauth2.test.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A linked-roles app on the starter's defaults logs in against a FakeDiscord that, as
 * Discord does, sends a {@code role_connections.write} login with PKCE back with
 * {@code error=invalid_scope}; and its bot invite is Discord's plain one.
 */
@SpringBootTest(classes = LoginTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "discord.oauth2.scopes=identify,role_connections.write")
class LinkedRolesLoginIntegrationTests {

	@RegisterExtension
	static FakeDiscordExtension discord = FakeDiscordExtension.withDemoData();

	@DynamicPropertySource
	static void discordProperties(DynamicPropertyRegistry registry) {
		FakeDiscordProperties.register(discord.fake(), registry);
	}

	@LocalServerPort
	int port;

	private final TestBrowser browser = new TestBrowser();

	@Test
	void loginWithRoleConnectionsWriteOnTheDefaultsSucceedsWithoutPkce() {
		HttpResponse<String> me = this.browser.follow(app("/me"));

		assertThat(me.statusCode()).isEqualTo(200);
		assertThat(me.body()).isEqualTo(DemoData.USER_ID + ":" + DemoData.USERNAME);
		URI authorize = this.browser.visited()
			.stream()
			.filter((uri) -> uri.getPath().equals("/oauth2/authorize"))
			.findFirst()
			.orElseThrow();
		assertThat(authorize.toString()).contains("role_connections.write").doesNotContain("code_challenge");
		assertThat(this.browser.visited()).extracting(URI::getQuery)
			.noneMatch((query) -> query != null && query.contains("error=invalid_scope"));
		List<RecordedRequest> tokenCalls = discord.fake()
			.journal()
			.stream()
			.filter((request) -> request.path().equals("/api/v10/oauth2/token"))
			.toList();
		assertThat(tokenCalls).singleElement()
			.satisfies((call) -> assertThat(call.body()).contains("grant_type=authorization_code")
				.doesNotContain("code_verifier"));
	}

	@Test
	void botInviteIsDiscordsPlainInviteWithoutTheLoginCallback() {
		this.browser.follow(app("/me"));

		URI invite = TestBrowser.location(this.browser.get(app("/invite")));
		assertThat(invite.getQuery()).contains("scope=bot")
			.doesNotContain("redirect_uri")
			.doesNotContain("response_type");
	}

	private String app(String path) {
		return "http://localhost:" + this.port + path;
	}

}
