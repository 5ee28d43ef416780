/**
 * WebFlux demo application for the discord-oauth2 Spring Boot starter: Login with Discord
 * and the user's name and servers fetched through a {@code ReactiveAccessToken}, runnable
 * without a Discord application thanks to an embedded FakeDiscord.
 */
@NullMarked
package io.github.discordoauth2.samples.webflux;

import org.jspecify.annotations.NullMarked;
