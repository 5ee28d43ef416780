/**
 * The Spring MVC application with Discord login set up by hand.
 */
@NullMarked
package io.github.discordoauth2.benchmarks.requestcost.byhand.servlet;

import org.jspecify.annotations.NullMarked;
