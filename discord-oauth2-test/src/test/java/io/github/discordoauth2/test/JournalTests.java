package io.github.discordoauth2.test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class JournalTests {

	@Test
	void journalRecordsRequestsWithEverySecretMasked() {
		try (FakeDiscord fake = FakeDiscord.builder().demoData().start()) {
			Http http = new Http(fake.baseUrl());
			FakeDiscord.Tokens tokens = fake.createToken(DemoData.USER_ID, Set.of("identify", "guilds.join"));
			String code = fake.createAuthorizationCode(DemoData.USER_ID, DemoData.REDIRECT_URI, Set.of("identify"));

			http.postForm("/api/v10/oauth2/token",
					Map.of("grant_type", "authorization_code", "code", code, "redirect_uri", DemoData.REDIRECT_URI,
							"client_id", Long.toString(fake.clientId()), "client_secret", fake.clientSecret(),
							"code_verifier", "verifier-secret-value"),
					null);
			// The refresh kills the old access token, so the calls below use the new one.
			String fresh = (String) http
				.postForm("/api/v10/oauth2/token",
						Map.of("grant_type", "refresh_token", "refresh_token", tokens.refreshToken()),
						Http.basic(fake.clientId(), fake.clientSecret()))
				.map()
				.get("access_token");
			http.get("/api/v10/users/@me?x=1", "Bearer " + fresh);
			http.json("PUT", "/api/v10/guilds/" + DemoData.JOIN_GUILD_ID + "/members/" + DemoData.USER_ID,
					Map.of("access_token", fresh, "nick", "n"), "Bot " + fake.botToken());
			http.postForm("/api/oauth2/token/revoke", Map.of("token", fresh),
					Http.basic(fake.clientId(), fake.clientSecret()));

			List<RecordedRequest> journal = fake.journal();
			assertThat(journal).hasSize(5);
			String all = journal.stream().map(r -> r.body() + r.headers()).reduce("", String::concat);
			assertThat(all).doesNotContain(fake.clientSecret(), "verifier-secret-value", tokens.accessToken(),
					tokens.refreshToken(), fresh, fake.botToken());

			RecordedRequest exchange = journal.get(0);
			assertThat(exchange.method()).isEqualTo("POST");
			assertThat(exchange.path()).isEqualTo("/api/v10/oauth2/token");
			assertThat(exchange.status()).isEqualTo(200);
			assertThat(exchange.body()).contains("client_secret=***")
				.contains("code_verifier=***")
				.contains("code=" + code)
				.contains("grant_type=authorization_code");
			assertThat(journal.get(1).header("Authorization")).isEqualTo("Basic ***");
			assertThat(journal.get(1).body()).contains("refresh_token=***");
			RecordedRequest me = journal.get(2);
			assertThat(me.header("authorization")).isEqualTo("Bearer ***");
			assertThat(me.query()).isEqualTo("x=1");
			assertThat(me.toString()).isEqualTo("GET /api/v10/users/@me?x=1 -> 200");
			assertThat(journal.get(3).body()).contains("\"access_token\":\"***\"").contains("\"nick\":\"n\"");
			assertThat(journal.get(3).status()).isEqualTo(201);
			assertThat(journal.get(3).header("Authorization")).isEqualTo("Bot ***");
			assertThat(journal.get(4).body()).isEqualTo("token=***");

			fake.clearJournal();
			assertThat(fake.journal()).isEmpty();
			assertThat(fake.stats().requests()).isEqualTo(5);
		}
	}

	@Test
	void secretsNeverAppearInToString() {
		try (FakeDiscord fake = FakeDiscord.builder().demoData().start()) {
			FakeDiscord.Tokens t = fake.createToken(DemoData.USER_ID, Set.of("identify"));
			assertThat(t.toString()).doesNotContain(t.accessToken(), t.refreshToken());
			assertThat(fake.toString()).doesNotContain(fake.clientSecret(), fake.botToken()).contains(fake.baseUrl());
		}
	}

}
