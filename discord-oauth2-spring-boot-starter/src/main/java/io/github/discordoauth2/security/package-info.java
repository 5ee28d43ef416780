/**
 * Spring Security integration for Discord: the client registration, token exchange and
 * refresh through the core {@code Client}, the
 * {@link io.github.discordoauth2.security.DiscordOAuth2User} principal, the
 * {@link io.github.discordoauth2.security.DiscordLoginEvent}, {@code AccessToken}
 * controller arguments and
 * {@link io.github.discordoauth2.security.DiscordOAuth2LoginConfigurer} for an
 * application's own filter chain.
 */
@NullMarked
package io.github.discordoauth2.security;

import org.jspecify.annotations.NullMarked;
