package io.github.discordoauth2.login;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.List;

import io.github.discordoauth2.test.DemoData;
import io.github.discordoauth2.test.RecordedRequest;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A linked-roles app on the starter's defaults logs in against a FakeDiscord that, as
 * Discord does, sends a {@code role_connections.write} login with PKCE back with
 * {@code error=invalid_scope}; and its bot invite is Discord's plain one.
 */
@SpringBootTest(classes = LoginTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "discord.oauth2.scopes=identify,role_connections.write")
class LinkedRolesLoginIntegrationTests extends ComposedLoginTests {

	private final TestBrowser browser = new TestBrowser();

	@Test
	void loginWithRoleConnectionsWriteOnTheDefaultsSucceedsWithoutPkce() {
		HttpResponse<String> me = this.browser.follow(url("/me"));

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
		this.browser.follow(url("/me"));

		URI invite = TestBrowser.location(this.browser.get(url("/invite")));
		assertThat(invite.getQuery()).contains("scope=bot")
			.doesNotContain("redirect_uri")
			.doesNotContain("response_type");
	}

}
