package io.github.discordoauth2.autoconfigure.reactive;

import java.util.List;

import io.github.discordoauth2.autoconfigure.DiscordOAuth2ClientAutoConfiguration;
import io.github.discordoauth2.autoconfigure.DiscordOAuth2ConfigurationException;
import io.github.discordoauth2.autoconfigure.DiscordOAuth2TokenStoreAutoConfiguration;
import io.github.discordoauth2.autoconfigure.servlet.DiscordOAuth2AuthoritiesAutoConfiguration;
import io.github.discordoauth2.security.DiscordAuthorities;
import io.github.discordoauth2.security.DiscordStandingReader;
import io.github.discordoauth2.security.ReactiveDiscordStandingReader;
import io.github.discordoauth2.support.BlockHoundSupport;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.reactive.ReactiveWebSecurityAutoConfiguration;
import org.springframework.boot.security.oauth2.client.autoconfigure.reactive.ReactiveOAuth2ClientAutoConfiguration;
import org.springframework.boot.security.oauth2.client.autoconfigure.reactive.ReactiveOAuth2ClientWebSecurityAutoConfiguration;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.webflux.autoconfigure.WebFluxAutoConfiguration;
import org.springframework.security.web.server.SecurityWebFilterChain;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Specification of {@link DiscordOAuth2ReactiveAuthoritiesAutoConfiguration}: the same
 * properties and startup checks as on the servlet stack, a reactive reader, and the
 * default WebFlux chain keeping the authorities fresh.
 */
@Tag("reactive")
class ReactiveDiscordAuthoritiesAutoConfigurationTests {

	static {
		BlockHoundSupport.install();
	}

	private final ReactiveWebApplicationContextRunner contextRunner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DiscordOAuth2ClientAutoConfiguration.class,
				DiscordOAuth2ReactiveClientAutoConfiguration.class, DiscordOAuth2ReactiveLoginAutoConfiguration.class,
				DiscordOAuth2ReactiveAuthoritiesAutoConfiguration.class,
				DiscordOAuth2ReactiveAuthorizedClientAutoConfiguration.class,
				DiscordOAuth2ReactiveWebSecurityAutoConfiguration.class,
				DiscordOAuth2AuthoritiesAutoConfiguration.class, DiscordOAuth2TokenStoreAutoConfiguration.class,
				SecurityAutoConfiguration.class, ReactiveWebSecurityAutoConfiguration.class,
				ReactiveOAuth2ClientAutoConfiguration.class, ReactiveOAuth2ClientWebSecurityAutoConfiguration.class,
				WebFluxAutoConfiguration.class))
		.withPropertyValues("discord.oauth2.client-id=1100000000000000001", "discord.oauth2.client-secret=s3cret",
				"discord.oauth2.base-url=http://127.0.0.1:8090");

	@Test
	void serversBecomeAPolicyWithAReactiveReaderAndTheDefaultChainKeepsThemFresh() {
		this.contextRunner
			.withPropertyValues("discord.oauth2.scopes=identify,guilds.members.read",
					"discord.oauth2.authorities.guilds=1100000000000000201",
					"discord.oauth2.authorities.roles.1100000000000000301=ROLE_MODERATOR")
			.run((context) -> {
				assertThat(context).hasSingleBean(DiscordAuthorities.class)
					.hasSingleBean(ReactiveDiscordStandingReader.class)
					.doesNotHaveBean(DiscordStandingReader.class);
				List<String> filters = context.getBean(SecurityWebFilterChain.class)
					.getWebFilters()
					.map((filter) -> filter.getClass().getSimpleName())
					.collectList()
					.block();
				assertThat(filters).containsSubsequence("DiscordAuthoritiesWebFilter", "AuthorizationWebFilter");
				assertThat(filters).contains("DiscordLoginPageReasonWebFilter");
			});
	}

	@Test
	void withoutServersNothingIsAdded() {
		this.contextRunner.withPropertyValues("discord.oauth2.scopes=identify,guilds")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(DiscordAuthorities.class));
	}

	@Test
	void rolesWithoutGuildsMembersReadStopStartupNamingTheScope() {
		this.contextRunner
			.withPropertyValues("discord.oauth2.scopes=identify,guilds", "discord.oauth2.bot-token=bot-token",
					"discord.oauth2.authorities.guilds=1100000000000000201",
					"discord.oauth2.authorities.roles.1100000000000000301=ROLE_MODERATOR")
			.run((context) -> {
				assertThat(context).hasFailed();
				Throwable cause = context.getStartupFailure();
				while (cause != null && !(cause instanceof DiscordOAuth2ConfigurationException)) {
					cause = cause.getCause();
				}
				assertThat(cause).isInstanceOfSatisfying(DiscordOAuth2ConfigurationException.class,
						(ex) -> assertThat(ex.getMessage()).contains("guilds.members.read"));
			});
	}

}
