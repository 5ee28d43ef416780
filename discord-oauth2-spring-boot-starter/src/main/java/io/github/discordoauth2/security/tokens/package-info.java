/**
 * Where users' Discord tokens live and how they stay current, on either web stack: the
 * {@link io.github.discordoauth2.security.tokens.DiscordTokenStore} (JDBC or memory),
 * {@link io.github.discordoauth2.security.tokens.DiscordTokens} (the one place that
 * refreshes a stored token), account links, and the events of a token's life.
 */
@NullMarked
package io.github.discordoauth2.security.tokens;

import org.jspecify.annotations.NullMarked;
