package io.github.discordoauth2;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.discordoauth2.model.AuthorizationInfo;
import io.github.discordoauth2.model.Connection;
import io.github.discordoauth2.model.GuildMember;
import io.github.discordoauth2.model.PartialGuild;
import io.github.discordoauth2.model.RoleConnection;
import io.github.discordoauth2.model.User;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpMethod;

/**
 * A user's access token and the calls it allows (Bearer auth). Get one from
 * {@link Client#fromAccessToken(String)}; an {@link AccessToken} from a grant also
 * carries its refresh token and expiry. {@link #toString()} never shows the token.
 * Sealed: {@link AccessToken} is its only subclass, so a {@code PartialAccessToken} is
 * either one of those or a bare token.
 *
 * @since 0.1.0
 */
public sealed class PartialAccessToken permits AccessToken {

	private final Client client;

	private final String token;

	private final String authorization;

	/**
	 * The rate-limit identity of this token, hashed on first use; a race only hashes
	 * twice.
	 */
	private @Nullable String identity;

	PartialAccessToken(Client client, String token) {
		this.client = client;
		this.token = token;
		this.authorization = "Bearer " + token;
	}

	/**
	 * @return the client this token belongs to
	 */
	public Client client() {
		return this.client;
	}

	/**
	 * @return the raw access token (a secret: never log it)
	 */
	public String token() {
		return this.token;
	}

	/**
	 * Reads the user ({@code GET /users/@me}, scope {@code identify}; {@code email} adds
	 * email and verified).
	 * @return the user
	 * @throws io.github.discordoauth2.exceptions.ForbiddenException when the token is
	 * invalid or lacks the scope
	 */
	public User fetchIdentify() {
		return http().send(identifyRequest(), User.class);
	}

	DiscordRequest identifyRequest() {
		return bearer(HttpMethod.GET, "/users/@me").build();
	}

	/**
	 * Reads the user's linked accounts ({@code GET /users/@me/connections}, scope
	 * {@code connections}).
	 * @return the connections
	 */
	public List<Connection> fetchConnections() {
		return http().sendList(connectionsRequest(), Connection.class);
	}

	DiscordRequest connectionsRequest() {
		return bearer(HttpMethod.GET, "/users/@me/connections").build();
	}

	/**
	 * Reads the user's guilds ({@code GET /users/@me/guilds}, scope {@code guilds}); up
	 * to 200, which is all of them for a regular user.
	 * @return the guilds
	 */
	public List<PartialGuild> fetchGuilds() {
		return fetchGuilds(GuildsQuery.builder().build());
	}

	/**
	 * Reads the user's guilds with paging and optional approximate counts.
	 * @param query before/after/limit/with-counts
	 * @return the guilds
	 */
	public List<PartialGuild> fetchGuilds(GuildsQuery query) {
		return http().sendList(guildsRequest(query), PartialGuild.class);
	}

	DiscordRequest guildsRequest(GuildsQuery query) {
		Args.notNull(query, "query");
		DiscordRequest.Builder request = bearer(HttpMethod.GET, "/users/@me/guilds");
		query.before().ifPresent((before) -> request.query("before", Long.toUnsignedString(before)));
		query.after().ifPresent((after) -> request.query("after", Long.toUnsignedString(after)));
		query.limit().ifPresent((limit) -> request.query("limit", Integer.toString(limit)));
		if (query.withCounts()) {
			request.query("with_counts", "true");
		}
		return request.build();
	}

	/**
	 * Reads the user's membership in a guild ({@code GET
	 * /users/@me/guilds/{guild.id}/member}, scope {@code guilds.members.read}).
	 * @param guildId the guild's snowflake id
	 * @return the member
	 * @throws io.github.discordoauth2.exceptions.HttpException 404 when the user is not
	 * in the guild
	 */
	public GuildMember fetchGuildMember(long guildId) {
		return http().send(guildMemberRequest(guildId), GuildMember.class);
	}

