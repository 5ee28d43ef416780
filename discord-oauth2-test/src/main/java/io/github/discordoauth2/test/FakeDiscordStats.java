package io.github.discordoauth2.test;

/**
 * Counters since start (or the last {@link FakeDiscord#resetStats()}).
 *
 * @param requests every request received
 * @param rateLimited answers with status 429
 * @param invalidRequests answers with status 401, 403 or 429, the ones Discord counts
 * toward its IP ban
 * @since 0.1.0
 */
public record FakeDiscordStats(long requests, long rateLimited, long invalidRequests) {
}
