/**
 * FakeDiscord: an in-process emulator of Discord's OAuth2 and REST API for tests, demos
 * and manual runs, written from Discord's documentation and independent of the client
 * library it checks.
 *
 * <p>
 * Start one with {@link io.github.discordoauth2.test.FakeDiscord#builder()}, or use
 * {@link io.github.discordoauth2.test.FakeDiscordExtension} in JUnit 5 tests.
 */
@NullMarked
package io.github.discordoauth2.test;

import org.jspecify.annotations.NullMarked;
