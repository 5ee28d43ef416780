package io.github.discordoauth2.autoconfigure;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import io.github.discordoauth2.autoconfigure.servlet.DiscordOAuth2AuthoritiesAutoConfiguration;
import io.github.discordoauth2.autoconfigure.servlet.DiscordOAuth2AuthorizedClientAutoConfiguration;
import io.github.discordoauth2.autoconfigure.servlet.DiscordOAuth2LoginAutoConfiguration;
import io.github.discordoauth2.autoconfigure.servlet.DiscordOAuth2WebSecurityAutoConfiguration;
import io.github.discordoauth2.security.DiscordAuthorities;
import io.github.discordoauth2.security.DiscordAuthoritiesPolicy;
import io.github.discordoauth2.security.DiscordStandingReader;
import jakarta.servlet.Filter;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.security.oauth2.client.autoconfigure.OAuth2ClientAutoConfiguration;
import org.springframework.boot.security.oauth2.client.autoconfigure.servlet.OAuth2ClientWebSecurityAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableWebApplicationContext;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.ui.DefaultLoginPageGeneratingFilter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Specification of {@link DiscordOAuth2AuthoritiesAutoConfiguration}: on only when
 * servers take part, the properties checked against the login's scopes at startup (the
 * bot token never standing in for a scope), and the default chain keeping the authorities
 * fresh.
 */
class DiscordOAuth2AuthoritiesAutoConfigurationTests {

	private static final String[] DISCORD = { "discord.oauth2.client-id=1100000000000000001",
			"discord.oauth2.client-secret=s3cret", "discord.oauth2.base-url=http://127.0.0.1:8090" };

	private static final String GUILD = "1100000000000000201";

