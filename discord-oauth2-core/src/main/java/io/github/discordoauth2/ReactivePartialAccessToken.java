package io.github.discordoauth2;

import java.util.Map;

import io.github.discordoauth2.model.AuthorizationInfo;
import io.github.discordoauth2.model.Connection;
import io.github.discordoauth2.model.GuildMember;
import io.github.discordoauth2.model.PartialGuild;
import io.github.discordoauth2.model.RoleConnection;
import io.github.discordoauth2.model.User;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The non-blocking twin of {@link PartialAccessToken}: a user's access token and the
 * calls it allows, each returning a {@link Mono} or {@link Flux} that sends on
 * subscription. Get one from {@link ReactiveClient#fromAccessToken(String)}; a
 * {@link ReactiveAccessToken} from a grant also carries its refresh token and expiry.
 * {@link #toString()} never shows the token. Sealed: {@link ReactiveAccessToken} is its
 * only subclass.
 *
 * @since 0.1.0
 */
public sealed class ReactivePartialAccessToken permits ReactiveAccessToken {

	private final ReactiveClient client;

	/** The blocking handle of the same token. */
	private final PartialAccessToken token;

	/** This token's calls, described once for both roads. */
	private final UserRequests requests;

	ReactivePartialAccessToken(ReactiveClient client, PartialAccessToken token) {
		this.client = client;
		this.token = token;
		this.requests = token.requests();
	}

	/**
	 * @return the client this token belongs to
	 */
	public ReactiveClient client() {
		return this.client;
	}

	/**
	 * @return the raw access token (a secret: never log it)
	 */
	public String token() {
		return this.token.token();
	}

	/**
	 * Reads the user ({@code GET /users/@me}, scope {@code identify}).
	 * @return the user; {@link io.github.discordoauth2.exceptions.ForbiddenException}
	 * when the token is invalid or lacks the scope
	 */
	public Mono<User> fetchIdentify() {
		return Mono.defer(() -> http().send(this.requests.identify(), User.class));
	}

	/**
	 * Reads the user's linked accounts ({@code GET /users/@me/connections}, scope
	 * {@code connections}).
	 * @return the connections
	 */
	public Flux<Connection> fetchConnections() {
		return Flux.defer(() -> http().sendList(this.requests.connections(), Connection.class));
	}

	/**
	 * Reads the user's guilds ({@code GET /users/@me/guilds}, scope {@code guilds}); up
	 * to 200.
	 * @return the guilds
	 */
	public Flux<PartialGuild> fetchGuilds() {
		return fetchGuilds(GuildsQuery.builder().build());
	}

	/**
	 * Reads the user's guilds with paging and optional approximate counts.
	 * @param query before/after/limit/with-counts
	 * @return the guilds
	 */
	public Flux<PartialGuild> fetchGuilds(GuildsQuery query) {
		return Flux.defer(() -> http().sendList(this.requests.guilds(query), PartialGuild.class));
	}

	/**
	 * Reads the user's membership in a guild (scope {@code guilds.members.read}).
	 * @param guildId the guild's snowflake id
	 * @return the member; {@link io.github.discordoauth2.exceptions.HttpException} 404
	 * when the user is not in the guild
	 */
	public Mono<GuildMember> fetchGuildMember(long guildId) {
		return Mono.defer(() -> http().send(this.requests.guildMember(guildId), GuildMember.class));
	}

	/**
	 * Adds the token's user to a guild with the client's bot token (scope
	 * {@code guilds.join}); the user id is read with {@link #fetchIdentify()}.
	 * @param guildId the guild's snowflake id
	 * @return added (201) or already a member (204)
	 */
	public Mono<JoinGuildResult> joinGuild(long guildId) {
		return joinGuild(guildId, JoinGuildOptions.none());
	}

	/**
	 * Adds the token's user to a guild with options; the user id is read with
	 * {@link #fetchIdentify()}.
	 * @param guildId the guild's snowflake id
	 * @param options nick, roles, mute, deaf
	 * @return added (201) or already a member (204)
	 */
	public Mono<JoinGuildResult> joinGuild(long guildId, JoinGuildOptions options) {
		return Mono.defer(() -> {
			this.requests.checkJoinGuild(guildId, options);
			return fetchIdentify().flatMap((user) -> joinGuild(guildId, user.id(), options));
		});
	}

	/**
	 * Adds a user to a guild ({@code PUT /guilds/{guild.id}/members/{user.id}}, Bot auth,
	 * this token in the body).
	 * @param guildId the guild's snowflake id
	 * @param userId the id of this token's user
	 * @param options nick, roles, mute, deaf
	 * @return added (201) or already a member (204)
	 */
	public Mono<JoinGuildResult> joinGuild(long guildId, long userId, JoinGuildOptions options) {
		return Mono
			.defer(() -> http().send(this.requests.joinGuild(guildId, userId, options), UserRequests::joinGuildResult));
	}

	/**
	 * Reads the user's linked-roles data for this application (scope
	 * {@code role_connections.write}).
	 * @return the role connection
	 */
	public Mono<RoleConnection> fetchMetadata() {
		return Mono.defer(() -> http().send(this.requests.fetchMetadata(), RoleConnection.class));
	}

	/**
	 * Sets the user's linked-roles data for this application; values as for
	 * {@link PartialAccessToken#updateMetadata(String, String, Map)}, refused before
	 * sending when Discord would refuse them.
	 * @param platformName shown on the profile, or {@code null}
	 * @param platformUsername the user's name on the platform, or {@code null}
	 * @param metadata values by metadata key, or {@code null} for none
	 * @return what Discord stored
	 */
	public Mono<RoleConnection> updateMetadata(@Nullable String platformName, @Nullable String platformUsername,
			@Nullable Map<String, ?> metadata) {
		return Mono.defer(() -> http().send(this.requests.updateMetadata(platformName, platformUsername, metadata),
				RoleConnection.class));
	}

	/**
	 * Sets only the metadata values.
	 * @param metadata values by metadata key
	 * @return what Discord stored
	 */
	public Mono<RoleConnection> updateMetadata(Map<String, ?> metadata) {
		return Mono.defer(() -> updateMetadata(null, null, Args.notNull(metadata, "metadata")));
	}

	/**
	 * Removes the user's linked-roles data for this application.
	 * @return completes once removed
	 */
	public Mono<Void> clearMetadata() {
		return Mono.defer(() -> http().sendForNothing(this.requests.clearMetadata()));
	}

	/**
	 * Reads what this token grants ({@code GET /oauth2/@me}).
	 * @return the authorization
	 */
	public Mono<AuthorizationInfo> fetchAuthorization() {
		return Mono.defer(() -> http().send(this.requests.authorization(), AuthorizationInfo.class));
	}

	/**
	 * Revokes this access token and with it the whole authorization.
	 * @return completes once revoked
	 */
	public Mono<Void> revoke() {
		return this.client.revokeToken(token(), TokenTypeHint.ACCESS_TOKEN);
	}

	/**
	 * @return a description with the token masked
	 */
	@Override
	public String toString() {
		return "ReactivePartialAccessToken[clientId=" + Long.toUnsignedString(this.client.clientId()) + ", token=***]";
	}

	private ReactiveDiscordHttp http() {
		return this.client.http();
	}

}
