package io.github.discordoauth2.autoconfigure.servlet;

import java.time.Clock;

import io.github.discordoauth2.Client;
import io.github.discordoauth2.autoconfigure.ConditionalOnDiscordAuthorities;
import io.github.discordoauth2.autoconfigure.DiscordAuthoritiesProperties;
import io.github.discordoauth2.autoconfigure.DiscordOAuth2Properties;
import io.github.discordoauth2.security.DiscordAuthorities;
import io.github.discordoauth2.security.DiscordStandingReader;
import io.github.discordoauth2.security.web.DiscordOAuth2LoginConfigurer;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of Discord servers and roles as authorities in a servlet
 * application, when {@code discord.oauth2.authorities.*} or
 * {@code discord.oauth2.login.required-guilds} / {@code join-guilds} is set: the
 * {@link DiscordAuthorities} policy (checked against the login's scopes at startup) and
 * the {@link DiscordStandingReader}. The Discord user service uses them at login; the
 * filter that keeps them fresh is added by {@link DiscordOAuth2LoginConfigurer}, in the
 * default chain and in the application's own.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = DiscordOAuth2LoginAutoConfiguration.class)
@ConditionalOnDiscordLogin
@ConditionalOnDiscordAuthorities
@ConditionalOnBean(Client.class)
@EnableConfigurationProperties({ DiscordOAuth2Properties.class, DiscordAuthoritiesProperties.class })
public final class DiscordOAuth2AuthoritiesAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	DiscordAuthorities discordAuthorities(DiscordOAuth2Properties properties,
			DiscordAuthoritiesProperties authoritiesProperties, ApplicationEventPublisher events) {
		return new DiscordAuthorities(authoritiesProperties.policy(properties), properties.getRegistrationId(),
				properties.getLogin().getJoinGuilds(), Clock.systemUTC(), events);
	}

	@Bean
	@ConditionalOnMissingBean
	DiscordStandingReader discordStandingReader(DiscordAuthorities authorities) {
		return new DiscordStandingReader(authorities.policy().guilds());
	}

}
