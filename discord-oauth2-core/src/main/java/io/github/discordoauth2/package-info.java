/**
 * Discord OAuth2 client: build authorization URLs, exchange and refresh tokens, call the
 * user endpoints, add users to guilds and manage linked roles. Start at
 * {@link io.github.discordoauth2.Client#builder()}.
 */
@NullMarked
package io.github.discordoauth2;

import org.jspecify.annotations.NullMarked;