	DiscordRequest guildMemberRequest(long guildId) {
		Args.positive(guildId, "guildId");
		return bearer(HttpMethod.GET, "/users/@me/guilds/{guild_id}/member").param("guild_id", guildId).build();
	}

	/**
	 * Adds the token's user to a guild with the client's bot token (scope
	 * {@code guilds.join}); the user id is read with {@link #fetchIdentify()}.
	 * @param guildId the guild's snowflake id; the bot must be in it with
	 * CREATE_INSTANT_INVITE
	 * @return added (201) or already a member (204)
	 * @throws IllegalStateException when the client has no {@code botToken}
	 */
	public JoinGuildResult joinGuild(long guildId) {
		return joinGuild(guildId, JoinGuildOptions.none());
	}

	/**
	 * Adds the token's user to a guild with options; the user id is read with
	 * {@link #fetchIdentify()}.
	 * @param guildId the guild's snowflake id
	 * @param options nick, roles, mute, deaf (unset ones are not sent)
	 * @return added (201) or already a member (204)
	 */
	public JoinGuildResult joinGuild(long guildId, JoinGuildOptions options) {
		checkJoinGuild(guildId, options);
		return joinGuild(guildId, fetchIdentify().id(), options);
	}

	/** Checks a join before the user id is read, so bad input costs no request. */
	void checkJoinGuild(long guildId, JoinGuildOptions options) {
		Args.positive(guildId, "guildId");
		Args.notNull(options, "options");
		this.client.requireBotToken("joinGuild");
	}

	/**
	 * Adds a user to a guild ({@code PUT /guilds/{guild.id}/members/{user.id}}, Bot auth,
	 * this token in the body).
	 * @param guildId the guild's snowflake id
	 * @param userId the id of this token's user (Discord refuses any other)
	 * @param options nick, roles, mute, deaf (unset ones are not sent)
	 * @return added (201) or already a member (204); both are success
	 * @throws IllegalStateException when the client has no {@code botToken}
	 * @throws io.github.discordoauth2.exceptions.ForbiddenException when the bot is not
	 * in the guild or lacks permissions, or the token lacks {@code guilds.join}
	 */
	public JoinGuildResult joinGuild(long guildId, long userId, JoinGuildOptions options) {
		return http().send(joinGuildRequest(guildId, userId, options), PartialAccessToken::joinGuildResult);
	}

	DiscordRequest joinGuildRequest(long guildId, long userId, JoinGuildOptions options) {
		Args.positive(guildId, "guildId");
		Args.positive(userId, "userId");
		Args.notNull(options, "options");
		this.client.requireBotToken("joinGuild");
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("access_token", this.token);
		options.nick().ifPresent((nick) -> body.put("nick", nick));
		options.roles().ifPresent((roles) -> {
			List<String> ids = new ArrayList<>();
			roles.forEach((id) -> ids.add(Long.toUnsignedString(id)));
			body.put("roles", ids);
		});
		options.mute().ifPresent((mute) -> body.put("mute", mute));
		options.deaf().ifPresent((deaf) -> body.put("deaf", deaf));
		return DiscordRequest.of(HttpMethod.PUT, "/guilds/{guild_id}/members/{user_id}")
			.param("guild_id", guildId)
			.param("user_id", userId)
			.bot()
			.json(body)
			.secret(this.token)
			.build();
	}

	/** Reads the answer to a join: 201 with the member, or 204 for one already in. */
	static JoinGuildResult joinGuildResult(DiscordCall call, DiscordResponse answer) {
		if (answer.status() == 204) {
			return JoinGuildResult.ofAlreadyMember();
		}
		return JoinGuildResult.ofAdded(call.readOptional(answer, GuildMember.class));
	}

	/**
	 * Reads the user's linked-roles data for this application (scope
	 * {@code role_connections.write}).
	 * @return the role connection
	 */
	public RoleConnection fetchMetadata() {
		return http().send(fetchMetadataRequest(), RoleConnection.class);
	}

