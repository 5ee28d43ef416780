package io.github.discordoauth2.autoconfigure.servlet;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.github.discordoauth2.autoconfigure.ConditionalOnDiscordClientId;
import io.github.discordoauth2.autoconfigure.DiscordOAuth2LoginPrerequisitesAutoConfiguration;
import io.github.discordoauth2.autoconfigure.DiscordOAuth2Properties;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.oauth2.client.registration.ClientRegistration;

/**
 * Matches when "Login with Discord" is on: a servlet web application with Spring
 * Security's OAuth2 client and Spring Boot's security module on the classpath,
 * {@code discord.oauth2.client-id} set and {@code discord.oauth2.login.enabled} not
 * {@code false}.
 *
 * @since 0.1.0
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.TYPE, ElementType.METHOD })
@Documented
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(value = { ClientRegistration.class, EnableWebSecurity.class },
		name = DiscordOAuth2LoginPrerequisitesAutoConfiguration.BOOT_SECURITY)
@ConditionalOnDiscordClientId
@ConditionalOnBooleanProperty(name = DiscordOAuth2Properties.PREFIX + ".login.enabled", matchIfMissing = true)
public @interface ConditionalOnDiscordLogin {

}
