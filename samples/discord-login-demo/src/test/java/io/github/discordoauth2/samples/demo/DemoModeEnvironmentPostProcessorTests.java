package io.github.discordoauth2.samples.demo;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import io.github.discordoauth2.test.DemoData;
import io.github.discordoauth2.test.FakeDiscord;
import org.apache.commons.logging.Log;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.bootstrap.DefaultBootstrapContext;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The switch between demo mode and Discord mode, without starting the app: which
 * properties the post-processor sets, that the embedded FakeDiscord answers, and that it
 * stops with the context.
 */
class DemoModeEnvironmentPostProcessorTests {

	private final DefaultBootstrapContext bootstrap = new DefaultBootstrapContext();

	private final StringBuilder logged = new StringBuilder();

	private final GenericApplicationContext context = new GenericApplicationContext();

	@AfterEach
	void closeContext() {
		this.context.close();
	}

	@Test
	void withoutClientIdStartsFakeDiscordAndPointsTheStarterAtIt() throws Exception {
		StandardEnvironment environment = environment(Map.of("discord.oauth2.client-id", ""));

		postProcessor().postProcessEnvironment(environment, new SpringApplication());

		String baseUrl = environment.getProperty("discord.oauth2.base-url");
		assertThat(baseUrl).startsWith("http://127.0.0.1:");
		assertThat(environment.getProperty("discord.oauth2.client-id"))
			.isEqualTo(Long.toString(DemoData.APPLICATION_ID));
		assertThat(environment.getProperty("discord.oauth2.client-secret")).isEqualTo(DemoData.CLIENT_SECRET);
		assertThat(environment.getProperty("discord.oauth2.bot-token")).isEqualTo(DemoData.BOT_TOKEN);
		assertThat(environment.getProperty("demo.embedded")).isEqualTo("true");
		assertThat(environment.getProperty("demo.join-guild-id")).isEqualTo(Long.toString(DemoData.JOIN_GUILD_ID));
		assertThat(this.logged).contains("DEMO MODE")
			.contains(baseUrl)
			.contains("DISCORD_CLIENT_ID")
			.doesNotContain(DemoData.CLIENT_SECRET)
			.doesNotContain(DemoData.BOT_TOKEN);
		// A real Discord stand-in answers there: an API call without a token is refused
		// like Discord does.
		assertThat(get(baseUrl + "/api/v10/users/@me")).isEqualTo(401);

		this.bootstrap.close(this.context);
		this.context.refresh();
		assertThat(this.context.getBean(DemoModeEnvironmentPostProcessor.FAKE_DISCORD_BEAN))
			.isInstanceOf(FakeDiscord.class);
		this.context.close();
		assertThatThrownBy(() -> get(baseUrl + "/api/v10/users/@me")).isInstanceOf(IOException.class);
	}

	@Test
	void inDemoModeTheMembersServerAndItsModeratorRoleBecomeAuthoritiesCheckedEveryTenSeconds() {
		StandardEnvironment environment = environment(Map.of("discord.oauth2.client-id", ""));

		postProcessor().postProcessEnvironment(environment, new SpringApplication());
		this.bootstrap.close(this.context);
		this.context.refresh();

		assertThat(environment.getProperty("discord.oauth2.authorities.guilds"))
			.isEqualTo(Long.toString(DemoData.MEMBER_GUILD_ID));
		assertThat(environment.getProperty("discord.oauth2.authorities.roles." + DemoData.MODERATOR_ROLE_ID))
			.isEqualTo("ROLE_MODERATOR");
		assertThat(environment.getProperty("discord.oauth2.authorities.refresh-interval")).isEqualTo("10s");
		assertThat(environment.getProperty("demo.members-guild-name")).isEqualTo(DemoData.MEMBER_GUILD_NAME);
	}

