/**
 * Demo application for the discord-oauth2 Spring Boot starter: Login with Discord,
 * profile, guilds, connections, joining a server and linked roles, runnable without a
 * Discord application thanks to an embedded FakeDiscord.
 */
@NullMarked
package io.github.discordoauth2.samples.demo;

import org.jspecify.annotations.NullMarked;
