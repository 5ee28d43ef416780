/**
 * WebFlux: {@code discordLogin()} for WebTestClient.
 */
@NullMarked
package io.github.discordoauth2.test.web.reactive;

import org.jspecify.annotations.NullMarked;
