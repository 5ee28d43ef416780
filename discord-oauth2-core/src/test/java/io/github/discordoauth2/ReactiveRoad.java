package io.github.discordoauth2;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import io.github.discordoauth2.model.Application;
import io.github.discordoauth2.model.AuthorizationInfo;
import io.github.discordoauth2.model.Connection;
import io.github.discordoauth2.model.GuildMember;
import io.github.discordoauth2.model.PartialGuild;
import io.github.discordoauth2.model.RoleConnection;
import io.github.discordoauth2.model.RoleConnectionMetadata;
import io.github.discordoauth2.model.User;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The non-blocking road for the contract suites: each call is made on the
 * {@link ReactiveClient} of the given {@link Client} (one per client, as an application
 * makes it) or on the reactive twin of the given token, and the test's thread waits for
 * its outcome with {@code block()}. The test's thread is no Reactor thread, so BlockHound
 * lets it wait, and still catches any blocking call on the threads the call ran on.
 */
final class ReactiveRoad implements Road {

	/** How long the test's thread waits for an outcome before the test fails. */
	private static final Duration TIMEOUT = ReactiveTesting.TIMEOUT;

	private final ConcurrentMap<Client, ReactiveClient> clients = new ConcurrentHashMap<>();

	/**
	 * @return the reactive client of a client, made on first use
	 */
	ReactiveClient reactive(Client client) {
		return this.clients.computeIfAbsent(client, ReactiveClient::of);
	}

	private ReactivePartialAccessToken twin(PartialAccessToken token) {
		ReactiveClient client = reactive(token.client());
		return (token instanceof AccessToken full) ? new ReactiveAccessToken(client, full)
				: new ReactivePartialAccessToken(client, token);
	}

	private ReactiveAccessToken twin(AccessToken token) {
		return new ReactiveAccessToken(reactive(token.client()), token);
	}

	private static <T> T await(Mono<T> outcome) {
		T value = outcome.block(TIMEOUT);
		if (value == null) {
			throw new IllegalStateException("completed without a value");
		}
		return value;
	}

	private static void awaitCompletion(Mono<Void> outcome) {
		outcome.block(TIMEOUT);
	}

	private static <T> List<T> awaitAll(Flux<T> outcome) {
		return await(outcome.collectList());
	}

	private static AccessToken blocking(Mono<ReactiveAccessToken> token) {
		return await(token).toBlocking();
	}

	@Override
	public AccessToken exchangeCode(Client client, String code) {
		return blocking(reactive(client).exchangeCode(code));
	}

	@Override
	public AccessToken exchangeCode(Client client, String code, @Nullable String codeVerifier) {
		return blocking(reactive(client).exchangeCode(code, codeVerifier));
	}

	@Override
	public AccessToken exchangeCode(Client client, String code, @Nullable String codeVerifier, String redirectUri) {
		return blocking(reactive(client).exchangeCode(code, codeVerifier, redirectUri));
	}

	@Override
	public AccessToken refreshToken(Client client, String refreshToken) {
		return blocking(reactive(client).refreshToken(refreshToken));
	}

	@Override
	public AccessToken clientCredentialsGrant(Client client, String... scopes) {
		return blocking(reactive(client).clientCredentialsGrant(scopes));
	}

	@Override
	public AccessToken clientCredentialsGrant(Client client, Collection<String> scopes) {
		return blocking(reactive(client).clientCredentialsGrant(scopes));
	}

	@Override
	public AccessToken restoreAccessToken(Client client, String accessToken, @Nullable String refreshToken,
			@Nullable Instant expiresAt, Collection<String> scopes) {
		return reactive(client).restoreAccessToken(accessToken, refreshToken, expiresAt, scopes).toBlocking();
	}

	@Override
	public void revokeToken(Client client, String token) {
		awaitCompletion(reactive(client).revokeToken(token));
	}

	@Override
	public void revokeToken(Client client, String token, TokenTypeHint hint) {
		awaitCompletion(reactive(client).revokeToken(token, hint));
	}

	@Override
	public List<RoleConnectionMetadata> updateLinkedRolesMetadata(Client client, List<RoleConnectionMetadata> records) {
		return awaitAll(reactive(client).updateLinkedRolesMetadata(records));
	}

	@Override
	public List<RoleConnectionMetadata> fetchLinkedRolesMetadata(Client client) {
		return awaitAll(reactive(client).fetchLinkedRolesMetadata());
	}

	@Override
	public Application fetchApplication(Client client) {
		return await(reactive(client).fetchApplication());
	}

	@Override
	public User fetchIdentify(PartialAccessToken token) {
		return await(twin(token).fetchIdentify());
	}

	@Override
	public List<Connection> fetchConnections(PartialAccessToken token) {
		return awaitAll(twin(token).fetchConnections());
	}

	@Override
	public List<PartialGuild> fetchGuilds(PartialAccessToken token) {
		return awaitAll(twin(token).fetchGuilds());
	}

	@Override
	public List<PartialGuild> fetchGuilds(PartialAccessToken token, GuildsQuery query) {
		return awaitAll(twin(token).fetchGuilds(query));
	}

	@Override
	public GuildMember fetchGuildMember(PartialAccessToken token, long guildId) {
		return await(twin(token).fetchGuildMember(guildId));
	}

	@Override
	public JoinGuildResult joinGuild(PartialAccessToken token, long guildId) {
		return await(twin(token).joinGuild(guildId));
	}

	@Override
	public JoinGuildResult joinGuild(PartialAccessToken token, long guildId, JoinGuildOptions options) {
		return await(twin(token).joinGuild(guildId, options));
	}

	@Override
	public JoinGuildResult joinGuild(PartialAccessToken token, long guildId, long userId, JoinGuildOptions options) {
		return await(twin(token).joinGuild(guildId, userId, options));
	}

	@Override
	public RoleConnection fetchMetadata(PartialAccessToken token) {
		return await(twin(token).fetchMetadata());
	}

	@Override
	public RoleConnection updateMetadata(PartialAccessToken token, @Nullable String platformName,
			@Nullable String platformUsername, @Nullable Map<String, ?> metadata) {
		return await(twin(token).updateMetadata(platformName, platformUsername, metadata));
	}

	@Override
	public RoleConnection updateMetadata(PartialAccessToken token, Map<String, ?> metadata) {
		return await(twin(token).updateMetadata(metadata));
	}

	@Override
	public void clearMetadata(PartialAccessToken token) {
		awaitCompletion(twin(token).clearMetadata());
	}

	@Override
	public AuthorizationInfo fetchAuthorization(PartialAccessToken token) {
		return await(twin(token).fetchAuthorization());
	}

	@Override
	public void revoke(PartialAccessToken token) {
		awaitCompletion(twin(token).revoke());
	}

	@Override
	public AccessToken refresh(AccessToken token) {
		return blocking(twin(token).refresh());
	}

	@Override
	public void revokeRefreshToken(AccessToken token) {
		awaitCompletion(twin(token).revokeRefreshToken());
	}

}
