/**
 * Discord login on the reactive stack: the configurer for an application's own
 * {@code SecurityWebFilterChain}, the server authorized client repository, the logout
 * handler and {@code ReactiveAccessToken} controller arguments.
 */
@NullMarked
package io.github.discordoauth2.security.web.server;

import org.jspecify.annotations.NullMarked;
