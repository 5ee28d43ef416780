/**
 * Auto-configuration of Discord login for reactive (Spring WebFlux) applications: the
 * {@code ReactiveClient} bean, the client registration, the default security web filter
 * chain, the reactive authorized client repository and manager, and
 * {@code ReactiveAccessToken} controller arguments.
 */
@NullMarked
package io.github.discordoauth2.autoconfigure.reactive;

import org.jspecify.annotations.NullMarked;
