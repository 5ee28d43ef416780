package io.github.discordoauth2.autoconfigure;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Specification of the startup checks of {@code discord.oauth2.*} and of
 * {@link DiscordOAuth2FailureAnalyzer}.
 */
@ExtendWith(OutputCaptureExtension.class)
class DiscordOAuth2FailureAnalyzerTests {

	private static final String CLIENT_ID = "discord.oauth2.client-id=1100000000000000001";

	private static final String SECRET = "discord.oauth2.client-secret=s3cret-value";

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DiscordOAuth2ClientAutoConfiguration.class));

	@Test
	void missingClientSecretNamesThePropertyAndTheFix() {
		FailureAnalysis analysis = analyzeStartupWith(CLIENT_ID);
		assertThat(analysis.getDescription()).contains("'discord.oauth2.client-secret'").contains("is not set");
		assertThat(analysis.getAction()).contains("discord.oauth2.client-secret").contains("DISCORD_CLIENT_SECRET");
	}

	@Test
	void nonNumericClientIdIsRefusedWithoutEchoingIt() {
		FailureAnalysis analysis = analyzeStartupWith("discord.oauth2.client-id=my-app-secret-by-mistake", SECRET);
		assertThat(analysis.getDescription()).contains("'discord.oauth2.client-id'").contains("not a numeric");
		assertThat(analysis.getAction()).contains("Application ID");
		assertThat(analysis.getDescription() + analysis.getAction()).doesNotContain("my-app-secret-by-mistake");
	}

	@Test
	void zeroOrOverflowingClientIdIsRefused() {
		assertThat(analyzeStartupWith("discord.oauth2.client-id=0", SECRET).getDescription())
			.contains("'discord.oauth2.client-id'");
		assertThat(analyzeStartupWith("discord.oauth2.client-id=18446744073709551615", SECRET).getDescription())
			.contains("'discord.oauth2.client-id'");
	}

	@Test
	void relativeRedirectUriIsRefused() {
		FailureAnalysis analysis = analyzeStartupWith(CLIENT_ID, SECRET,
				"discord.oauth2.redirect-uri=/login/oauth2/code/discord");
		assertThat(analysis.getDescription()).contains("'discord.oauth2.redirect-uri'").contains("relative");
		assertThat(analysis.getAction()).contains("absolute");
	}

	@Test
	void secretWithoutClientIdIsRefused() {
		FailureAnalysis analysis = analyzeStartupWith(SECRET);
		assertThat(analysis.getDescription()).contains("'discord.oauth2.client-id'");
		assertThat(analysis.getDescription() + analysis.getAction()).doesNotContain("s3cret-value");
	}

	@Test
	void openidScopeIsRefused() {
		FailureAnalysis analysis = analyzeStartupWith(CLIENT_ID, SECRET, "discord.oauth2.scopes=identify,openid");
		assertThat(analysis.getDescription()).contains("'discord.oauth2.scopes'").contains("openid");
	}

	@Test
	void relativeBaseUrlIsRefused() {
		FailureAnalysis analysis = analyzeStartupWith(CLIENT_ID, SECRET, "discord.oauth2.base-url=discord.com");
		assertThat(analysis.getDescription()).contains("'discord.oauth2.base-url'");
	}

	@Test
	void pkceSetTrueWithRoleConnectionsWriteNamesBothProperties() {
		FailureAnalysis analysis = analyzeStartupWith(CLIENT_ID, SECRET, "discord.oauth2.pkce=true",
				"discord.oauth2.scopes=identify,role_connections.write");
		assertThat(analysis.getDescription()).contains("'discord.oauth2.pkce'")
			.contains("discord.oauth2.scopes")
			.contains("role_connections.write");
		assertThat(analysis.getAction()).contains("invalid_scope").contains("Remove discord.oauth2.pkce");
	}

	@Test
	void plainHttpOffLoopbackIsWarnedAboutAtStartup(CapturedOutput output) {
		this.contextRunner
			.withPropertyValues(CLIENT_ID, SECRET, "discord.oauth2.base-url=http://discord.example.com",
					"discord.oauth2.redirect-uri=http://app.example.com/login/oauth2/code/discord")
			.run((context) -> assertThat(context).hasNotFailed());
		assertThat(output).contains("discord.oauth2.base-url uses plain http")
			.contains("discord.oauth2.redirect-uri uses plain http")
			.doesNotContain("s3cret-value");
	}

	@Test
	void plainHttpOnLoopbackAndHttpsAreNotWarnedAbout(CapturedOutput output) {
		this.contextRunner
			.withPropertyValues(CLIENT_ID, SECRET, "discord.oauth2.base-url=http://127.0.0.1:8090",
					"discord.oauth2.redirect-uri=https://app.example.com/login/oauth2/code/discord")
			.run((context) -> assertThat(context).hasNotFailed());
		this.contextRunner
			.withPropertyValues(CLIENT_ID, SECRET, "discord.oauth2.redirect-uri=http://localhost:8080/callback")
			.run((context) -> assertThat(context).hasNotFailed());
		assertThat(output).doesNotContain("uses plain http");
	}

	@Test
	void templateRedirectUriIsAccepted() {
		this.contextRunner
			.withPropertyValues(CLIENT_ID, SECRET, "discord.oauth2.redirect-uri={baseUrl}/callback/{registrationId}")
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void nothingIsCheckedWithoutClientId() {
		this.contextRunner.withPropertyValues("discord.oauth2.redirect-uri=/relative")
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void analyzerIsRegisteredSoStartupPrintsTheReport(CapturedOutput output) {
		SpringApplication application = new SpringApplication(MinimalApplication.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		assertThatException().isThrownBy(() -> application.run("--discord.oauth2.client-id=1100000000000000001",
				"--spring.main.banner-mode=off"));
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("Discord OAuth2 is misconfigured: the property 'discord.oauth2.client-secret' is not set")
			.contains("Action:");
	}

	private FailureAnalysis analyzeStartupWith(String... properties) {
		FailureAnalysis[] result = new FailureAnalysis[1];
		this.contextRunner.withPropertyValues(properties).run((context) -> {
			assertThat(context).hasFailed();
			result[0] = new DiscordOAuth2FailureAnalyzer().analyze(context.getStartupFailure());
		});
		assertThat(result[0]).as("failure analysis").isNotNull();
		return result[0];
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration(DiscordOAuth2ClientAutoConfiguration.class)
	static class MinimalApplication {

	}

}
