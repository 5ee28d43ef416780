package io.github.discordoauth2.autoconfigure;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.discordoauth2.Client;
import io.github.discordoauth2.Prompt;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.restclient.RestClientCustomizer;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Specification of {@link DiscordOAuth2ClientAutoConfiguration} and the binding of
 * {@link DiscordOAuth2Properties}.
 */
class DiscordOAuth2ClientAutoConfigurationTests {

	private static final String CLIENT_ID = "1100000000000000001";

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DiscordOAuth2ClientAutoConfiguration.class));

	@Test
	void clientIsBuiltFromProperties() {
		this.contextRunner
			.withPropertyValues("discord.oauth2.client-id=" + CLIENT_ID, "discord.oauth2.client-secret=s3cret",
					"discord.oauth2.base-url=http://127.0.0.1:8090/", "discord.oauth2.bot-token=bot-t0ken")
			.run((context) -> {
				assertThat(context).hasSingleBean(Client.class);
				Client client = context.getBean(Client.class);
				assertThat(client.clientId()).isEqualTo(1100000000000000001L);
				assertThat(client.baseUrl()).isEqualTo("http://127.0.0.1:8090");
				assertThat(client.tokenEndpoint()).isEqualTo(URI.create("http://127.0.0.1:8090/api/v10/oauth2/token"));
				assertThat(client.hasBotToken()).isTrue();
				assertThat(client.hasClientSecret()).isTrue();
				// The default redirect URI is a per-request template, which the core
				// cannot hold.
				assertThat(client.redirectUri()).isEmpty();
			});
	}

	@Test
	void absoluteRedirectUriReachesTheClient() {
		this.contextRunner
			.withPropertyValues("discord.oauth2.client-id=" + CLIENT_ID, "discord.oauth2.client-secret=s3cret",
					"discord.oauth2.redirect-uri=https://example.com/callback")
			.run((context) -> assertThat(context.getBean(Client.class).redirectUri())
				.contains("https://example.com/callback"));
	}

	@Test
	void noClientWithoutClientId() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).doesNotHaveBean(Client.class);
			assertThat(context).hasSingleBean(DiscordOAuth2Properties.class);
		});
	}

	@Test
	void emptyClientIdCountsAsNotSet() {
		this.contextRunner.withPropertyValues("discord.oauth2.client-id=").run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).doesNotHaveBean(Client.class);
		});
	}

	@Test
	void clientBacksOffWhenUserDefinesOne() {
		this.contextRunner.withUserConfiguration(UserClientConfiguration.class)
			.withPropertyValues("discord.oauth2.client-id=" + CLIENT_ID, "discord.oauth2.client-secret=s3cret")
			.run((context) -> {
				assertThat(context).hasSingleBean(Client.class);
				assertThat(context.getBean(Client.class).clientId()).isEqualTo(42L);
			});
	}

	@Test
	void clientIsBuiltOnBootsRestClientBuilderWhenPresent() {
		this.contextRunner.withConfiguration(AutoConfigurations.of(RestClientAutoConfiguration.class))
			.withUserConfiguration(RecordingRestClientCustomizerConfiguration.class)
			.withPropertyValues("discord.oauth2.client-id=" + CLIENT_ID, "discord.oauth2.client-secret=s3cret",
					"discord.oauth2.base-url=http://127.0.0.1:9")
			.run((context) -> {
				List<URI> seen = context.getBean(RecordingRestClientCustomizerConfiguration.class).seen;
				Client client = context.getBean(Client.class);
				// The interceptor from the application's RestClientCustomizer refuses the
				// call: nothing leaves the JVM.
				assertThatException().isThrownBy(() -> client.fromAccessToken("user-token").fetchIdentify());
				assertThat(seen).containsExactly(URI.create("http://127.0.0.1:9/api/v10/users/@me"));
			});
	}

	@Test
	void customizersAdjustTheClientBuilder() {
		this.contextRunner.withUserConfiguration(BuilderCustomizerConfiguration.class)
			.withPropertyValues("discord.oauth2.client-id=" + CLIENT_ID, "discord.oauth2.client-secret=s3cret")
			.run((context) -> assertThat(context.getBean(Client.class).baseUrl()).isEqualTo("http://127.0.0.1:7"));
	}

	@Test
	void propertiesBind() {
		this.contextRunner
			.withPropertyValues("discord.oauth2.client-id= " + CLIENT_ID + " ", "discord.oauth2.client-secret=s3cret",
					"discord.oauth2.scopes=identify, email ,guilds", "discord.oauth2.prompt=none",
					"discord.oauth2.pkce=false", "discord.oauth2.registration-id=dc",
					"discord.oauth2.login.enabled=false", "discord.oauth2.rate-limit.max-wait=0",
					"discord.oauth2.http.connect-timeout=2s", "discord.oauth2.http.read-timeout=1m")
			.run((context) -> {
				DiscordOAuth2Properties properties = context.getBean(DiscordOAuth2Properties.class);
				assertThat(properties.clientIdAsLong()).isEqualTo(1100000000000000001L);
				assertThat(properties.scopeList()).containsExactly("identify", "email", "guilds");
				assertThat(properties.getPrompt()).isEqualTo(Prompt.NONE);
				assertThat(properties.usePkce()).isFalse();
				assertThat(properties.getRegistrationId()).isEqualTo("dc");
				assertThat(properties.getLogin().isEnabled()).isFalse();
				assertThat(properties.getRateLimit().getMaxWait()).isEqualTo(Duration.ZERO);
				assertThat(properties.getHttp().getConnectTimeout()).isEqualTo(Duration.ofSeconds(2));
				assertThat(properties.getHttp().getReadTimeout()).isEqualTo(Duration.ofMinutes(1));
			});
	}

	@Test
	void defaultsMatchTheDocumentation() {
		DiscordOAuth2Properties properties = new DiscordOAuth2Properties();
		assertThat(properties.getRedirectUri()).isEqualTo("{baseUrl}/login/oauth2/code/{registrationId}");
		assertThat(properties.scopeList()).containsExactly("identify");
		assertThat(properties.getBaseUrl()).isEqualTo("https://discord.com");
		assertThat(properties.getPrompt()).isNull();
		assertThat(properties.getPkce()).isNull();
		assertThat(properties.usePkce()).isTrue();
		assertThat(properties.getRegistrationId()).isEqualTo("discord");
		assertThat(properties.getLogin().isEnabled()).isTrue();
		assertThat(properties.getRateLimit().getMaxWait()).isEqualTo(Duration.ofSeconds(10));
		assertThat(properties.getHttp().getConnectTimeout()).isNull();
		assertThat(properties.getHttp().getReadTimeout()).isNull();
	}

	@Test
	void clientIdAsLongNamesThePropertyWhenTheIdIsMissingOrNotANumber() {
		DiscordOAuth2Properties properties = new DiscordOAuth2Properties();
		assertThatExceptionOfType(DiscordOAuth2ConfigurationException.class).isThrownBy(properties::clientIdAsLong)
			.satisfies((ex) -> assertThat(ex.property()).isEqualTo("discord.oauth2.client-id"));
		properties.setClientId("not-a-number");
		assertThatExceptionOfType(DiscordOAuth2ConfigurationException.class).isThrownBy(properties::clientIdAsLong)
			.satisfies((ex) -> assertThat(ex.property()).isEqualTo("discord.oauth2.client-id"));
	}

	@Configuration(proxyBeanMethods = false)
	static class UserClientConfiguration {

		@Bean
		Client myDiscordClient() {
			return Client.builder().clientId(42L).clientSecret("mine").build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class RecordingRestClientCustomizerConfiguration {

		final List<URI> seen = new CopyOnWriteArrayList<>();

		@Bean
		RestClientCustomizer recordingCustomizer() {
			return (builder) -> builder.requestInterceptor((request, body, execution) -> {
				this.seen.add(request.getURI());
				throw new IllegalStateException("refused by the test");
			});
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class BuilderCustomizerConfiguration {

		@Bean
		DiscordClientBuilderCustomizer baseUrlCustomizer() {
			return (builder) -> builder.baseUrl("http://127.0.0.1:7");
		}

	}

}
