package io.github.discordoauth2.autoconfigure;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

import io.github.discordoauth2.Client;
import io.github.discordoauth2.PartialAccessToken;
import io.github.discordoauth2.test.DemoData;
import io.github.discordoauth2.test.FakeDiscord;
import io.github.discordoauth2.test.FakeDiscordExtension;
import io.github.discordoauth2.test.Fault;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.actuate.info.Info;
import org.springframework.boot.actuate.info.InfoContributor;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Specification of {@link DiscordOAuth2ObservationAutoConfiguration} and
 * {@link DiscordOAuth2InfoAutoConfiguration}: calls to Discord observed with route
 * templates and no ids or tokens, rate limits counted, the configuration shown without
 * secrets.
 */
class DiscordOAuth2ObservationAutoConfigurationTests {

	@RegisterExtension
	static FakeDiscordExtension discord = FakeDiscordExtension.withDemoData();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DiscordOAuth2ClientAutoConfiguration.class,
				DiscordOAuth2ObservationAutoConfiguration.class, DiscordOAuth2InfoAutoConfiguration.class))
		.withPropertyValues("discord.oauth2.client-id=" + discord.fake().clientId(),
				"discord.oauth2.client-secret=" + discord.fake().clientSecret(),
				"discord.oauth2.base-url=" + discord.fake().baseUrl(), "discord.oauth2.bot-token=bot-secret-value",
				"discord.oauth2.scopes=identify,guilds.members.read");

	@Test
	void callsAreObservedWithRouteTemplatesOnTheCoresOwnRequestFactory() {
		this.contextRunner.withUserConfiguration(RegistriesConfiguration.class)
			.run((context) -> assertCallsObserved(context.getBean(Client.class),
					context.getBean(TestObservationRegistry.class)));
	}

	@Test
	void callsAreObservedWithRouteTemplatesOnBootsRestClientBuilder() {
		this.contextRunner.withConfiguration(AutoConfigurations.of(RestClientAutoConfiguration.class))
			.withUserConfiguration(RegistriesConfiguration.class)
			.run((context) -> assertCallsObserved(context.getBean(Client.class),
					context.getBean(TestObservationRegistry.class)));
	}

	@Test
	void rateLimitWaitsAnd429sAreCounted() {
		this.contextRunner.withUserConfiguration(RegistriesConfiguration.class).run((context) -> {
			FakeDiscord.Tokens tokens = discord.fake().createToken(DemoData.USER_ID, Set.of("identify"));
			discord.fake().faults().next("GET /users/@me", 1, Fault.rateLimited(Duration.ofMillis(50)));

			context.getBean(Client.class).fromAccessToken(tokens.accessToken()).fetchIdentify();

			MeterRegistry meters = context.getBean(MeterRegistry.class);
			assertThat(meters.get(DiscordRateLimitMetrics.RESPONSES)
				.tags("method", "GET", "uri", "/users/@me", "global", "false")
				.counter()
				.count()).isEqualTo(1);
			// The retry waited for retry_after (once or twice: after the 429, and
			// before sending again).
			assertThat(meters.get(DiscordRateLimitMetrics.WAITS).tags("uri", "/users/@me").timer().count())
				.isPositive();
			TestObservationRegistryAssert.assertThat(context.getBean(TestObservationRegistry.class))
				.hasAnObservation((observation) -> observation.hasLowCardinalityKeyValue("status", "429"))
				.hasAnObservation((observation) -> observation.hasLowCardinalityKeyValue("status", "200"));
		});
	}

	@Test
	void withoutMicrometerMetersTheClientStillWorks() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(MeterRegistry.class))
			.withUserConfiguration(ObservationOnlyConfiguration.class)
			.run((context) -> assertThat(context).hasNotFailed().hasSingleBean(Client.class));
	}

	@Test
	void infoShowsTheConfigurationWithoutSecrets() {
		this.contextRunner.run((context) -> {
			Info.Builder builder = new Info.Builder();
			context.getBean("discordInfoContributor", InfoContributor.class).contribute(builder);
			@SuppressWarnings("unchecked")
			Map<String, Object> details = (Map<String, Object>) builder.build().getDetails().get("discord");
			assertThat(details).containsEntry("client-id", Long.toString(discord.fake().clientId()))
				.containsEntry("base-url", discord.fake().baseUrl())
				.containsEntry("bot-token-set", true)
				.containsEntry("pkce", true)
				.containsKeys("scopes", "redirect-uri");
			assertThat(details.toString()).doesNotContain(discord.fake().clientSecret())
				.doesNotContain("bot-secret-value");
		});
	}

	private static void assertCallsObserved(Client client, TestObservationRegistry observations) {
		FakeDiscord.Tokens tokens = discord.fake()
			.createToken(DemoData.USER_ID, Set.of("identify", "guilds.members.read"));
		PartialAccessToken token = client.fromAccessToken(tokens.accessToken());

		token.fetchIdentify();
		token.fetchGuildMember(DemoData.MEMBER_GUILD_ID);

		TestObservationRegistryAssert.assertThat(observations)
			.hasNumberOfObservationsWithNameEqualTo("http.client.requests", 2)
			.hasAnObservation((observation) -> observation.hasLowCardinalityKeyValue("uri", "/api/v10/users/@me")
				.hasLowCardinalityKeyValue("method", "GET")
				.hasLowCardinalityKeyValue("status", "200")
				.hasLowCardinalityKeyValue("outcome", "SUCCESS"))
			.hasAnObservation((observation) -> observation.hasLowCardinalityKeyValue("uri",
					"/api/v10/users/@me/guilds/{guild_id}/member"))
			.hasHandledContextsThatSatisfy((contexts) -> assertThat(contexts)
				.allSatisfy((context) -> assertThat(context.getAllKeyValues().toString())
					.doesNotContain(Long.toString(DemoData.MEMBER_GUILD_ID))
					.doesNotContain(tokens.accessToken())));
	}

	@Configuration(proxyBeanMethods = false)
	static class RegistriesConfiguration {

		@Bean
		TestObservationRegistry observationRegistry() {
			return TestObservationRegistry.create();
		}

		@Bean
		SimpleMeterRegistry meterRegistry() {
			return new SimpleMeterRegistry();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ObservationOnlyConfiguration {

		@Bean
		TestObservationRegistry observationRegistry() {
			return TestObservationRegistry.create();
		}

	}

}
