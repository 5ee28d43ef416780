package io.github.discordoauth2;

import java.util.Set;

import io.github.discordoauth2.exceptions.ForbiddenException;
import io.github.discordoauth2.test.DemoData;
import org.junit.jupiter.api.Test;

import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link CoreAgainstFakeDiscordContract} on the blocking road, and what only that road
 * has: the request factory it is built on.
 */
class CoreAgainstFakeDiscordTests extends CoreAgainstFakeDiscordContract {

	CoreAgainstFakeDiscordTests() {
		super(Road.BLOCKING);
	}

	@Test
	void withTheJdkHttpClientA401KeepsItsOAuthErrorBody() {
		// HttpURLConnection drops the body of a 401 answer to a POST; the JDK client
		// keeps it.
		Client wrong = Client.builder()
			.clientId(DemoData.APPLICATION_ID)
			.clientSecret("not-the-secret")
			.redirectUri(DemoData.REDIRECT_URI)
			.baseUrl(this.fake.baseUrl())
			.restClientBuilder(RestClient.builder().requestFactory(new JdkClientHttpRequestFactory()))
			.build();
		String code = this.fake.createAuthorizationCode(DemoData.USER_ID, DemoData.REDIRECT_URI, Set.of("identify"));
		assertThatExceptionOfType(ForbiddenException.class).isThrownBy(() -> wrong.exchangeCode(code))
			.withMessageNotContaining("not-the-secret")
			.satisfies((ex) -> {
				assertThat(ex.status()).isEqualTo(401);
				assertThat(ex.error()).isEqualTo("invalid_client");
				assertThat(ex.errorDescription()).isNotBlank();
			});
	}

}
