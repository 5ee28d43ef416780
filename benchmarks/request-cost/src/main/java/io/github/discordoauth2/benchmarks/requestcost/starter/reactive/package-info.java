/**
 * The WebFlux application on the starter.
 */
@NullMarked
package io.github.discordoauth2.benchmarks.requestcost.starter.reactive;

import org.jspecify.annotations.NullMarked;