	private static final String ROLE = "1100000000000000301";

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DiscordOAuth2ClientAutoConfiguration.class,
				DiscordOAuth2LoginAutoConfiguration.class, DiscordOAuth2AuthoritiesAutoConfiguration.class,
				DiscordOAuth2TokenStoreAutoConfiguration.class, DiscordOAuth2AuthorizedClientAutoConfiguration.class,
				DiscordOAuth2WebSecurityAutoConfiguration.class, SecurityAutoConfiguration.class,
				ServletWebSecurityAutoConfiguration.class, OAuth2ClientAutoConfiguration.class,
				OAuth2ClientWebSecurityAutoConfiguration.class))
		.withPropertyValues(DISCORD);

	@Test
	void withoutServersNothingIsAddedAndTheChainIsAsBefore() {
		this.contextRunner.withPropertyValues("discord.oauth2.scopes=identify,guilds.members.read").run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).doesNotHaveBean(DiscordAuthorities.class);
			assertThat(chainFilters(context)).doesNotContain("DiscordAuthoritiesFilter",
					"DiscordLoginPageReasonFilter");
		});
	}

	@Test
	void serversAndRolesBecomeAPolicyAndTheDefaultChainKeepsThemFreshBeforeAuthorization() {
		this.contextRunner
			.withPropertyValues("discord.oauth2.scopes=identify,guilds.members.read",
					"discord.oauth2.authorities.guilds=" + GUILD,
					"discord.oauth2.authorities.roles." + ROLE + "=ROLE_MODERATOR",
					"discord.oauth2.login.required-guilds=1100000000000000200",
					"discord.oauth2.authorities.refresh-interval=90s", "discord.oauth2.authorities.on-failure=deny",
					"discord.oauth2.authorities.max-stale=10m")
			.run((context) -> {
				assertThat(context).hasSingleBean(DiscordAuthorities.class).hasSingleBean(DiscordStandingReader.class);
				DiscordAuthoritiesPolicy policy = context.getBean(DiscordAuthorities.class).policy();
				assertThat(policy.guilds()).containsExactly(Long.parseLong(GUILD), 1100000000000000200L);
				assertThat(policy.requiredGuilds()).containsExactly(1100000000000000200L);
				assertThat(policy.roleAuthorities()).containsEntry(Long.parseLong(ROLE), "ROLE_MODERATOR");
				assertThat(policy.refreshInterval()).isEqualTo(Duration.ofSeconds(90));
				assertThat(policy.onFailure()).isEqualTo(DiscordAuthoritiesPolicy.OnFailure.DENY);
				assertThat(policy.maxStale()).isEqualTo(Duration.ofMinutes(10));
				List<String> filters = chainFilters(context);
				assertThat(filters).containsSubsequence("DiscordAuthoritiesFilter",
						AuthorizationFilter.class.getSimpleName());
				assertThat(filters).containsSubsequence("DiscordLoginPageReasonFilter",
						DefaultLoginPageGeneratingFilter.class.getSimpleName());
			});
	}

	@Test
	void theDefaultsAreFiveMinutesAndKeepForAnHour() {
		this.contextRunner
			.withPropertyValues("discord.oauth2.scopes=identify,guilds", "discord.oauth2.authorities.guilds=" + GUILD)
			.run((context) -> {
				DiscordAuthoritiesPolicy policy = context.getBean(DiscordAuthorities.class).policy();
				assertThat(policy.refreshInterval()).isEqualTo(Duration.ofMinutes(5));
				assertThat(policy.onFailure()).isEqualTo(DiscordAuthoritiesPolicy.OnFailure.KEEP);
				assertThat(policy.maxStale()).isEqualTo(Duration.ofHours(1));
			});
	}

	@Test
	void rolesWithoutGuildsMembersReadStopStartupNamingTheScopeEvenWithABotToken() {
		this.contextRunner
			.withPropertyValues("discord.oauth2.scopes=identify,guilds", "discord.oauth2.bot-token=bot-token",
					"discord.oauth2.authorities.guilds=" + GUILD,
					"discord.oauth2.authorities.roles." + ROLE + "=ROLE_MODERATOR")
			.run((context) -> assertConfigurationFailure(context, "discord.oauth2.authorities.roles",
					"guilds.members.read"));
	}

	@Test
	void serversWithoutEitherScopeStopStartup() {
		this.contextRunner
			.withPropertyValues("discord.oauth2.scopes=identify", "discord.oauth2.bot-token=bot-token",
					"discord.oauth2.authorities.guilds=" + GUILD)
			.run((context) -> assertConfigurationFailure(context, "discord.oauth2.authorities.guilds",
					"neither guilds.members.read nor guilds"));
		this.contextRunner
			.withPropertyValues("discord.oauth2.scopes=identify", "discord.oauth2.login.required-guilds=" + GUILD)
			.run((context) -> assertConfigurationFailure(context, "discord.oauth2.login.required-guilds",
					"neither guilds.members.read nor guilds"));
	}

	@Test
	void rolesWithoutAServerToReadThemInStopStartup() {
		this.contextRunner
			.withPropertyValues("discord.oauth2.scopes=identify,guilds.members.read",
					"discord.oauth2.authorities.roles." + ROLE + "=ROLE_MODERATOR")
			.run((context) -> assertConfigurationFailure(context, "discord.oauth2.authorities.roles",
					"no server is listed"));
	}

	@Test
	void joiningServersNeedsGuildsJoinAndTheBotToken() {
		this.contextRunner
			.withPropertyValues("discord.oauth2.scopes=identify,guilds", "discord.oauth2.bot-token=bot-token",
					"discord.oauth2.login.join-guilds=" + GUILD)
			.run((context) -> assertConfigurationFailure(context, "discord.oauth2.login.join-guilds", "guilds.join"));
		this.contextRunner
			.withPropertyValues("discord.oauth2.scopes=identify,guilds.join",
					"discord.oauth2.login.join-guilds=" + GUILD)
			.run((context) -> assertConfigurationFailure(context, "discord.oauth2.login.join-guilds",
					"bot-token is not set"));
		this.contextRunner
			.withPropertyValues("discord.oauth2.scopes=identify,guilds.join", "discord.oauth2.bot-token=bot-token",
					"discord.oauth2.login.join-guilds=" + GUILD)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(DiscordAuthorities.class).joinGuilds())
					.containsExactly(Long.parseLong(GUILD));
				assertThat(context.getBean(DiscordAuthorities.class).checksGuilds()).isFalse();
				assertThat(chainFilters(context)).doesNotContain("DiscordAuthoritiesFilter");
			});
	}

	@Test
	void anIntervalThatIsNotPositiveStopsStartup() {
		this.contextRunner
			.withPropertyValues("discord.oauth2.scopes=identify,guilds", "discord.oauth2.authorities.guilds=" + GUILD,
					"discord.oauth2.authorities.refresh-interval=0s")
			.run((context) -> assertConfigurationFailure(context, "discord.oauth2.authorities.refresh-interval",
					"must be positive"));
	}

	@Test
	void theApplicationsOwnDiscordAuthoritiesWins() {
		this.contextRunner.withUserConfiguration(OwnAuthorities.class)
			.withPropertyValues("discord.oauth2.scopes=identify,guilds", "discord.oauth2.authorities.guilds=" + GUILD)
			.run((context) -> {
				assertThat(context).hasSingleBean(DiscordAuthorities.class);
				assertThat(context.getBean(DiscordAuthorities.class)).isSameAs(context.getBean("ownAuthorities"));
			});
	}

	private static void assertConfigurationFailure(AssertableWebApplicationContext context, String property,
			String problem) {
		assertThat(context).hasFailed();
		Throwable cause = context.getStartupFailure();
		while (cause != null && !(cause instanceof DiscordOAuth2ConfigurationException)) {
			cause = cause.getCause();
		}
		assertThat(cause).isInstanceOfSatisfying(DiscordOAuth2ConfigurationException.class, (ex) -> {
			assertThat(ex.property()).isEqualTo(property);
			assertThat(ex.getMessage()).contains(problem);
		});
	}

	private static List<String> chainFilters(AssertableWebApplicationContext context) {
		return context.getBean(SecurityFilterChain.class)
			.getFilters()
			.stream()
			.map(Filter::getClass)
			.map(Class::getSimpleName)
			.toList();
	}

	@Configuration(proxyBeanMethods = false)
	static class OwnAuthorities {

		@Bean
		DiscordAuthorities ownAuthorities(ApplicationEventPublisher events) {
			return new DiscordAuthorities(DiscordAuthoritiesPolicy.builder().guilds(List.of(1L)).build(), "discord",
					List.of(), Clock.systemUTC(), events);
		}

	}

}
