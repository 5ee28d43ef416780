/**
 * Spring Security adapters for Discord, the same on both web stacks: the client
 * registration, token exchange and refresh through the core {@code Client}, the
 * {@link io.github.discordoauth2.security.DiscordOAuth2User} principal and the
 * {@link io.github.discordoauth2.security.DiscordLoginEvent}. The web layers are in
 * {@code security.web} (servlet) and {@code security.web.server} (reactive).
 */
@NullMarked
package io.github.discordoauth2.security;

import org.jspecify.annotations.NullMarked;
