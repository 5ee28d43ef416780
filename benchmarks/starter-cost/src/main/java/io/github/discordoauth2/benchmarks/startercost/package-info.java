/**
 * The starter's cost: a minimal web application started with and without the Discord
 * starter on its class path. Run with {@code benchmarks/run.sh starter}.
 */
@NullMarked
package io.github.discordoauth2.benchmarks.startercost;

import org.jspecify.annotations.NullMarked;
