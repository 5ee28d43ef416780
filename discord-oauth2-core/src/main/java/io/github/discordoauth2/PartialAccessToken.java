package io.github.discordoauth2;

import java.util.List;
import java.util.Map;

import io.github.discordoauth2.model.AuthorizationInfo;
import io.github.discordoauth2.model.Connection;
import io.github.discordoauth2.model.GuildMember;
import io.github.discordoauth2.model.PartialGuild;
import io.github.discordoauth2.model.RoleConnection;
import io.github.discordoauth2.model.User;
import org.jspecify.annotations.Nullable;

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

	private final UserRequests requests;

	PartialAccessToken(Client client, String token) {
		this.client = client;
		this.token = token;
		this.requests = client.requests().forToken(token);
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
		return http().send(this.requests.identify(), User.class);
	}

	/**
	 * Reads the user's linked accounts ({@code GET /users/@me/connections}, scope
	 * {@code connections}).
	 * @return the connections
	 */
	public List<Connection> fetchConnections() {
		return http().sendList(this.requests.connections(), Connection.class);
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
		return http().sendList(this.requests.guilds(query), PartialGuild.class);
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
		return http().send(this.requests.guildMember(guildId), GuildMember.class);
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
		this.requests.checkJoinGuild(guildId, options);
		return joinGuild(guildId, fetchIdentify().id(), options);
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
		return http().send(this.requests.joinGuild(guildId, userId, options), UserRequests::joinGuildResult);
	}

	/**
	 * Reads the user's linked-roles data for this application (scope
	 * {@code role_connections.write}).
	 * @return the role connection
	 */
	public RoleConnection fetchMetadata() {
		return http().send(this.requests.fetchMetadata(), RoleConnection.class);
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
		return http().send(this.requests.updateMetadata(platformName, platformUsername, metadata),
				RoleConnection.class);
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
		http().send(this.requests.clearMetadata());
	}

	/**
	 * Reads what this token grants ({@code GET /oauth2/@me}): application, scopes, expiry
	 * and, with {@code identify}, the user. A cheap way to check a stored token.
	 * @return the authorization
	 */
	public AuthorizationInfo fetchAuthorization() {
		return http().send(this.requests.authorization(), AuthorizationInfo.class);
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

	/** This token's calls, described once for both roads. */
	final UserRequests requests() {
		return this.requests;
	}

	private DiscordHttp http() {
		return this.client.http();
	}

}
