/**
 * The Spring Boot application that the Boot-app benchmark starts.
 */
@NullMarked
package io.github.discordoauth2.benchmarks.bootapp;

import org.jspecify.annotations.NullMarked;
