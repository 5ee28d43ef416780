/**
 * The WebFlux application with Discord login set up by hand.
 */
@NullMarked
package io.github.discordoauth2.benchmarks.requestcost.byhand.reactive;

import org.jspecify.annotations.NullMarked;
