package io.github.discordoauth2.autoconfigure.reactive;

import java.time.Clock;

import io.github.discordoauth2.Client;
import io.github.discordoauth2.autoconfigure.ConditionalOnDiscordAuthorities;
import io.github.discordoauth2.autoconfigure.DiscordAuthoritiesProperties;
import io.github.discordoauth2.autoconfigure.DiscordOAuth2Properties;
import io.github.discordoauth2.autoconfigure.servlet.DiscordOAuth2AuthoritiesAutoConfiguration;
import io.github.discordoauth2.security.DiscordAuthorities;
import io.github.discordoauth2.security.ReactiveDiscordStandingReader;
import io.github.discordoauth2.security.web.server.DiscordServerLoginConfigurer;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of Discord servers and roles as authorities in a WebFlux
 * application: the reactive twin of {@link DiscordOAuth2AuthoritiesAutoConfiguration},
 * with the same properties, the same {@link DiscordAuthorities} policy and a
 * {@link ReactiveDiscordStandingReader}. The filter that keeps them fresh is added by
 * {@link DiscordServerLoginConfigurer}.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = DiscordOAuth2ReactiveLoginAutoConfiguration.class)
@ConditionalOnDiscordReactiveLogin
@ConditionalOnDiscordAuthorities
@ConditionalOnBean(Client.class)
@EnableConfigurationProperties({ DiscordOAuth2Properties.class, DiscordAuthoritiesProperties.class })
public final class DiscordOAuth2ReactiveAuthoritiesAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	DiscordAuthorities discordAuthorities(DiscordOAuth2Properties properties,
			DiscordAuthoritiesProperties authoritiesProperties, ApplicationEventPublisher events) {
		return new DiscordAuthorities(authoritiesProperties.policy(properties), properties.getRegistrationId(),
				properties.getLogin().getJoinGuilds(), Clock.systemUTC(), events);
	}

	@Bean
	@ConditionalOnMissingBean
	ReactiveDiscordStandingReader reactiveDiscordStandingReader(DiscordAuthorities authorities) {
		return new ReactiveDiscordStandingReader(authorities.policy().guilds());
	}

}
