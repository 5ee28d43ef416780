package io.github.discordoauth2.autoconfigure;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.context.annotation.Conditional;

/**
 * Matches when {@code discord.oauth2.client-id} has text. An empty value (e.g. from
 * {@code ${DISCORD_CLIENT_ID:}}) counts as not set, so the starter then simply stays off.
 *
 * @since 0.1.0
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.TYPE, ElementType.METHOD })
@Documented
@Conditional(OnDiscordClientIdCondition.class)
public @interface ConditionalOnDiscordClientId {

}
