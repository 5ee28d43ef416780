package io.github.discordoauth2.autoconfigure;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.context.annotation.Conditional;

/**
 * Matches when Discord servers take part in the login: any of
 * {@code discord.oauth2.authorities.guilds}, {@code discord.oauth2.authorities.roles},
 * {@code discord.oauth2.login.required-guilds} or
 * {@code discord.oauth2.login.join-guilds} is set and not empty.
 *
 * @since 0.1.0
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.TYPE, ElementType.METHOD })
@Documented
@Conditional(OnDiscordAuthoritiesCondition.class)
public @interface ConditionalOnDiscordAuthorities {

}
