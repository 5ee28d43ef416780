package io.github.discordoauth2.autoconfigure.reactive;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.github.discordoauth2.autoconfigure.ConditionalOnDiscordClientId;
import io.github.discordoauth2.autoconfigure.DiscordOAuth2LoginPrerequisitesAutoConfiguration;
import io.github.discordoauth2.autoconfigure.DiscordOAuth2Properties;
import io.github.discordoauth2.autoconfigure.servlet.ConditionalOnDiscordLogin;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.oauth2.client.registration.ClientRegistration;

/**
 * Matches when "Login with Discord" is on in a WebFlux application: a reactive web
 * application with Spring Security's OAuth2 client and Spring Boot's security module on
 * the classpath, {@code discord.oauth2.client-id} set and
 * {@code discord.oauth2.login.enabled} not {@code false}; the reactive twin of
 * {@link ConditionalOnDiscordLogin}.
 *
 * @since 0.1.0
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.TYPE, ElementType.METHOD })
@Documented
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@ConditionalOnClass(value = { ClientRegistration.class, EnableWebFluxSecurity.class },
		name = { DiscordOAuth2LoginPrerequisitesAutoConfiguration.BOOT_SECURITY, "reactor.core.publisher.Mono" })
@ConditionalOnDiscordClientId
@ConditionalOnBooleanProperty(name = DiscordOAuth2Properties.PREFIX + ".login.enabled", matchIfMissing = true)
public @interface ConditionalOnDiscordReactiveLogin {

}
