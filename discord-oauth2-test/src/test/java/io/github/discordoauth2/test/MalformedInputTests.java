package io.github.discordoauth2.test;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad input gets Discord's 400 JSON (or the OAuth error), never a stack trace or a hang.
 */
class MalformedInputTests {

	private static final String BOT = "Bot " + DemoData.BOT_TOKEN;

	private static FakeDiscord fake;

	private static Http http;

	private static String basic;

	@BeforeAll
	static void start() {
		fake = FakeDiscord.builder().demoData().autoApprove(true).start();
		http = new Http(fake.baseUrl());
		basic = Http.basic(fake.clientId(), fake.clientSecret());
	}

	@AfterAll
	static void stop() {
		fake.close();
	}

	private static void assertJsonError(Http.Answer a, int status) {
		assertThat(a.status()).isEqualTo(status);
		assertThat(a.header("Content-Type")).isEqualTo("application/json");
		assertThat(a.body()).doesNotContain("Exception").doesNotContain("\tat ");
		assertThat(a.map()).isNotEmpty();
	}

	@Test
	void brokenCredentialsAndFormsGetOAuthErrors() {
		String token = "/api/v10/oauth2/token";
		assertJsonError(http.send("POST", token, "application/x-www-form-urlencoded", "grant_type=client_credentials",
				"Basic !!!not-base64"), 401);
		assertJsonError(http.send("POST", token, "application/x-www-form-urlencoded", "%%%&=&==", basic), 400);
		assertJsonError(http.send("POST", token, "application/x-www-form-urlencoded", "", basic), 400);
		assertJsonError(http.send("POST", token, null, null, basic), 400);
		assertJsonError(http.send("POST", token, "multipart/form-data; boundary=x", "--x--", basic), 400);
		assertJsonError(http.postForm(token,
				Map.of("grant_type", "authorization_code", "code", "%ZZ", "redirect_uri", DemoData.REDIRECT_URI),
				basic), 400);
	}

	@Test
	void brokenJsonGets50109AndWrongShapes50035() {
		String t = fake.createToken(DemoData.USER_ID, Set.of("guilds.join", "role_connections.write")).accessToken();
		String join = "/api/v10/guilds/" + DemoData.JOIN_GUILD_ID + "/members/" + DemoData.USER_ID;
		String rc = "/api/v10/users/@me/applications/" + DemoData.APPLICATION_ID + "/role-connection";
		assertThat(http.send("PUT", join, "application/json", "{} trailing", BOT).map()).containsEntry("code", 50109);
		assertThat(http.send("PUT", join, "application/json", "[".repeat(5000), BOT).map()).containsEntry("code",
				50109);
		assertThat(http.send("PUT", join, "application/json", "", BOT).map()).containsEntry("code", 50109);
		assertThat(http.send("PUT", join, "application/json", "\"text\"", BOT).map()).containsEntry("code", 50035);
		assertThat(http.json("PUT", join, Map.of("access_token", 5), BOT).map()).containsEntry("code", 50035);
		assertThat(http.json("PUT", join, Map.of("access_token", t, "mute", "yes"), BOT).map()).containsEntry("code",
				50035);
		assertThat(http.json("PUT", rc, Map.of("metadata", List.of(1)), "Bearer " + t).map()).containsEntry("code",
				50035);
		assertThat(http.json("PUT", rc, Map.of("platform_name", 7), "Bearer " + t).map()).containsEntry("code", 50035);
		assertJsonError(
				http.send("PUT", "/api/v10/applications/" + DemoData.APPLICATION_ID + "/role-connections/metadata",
						"application/json", "{\"a\":", BOT),
				400);
	}

	@Test
	void oddPathsAndQueriesAnswerCleanly() throws IOException {
		String t = "Bearer "
				+ fake.createToken(DemoData.USER_ID, Set.of("guilds", "guilds.members.read")).accessToken();
		assertThat(raw("GET /api/v10/users/@me/guilds?limit=%zz HTTP/1.1", t)).startsWith("HTTP/1.1 400");
		assertJsonError(http.get("/api/v10/users/@me/guilds?before=-5", t), 400);
		assertJsonError(http.get("/api/v10/users/@me/guilds/99999999999999999999999/member", t), 400);
		assertJsonError(http.get("/api/v99999999999/users/@me", t), 400);
		assertJsonError(http.get("/api/v10/users/@me/guilds//member", t), 404);
		assertThat(raw("GET /oauth2/authorize?client_id=%ZZ&scope=identify HTTP/1.1", null)).startsWith("HTTP/1.1 400");
		assertThat(raw("GET /api/v10/users/@me/guilds/%ZZ/member HTTP/1.1", t)).startsWith("HTTP/1.1 400");
		assertJsonError(http.send("POST", "/api/v10/oauth2/token", "application/x-www-form-urlencoded",
				"x=" + "a".repeat(1_100_000), basic), 413);
	}

	/** Sends a request line the JDK client refuses to build, over a plain socket. */
	private static String raw(String requestLine, String authorization) throws IOException {
		try (Socket socket = new Socket("127.0.0.1", fake.port())) {
			socket.setSoTimeout(5000);
			String request = requestLine + "\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
					+ (authorization == null ? "" : "Authorization: " + authorization + "\r\n") + "\r\n";
			socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
			String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			// The JDK server answers a request line that is no URI itself (plain 400,
			// like Discord's edge would):
			// fine, as long as no stack trace leaks.
			assertThat(answer).doesNotContain("\tat ").doesNotContain("at java.");
			return answer;
		}
	}

	@Test
	void concurrentClientsEachGetTheirOwnTokens() throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(8);
		try {
			List<CompletableFuture<String>> futures = new ArrayList<>();
			for (int i = 0; i < 40; i++) {
				futures.add(CompletableFuture.supplyAsync(() -> {
					String code = fake.createAuthorizationCode(DemoData.USER_ID, DemoData.REDIRECT_URI,
							Set.of("identify"));
					Http.Answer a = http.postForm("/api/v10/oauth2/token", Map.of("grant_type", "authorization_code",
							"code", code, "redirect_uri", DemoData.REDIRECT_URI), basic);
					String access = (String) a.map().get("access_token");
					assertThat(http.get("/api/v10/users/@me", "Bearer " + access).status()).isEqualTo(200);
					return access;
				}, pool));
			}
			Set<String> tokens = new HashSet<>();
			for (CompletableFuture<String> f : futures) {
				tokens.add(f.get());
			}
			assertThat(tokens).hasSize(40);
		}
		finally {
			pool.shutdownNow();
		}
	}

}
