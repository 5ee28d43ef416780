/**
 * Auto-configuration of Discord login for servlet (Spring MVC) applications: the client
 * registration, the default security filter chain, the authorized client repository and
 * manager, and {@code AccessToken} controller arguments.
 */
@NullMarked
package io.github.discordoauth2.autoconfigure.servlet;

import org.jspecify.annotations.NullMarked;
