/**
 * Spring Boot auto-configuration for Discord OAuth2: the {@code discord.oauth2.*}
 * properties, the core {@code Client} bean, "Login with Discord" through Spring Security
 * and {@code AccessToken} controller arguments.
 */
@NullMarked
package io.github.discordoauth2.autoconfigure;

import org.jspecify.annotations.NullMarked;
