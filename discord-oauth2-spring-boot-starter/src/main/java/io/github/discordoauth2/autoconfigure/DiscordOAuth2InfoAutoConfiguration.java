package io.github.discordoauth2.autoconfigure;

import java.util.LinkedHashMap;
import java.util.Map;

import io.github.discordoauth2.Client;
import io.github.discordoauth2.Prompt;

import org.springframework.boot.actuate.info.InfoContributor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * With Spring Boot Actuator, shows the Discord configuration under {@code discord} in the
 * {@code info} endpoint: client id, base URL, scopes, redirect URI, PKCE, prompt, and
 * whether a bot token is set, never a secret or token. Deliberately no health indicator:
 * a probe that calls Discord would spend rate limit and report Discord's state as the
 * application's.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = DiscordOAuth2ClientAutoConfiguration.class)
@ConditionalOnClass({ Client.class, InfoContributor.class })
@ConditionalOnBean(Client.class)
public final class DiscordOAuth2InfoAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = "discordInfoContributor")
	InfoContributor discordInfoContributor(DiscordOAuth2Properties properties) {
		return (builder) -> builder.withDetail("discord", details(properties));
	}

	static Map<String, Object> details(DiscordOAuth2Properties properties) {
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("client-id", Long.toString(properties.clientIdAsLong()));
		details.put("base-url", properties.getBaseUrl());
		details.put("scopes", properties.scopeList());
		details.put("redirect-uri", properties.getRedirectUri());
		details.put("pkce", properties.usePkce());
		Prompt prompt = properties.getPrompt();
		if (prompt != null) {
			details.put("prompt", prompt.value());
		}
		details.put("registration-id", properties.getRegistrationId());
		details.put("login-enabled", properties.getLogin().isEnabled());
		String botToken = properties.getBotToken();
		details.put("bot-token-set", botToken != null && !botToken.isBlank());
		return details;
	}

}
