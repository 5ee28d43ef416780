package io.github.discordoauth2;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.discordoauth2.model.GuildMember;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpMethod;

/**
 * The calls a user's access token allows, described once for both roads: method, route
 * template, auth kind and body of each, with the checks that come before anything is
 * sent. {@link PartialAccessToken} sends them on the blocking road,
 * {@link ReactivePartialAccessToken} on the non-blocking one. Holds the token's
 * {@code Authorization} value, built once, and its rate-limit identity, hashed on first
 * use.
 */
final class UserRequests {

	private static final String ROLE_CONNECTION = "/users/@me/applications/{application_id}/role-connection";

	private final long clientId;

	private final Credentials credentials;

	private final String token;

	private final String authorization;

	/** Hashed on first use; a race only hashes twice. */
	private @Nullable String identity;

	UserRequests(long clientId, Credentials credentials, String token) {
		this.clientId = clientId;
		this.credentials = credentials;
		this.token = token;
		this.authorization = "Bearer " + token;
	}

	/** Reads the user ({@code GET /users/@me}). */
	DiscordRequest identify() {
		return bearer(HttpMethod.GET, "/users/@me").build();
	}

	/** Reads the user's linked accounts. */
	DiscordRequest connections() {
		return bearer(HttpMethod.GET, "/users/@me/connections").build();
	}

	/** Reads the user's guilds, with the query's paging and counts. */
	DiscordRequest guilds(GuildsQuery query) {
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

	/** Reads the user's membership in a guild. */
	DiscordRequest guildMember(long guildId) {
		Args.positive(guildId, "guildId");
		return bearer(HttpMethod.GET, "/users/@me/guilds/{guild_id}/member").param("guild_id", guildId).build();
	}

	/** Checks a join before the user id is read, so bad input costs no request. */
	void checkJoinGuild(long guildId, JoinGuildOptions options) {
		Args.positive(guildId, "guildId");
		Args.notNull(options, "options");
		this.credentials.requireBotToken("joinGuild");
	}

	/**
	 * Adds the user to a guild: Bot auth, this token in the JSON body (and kept out of
	 * every message), unset options left out.
	 */
	DiscordRequest joinGuild(long guildId, long userId, JoinGuildOptions options) {
		Args.positive(guildId, "guildId");
		Args.positive(userId, "userId");
		Args.notNull(options, "options");
		this.credentials.requireBotToken("joinGuild");
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

	/** Reads the user's linked-roles data for this application. */
	DiscordRequest fetchMetadata() {
		return roleConnection(HttpMethod.GET).build();
	}

	/**
	 * Sets the user's linked-roles data, checked and encoded as Discord expects; unset
	 * parts are left out.
	 */
	DiscordRequest updateMetadata(@Nullable String platformName, @Nullable String platformUsername,
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

	/** Removes the user's linked-roles data for this application. */
	DiscordRequest clearMetadata() {
		return roleConnection(HttpMethod.DELETE).build();
	}

	/** Reads what this token grants ({@code GET /oauth2/@me}). */
	DiscordRequest authorization() {
		return bearer(HttpMethod.GET, "/oauth2/@me").build();
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
		return bearer(method, ROLE_CONNECTION).param("application_id", this.clientId);
	}

}
