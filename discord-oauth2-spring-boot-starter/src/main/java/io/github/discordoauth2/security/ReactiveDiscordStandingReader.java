package io.github.discordoauth2.security;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.discordoauth2.JoinGuildOptions;
import io.github.discordoauth2.ReactivePartialAccessToken;
import io.github.discordoauth2.Scopes;
import io.github.discordoauth2.exceptions.HttpException;
import io.github.discordoauth2.model.PartialGuild;
import io.github.discordoauth2.security.DiscordAuthoritiesPolicy.Outcome;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.util.Assert;

/**
 * The non-blocking twin of {@link DiscordStandingReader}: the same requests and the same
 * meaning of Discord's answers, through the reactive core client.
 *
 * @since 0.1.0
 */
public final class ReactiveDiscordStandingReader {

	private final DiscordStandingReader rules;

	/**
	 * Creates the reader.
	 * @param guilds the servers to check
	 */
	public ReactiveDiscordStandingReader(Collection<Long> guilds) {
		Assert.notNull(guilds, "guilds must not be null");
		this.rules = new DiscordStandingReader(guilds);
	}

	/**
	 * Reads the user's standing in the checked servers.
	 * @param token the user's token
	 * @param scopes the scopes the token was granted
	 * @return the outcome, never an error signal: see
	 * {@link DiscordStandingReader#read(io.github.discordoauth2.PartialAccessToken, Set)}
	 */
	public Mono<Outcome> read(ReactivePartialAccessToken token, Set<String> scopes) {
		List<Long> guilds = this.rules.guilds();
		Mono<DiscordStanding> standing;
		if (scopes.contains(Scopes.GUILDS_MEMBERS_READ)) {
			standing = Flux.fromIterable(guilds)
				.concatMap((guild) -> token.fetchGuildMember(guild)
					.map((member) -> Map.entry(guild, Set.copyOf(member.roles())))
					.onErrorResume(HttpException.class,
							(ex) -> DiscordStandingReader.isNotAMember(ex) ? Mono.empty() : Mono.error(ex)))
				.collectList()
				.map((entries) -> {
					Map<Long, Set<Long>> memberships = new LinkedHashMap<>();
					entries.forEach((entry) -> memberships.put(entry.getKey(), entry.getValue()));
					return new DiscordStanding(memberships, true);
				});
		}
		else if (scopes.contains(Scopes.GUILDS)) {
			standing = token.fetchGuilds()
				.map(PartialGuild::id)
				.collectList()
				.map((ids) -> DiscordStandingReader.fromGuilds(guilds, ids));
		}
		else {
			return Mono.just(Outcome.notGranted());
		}
		return standing.map(Outcome::of).onErrorResume((ex) -> Mono.just(DiscordStandingReader.failure(ex)));
	}

	/**
	 * Adds the user to servers with the application's bot token, one after another; a
	 * failure is logged and does not stop the login.
	 * @param token the user's token, from the login
	 * @param userId the user's ID
	 * @param guilds the servers to join
	 * @return completes when every join was tried
	 */
	public Mono<Void> joinGuilds(ReactivePartialAccessToken token, long userId, Collection<Long> guilds) {
		return Flux.fromIterable(guilds)
			.concatMap((guild) -> token.joinGuild(guild, userId, JoinGuildOptions.none()).onErrorResume((ex) -> {
				DiscordStandingReader.logJoinFailure(userId, guild, ex);
				return Mono.empty();
			}))
			.then();
	}

}