	@Test
	void anIntervalChosenByTheUserIsKept() {
		StandardEnvironment environment = environment(Map.of("discord.oauth2.authorities.refresh-interval", "1h"));

		postProcessor().postProcessEnvironment(environment, new SpringApplication());
		this.bootstrap.close(this.context);
		this.context.refresh();

		assertThat(environment.getProperty("discord.oauth2.authorities.refresh-interval")).isEqualTo("1h");
	}

	@Test
	void inDiscordModeTheMembersServerComesFromTheEnvironmentOrNotAtAll() {
		MockEnvironment withServer = new MockEnvironment()
			.withProperty("discord.oauth2.client-id", "123456789012345678")
			.withProperty("demo.members-guild-id", "42")
			.withProperty("demo.moderator-role-id", "43");
		MockEnvironment without = new MockEnvironment().withProperty("discord.oauth2.client-id", "123456789012345678");

		postProcessor().postProcessEnvironment(withServer, new SpringApplication());
		postProcessor().postProcessEnvironment(without, new SpringApplication());

		assertThat(withServer.getProperty("discord.oauth2.authorities.guilds")).isEqualTo("42");
		assertThat(withServer.getProperty("discord.oauth2.authorities.roles.43")).isEqualTo("ROLE_MODERATOR");
		assertThat(withServer.getProperty("discord.oauth2.authorities.refresh-interval")).isNull();
		assertThat(without.getProperty("discord.oauth2.authorities.guilds")).isNull();
	}

	@Test
	void aServerChosenByTheUserIsKeptInDemoMode() {
		StandardEnvironment environment = environment(Map.of("demo.join-guild-id", "42"));

		postProcessor().postProcessEnvironment(environment, new SpringApplication());
		this.bootstrap.close(this.context);
		this.context.refresh();

		assertThat(environment.getProperty("demo.join-guild-id")).isEqualTo("42");
	}

	@Test
	void withClientIdTalksToDiscordAndStartsNothing() {
		MockEnvironment environment = new MockEnvironment()
			.withProperty("discord.oauth2.client-id", "123456789012345678")
			.withProperty("discord.oauth2.client-secret", "a-secret");

		postProcessor().postProcessEnvironment(environment, new SpringApplication());

		assertThat(environment.getProperty("discord.oauth2.base-url")).isNull();
		assertThat(environment.getProperty("discord.oauth2.client-id")).isEqualTo("123456789012345678");
		assertThat(environment.getProperty("demo.embedded")).isNull();
		assertThat(environment.getProperty("demo.discord-url")).isEqualTo("https://discord.com");
		assertThat(this.logged).contains("DISCORD MODE")
			.contains("123456789012345678")
			.contains("http://localhost:8080/login/oauth2/code/discord")
			.contains("DISCORD_BOT_TOKEN")
			.doesNotContain("a-secret");
		this.bootstrap.close(this.context);
		this.context.refresh();
		assertThat(this.context.containsBean(DemoModeEnvironmentPostProcessor.FAKE_DISCORD_BEAN)).isFalse();
	}

	private DemoModeEnvironmentPostProcessor postProcessor() {
		DeferredLogFactory logs = destination -> recordingLog();
		return new DemoModeEnvironmentPostProcessor(logs, this.bootstrap);
	}

	private static StandardEnvironment environment(Map<String, Object> properties) {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources().addFirst(new MapPropertySource("test", properties));
		return environment;
	}

	private static int get(String url) throws IOException, InterruptedException {
		// A new client each time: no pooled connection outlives the server.
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.discarding())
			.statusCode();
	}

	/** A log that keeps what the post-processor says, to check the startup message. */
	private Log recordingLog() {
		return (Log) java.lang.reflect.Proxy.newProxyInstance(Log.class.getClassLoader(), new Class<?>[] { Log.class },
				(proxy, method, args) -> {
					if (method.getName().startsWith("is")) {
						return true;
					}
					if (args != null && args.length > 0) {
						this.logged.append(args[0]).append('\n');
					}
					return null;
				});
	}

}
