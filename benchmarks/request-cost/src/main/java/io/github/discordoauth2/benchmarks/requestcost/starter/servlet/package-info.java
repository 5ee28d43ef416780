/**
 * The Spring MVC application on the starter.
 */
@NullMarked
package io.github.discordoauth2.benchmarks.requestcost.starter.servlet;

import org.jspecify.annotations.NullMarked;