	DiscordRequest fetchMetadataRequest() {
		return roleConnection(HttpMethod.GET).build();
	}

	/**
	 * Sets the user's linked-roles data for this application (scope
	 * {@code role_connections.write}). Values: {@code Boolean} (sent as 1/0), integral
	 * numbers, and {@code Instant}/{@code OffsetDateTime}/ {@code ZonedDateTime} (sent as
	 * ISO-8601 with offset); anything else is refused before sending.
	 * @param platformName shown on the profile (at most 50 characters), or {@code null}
	 * to leave unset
	 * @param platformUsername the user's name on the platform (at most 100 characters),
	 * or {@code null}
	 * @param metadata values by metadata key (keys as registered in the records), or
	 * {@code null} for none
	 * @return what Discord stored
	 */
	public RoleConnection updateMetadata(@Nullable String platformName, @Nullable String platformUsername,
			@Nullable Map<String, ?> metadata) {
		return http().send(updateMetadataRequest(platformName, platformUsername, metadata), RoleConnection.class);
	}

	DiscordRequest updateMetadataRequest(@Nullable String platformName, @Nullable String platformUsername,
			@Nullable Map<String, ?> metadata) {
		MetadataValues.checkPlatform(platformName, platformUsername);
		Map<String, Object> body = new LinkedHashMap<>();
		if (platformName != null) {
			body.put("platform_name", platformName);
		}
		if (platformUsername != null) {
			body.put("platform_username", platformUsername);
		}
		if (metadata != null) {
			body.put("metadata", MetadataValues.encode(metadata));
		}
		return roleConnection(HttpMethod.PUT).json(body).build();
	}

	/**
	 * Sets only the metadata values; see {@link #updateMetadata(String, String, Map)}.
	 * @param metadata values by metadata key
	 * @return what Discord stored
	 */
	public RoleConnection updateMetadata(Map<String, ?> metadata) {
		return updateMetadata(null, null, Args.notNull(metadata, "metadata"));
	}

	/**
	 * Removes the user's linked-roles data for this application ({@code DELETE
	 * /users/@me/applications/{application.id}/role-connection}).
	 */
	public void clearMetadata() {
		http().send(clearMetadataRequest());
	}

	DiscordRequest clearMetadataRequest() {
		return roleConnection(HttpMethod.DELETE).build();
	}

	/**
	 * Reads what this token grants ({@code GET /oauth2/@me}): application, scopes, expiry
	 * and, with {@code identify}, the user. A cheap way to check a stored token.
	 * @return the authorization
	 */
	public AuthorizationInfo fetchAuthorization() {
		return http().send(authorizationRequest(), AuthorizationInfo.class);
	}

	DiscordRequest authorizationRequest() {
		return bearer(HttpMethod.GET, "/oauth2/@me").build();
	}

	/**
	 * Revokes this access token and with it the whole authorization (its refresh token
	 * too).
	 */
	public void revoke() {
		this.client.revokeToken(this.token, TokenTypeHint.ACCESS_TOKEN);
	}

	/**
	 * @return a description with the token masked
	 */
	@Override
	public String toString() {
		return "PartialAccessToken[clientId=" + Long.toUnsignedString(this.client.clientId()) + ", token=***]";
	}

	final DiscordHttp http() {
		return this.client.http();
	}

	private DiscordRequest.Builder bearer(HttpMethod method, String route) {
		String identity = this.identity;
		if (identity == null) {
			identity = Secrets.identity(this.authorization);
			this.identity = identity;
		}
		return DiscordRequest.of(method, route).bearer(this.token, this.authorization, identity);
	}

	private DiscordRequest.Builder roleConnection(HttpMethod method) {
		return bearer(method, "/users/@me/applications/{application_id}/role-connection").param("application_id",
				this.client.clientId());
	}

}
