/**
 * Discord login on the servlet stack: the configurer for an application's own
 * {@code SecurityFilterChain}, "Connect Discord" for local accounts, the authorized
 * client repository, logout handlers and {@code AccessToken} controller arguments.
 */
@NullMarked
package io.github.discordoauth2.security.web;

import org.jspecify.annotations.NullMarked;
