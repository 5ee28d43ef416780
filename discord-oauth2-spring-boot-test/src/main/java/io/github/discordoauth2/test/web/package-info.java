/**
 * Test support for applications on the starter: who a test logs in as with Discord
 * ({@link io.github.discordoauth2.test.web.DiscordLoginSpec}) and a scripted browser for
 * full-stack tests against FakeDiscord
 * ({@link io.github.discordoauth2.test.web.DiscordTestBrowser}).
 */
@NullMarked
package io.github.discordoauth2.test.web;

import org.jspecify.annotations.NullMarked;
