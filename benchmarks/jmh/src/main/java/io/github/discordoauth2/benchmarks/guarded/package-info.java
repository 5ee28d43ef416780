/**
 * The Spring Boot application that the authorities benchmark starts, with and without
 * Discord servers and roles as authorities.
 */
@NullMarked
package io.github.discordoauth2.benchmarks.guarded;

import org.jspecify.annotations.NullMarked;
