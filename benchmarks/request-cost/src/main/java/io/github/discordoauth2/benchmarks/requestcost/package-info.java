/**
 * What a controller's {@code AccessToken} and a login cost: the starter's applications
 * against Spring Security's {@code oauth2Login()} set up by hand, on Spring MVC and
 * WebFlux, each in its own JVM, loaded by wrk and measured in interleaved rounds. Run
 * with {@code benchmarks/run.sh requestcost}.
 */
@NullMarked
package io.github.discordoauth2.benchmarks.requestcost;

import org.jspecify.annotations.NullMarked;
