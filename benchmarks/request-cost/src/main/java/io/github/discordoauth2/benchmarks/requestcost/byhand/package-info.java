/**
 * Discord's registration as a user without the starter builds it.
 */
@NullMarked
package io.github.discordoauth2.benchmarks.requestcost.byhand;

import org.jspecify.annotations.NullMarked;
