package io.github.discordoauth2.test;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * The REST endpoints under {@code /api/v10}, answering as Discord's reference pages
 * describe (https://discord.com/developers/docs/resources/user, .../resources/guild,
 * .../resources/application-role-connection-metadata) and as Discord is known to answer
 * (the rules in the project's {@code docs/discord-rules.md}).
 */
final class RestEndpoints {

	private static final Pattern KEY = Pattern.compile("[a-z0-9_]{1,50}");

	private static final String JSON = "application/json";

	/**
	 * A non-bot user can be in at most this many guilds (Get Current User Guilds,
	 * "limit").
	 */
	private static final int MAX_GUILDS = 200;

	private final FakeState state;

	private final FakeState.Application app;

	RestEndpoints(FakeState state) {
		this.state = state;
		this.app = state.app();
	}

	// ------------------------------------------------------------------------------------------
	// auth

	/** A live Bearer token carrying {@code scope} (if not null); else Discord's 401. */
	private Grants.AccessToken bearer(Request r, @Nullable String scope) {
		Grants.AccessToken at = this.state.liveAccessToken(r.credentials("Bearer"));
		if (at == null || (scope != null && !at.grant.scopes.contains(scope))) {
			throw DiscordError.unauthorized();
		}
		return at;
	}

	private void bot(Request r) {
		String token = r.credentials("Bot");
		String expected = this.app.botToken();
		if (token == null || expected == null || !token.equals(expected)) {
			throw DiscordError.unauthorized();
		}
	}

	private FakeUser userOf(Grants.AccessToken at) {
		FakeUser u = this.state.user(at.grant.userId);
		if (u == null) {
			throw DiscordError.rest(404, 10013, "Unknown User");
		}
		return u;
	}

	// ------------------------------------------------------------------------------------------
	// users

	Response currentUser(Request r) {
		Grants.AccessToken at = bearer(r, "identify");
		return Response.json(200, Views.user(userOf(at), at.grant.scopes.contains("email"),
				at.grant.scopes.contains("identify.premium")));
	}

	Response connections(Request r) {
		Grants.AccessToken at = bearer(r, "connections");
		List<Object> out = new ArrayList<>();
		for (FakeConnection c : this.state.connections(at.grant.userId)) {
			out.add(Views.connection(c));
		}
		return Response.json(200, out);
	}

	Response guilds(Request r) {
		Grants.AccessToken at = bearer(r, "guilds");
		DiscordError.FormErrors errors = new DiscordError.FormErrors();
		Long before = snowflakeQuery(r, "before", errors);
		Long after = snowflakeQuery(r, "after", errors);
		int limit = 200;
		String limitText = r.queryParam("limit");
		if (limitText != null) {
			try {
				limit = Integer.parseInt(limitText);
				if (limit < 1) {
					errors.add("limit", "NUMBER_TYPE_MIN", "int value should be greater than or equal to 1.");
				}
				else if (limit > 200) {
					errors.add("limit", "NUMBER_TYPE_MAX", "int value should be less than or equal to 200.");
				}
			}
			catch (NumberFormatException e) {
				errors.add("limit", "NUMBER_TYPE_COERCE", "Value \"" + limitText + "\" is not int.");
			}
		}
		boolean withCounts = false;
		String counts = r.queryParam("with_counts");
		if (counts != null) {
			switch (counts) {
				case "true", "True", "1" -> withCounts = true;
				case "false", "False", "0" -> withCounts = false;
				default -> errors.add("with_counts", "BOOLEAN_TYPE_COERCE", "Value \"" + counts + "\" is not boolean.");
			}
		}
		errors.throwIfAny();
		long userId = at.grant.userId;
		TreeMap<Long, Object> mine = new TreeMap<>();
		for (FakeState.Membership m : this.state.guildsOf(userId)) {
			FakeGuild g = m.guild();
			// Owner and Administrator: all bits; else @everyone's and the roles'
			// (Permissions
			// docs, "Permission Hierarchy").
			mine.put(g.id(),
					Views.partialGuild(g, g.ownerId() == userId, this.state.permissions(g, m.member()), withCounts));
		}
		NavigableMap<Long, Object> view = mine;
		if (after != null) {
			view = view.tailMap(after, false);
		}
		if (before != null) {
			view = view.headMap(before, false);
		}
		List<Object> all = new ArrayList<>(view.values());
		// With only "before", the page ends right before it; otherwise it starts right
		// after "after".
		List<Object> selected = before != null && after == null
				? all.subList(Math.max(0, all.size() - limit), all.size())
				: all.subList(0, Math.min(limit, all.size()));
		return Response.json(200, new ArrayList<>(selected));
	}

	Response currentMember(Request r) {
		Grants.AccessToken at = bearer(r, "guilds.members.read");
		long guildId = snowflakePath(r, "guild.id", "guild_id");
		FakeMember member = this.state.member(guildId, at.grant.userId);
		if (this.state.guild(guildId) == null || member == null) {
			throw DiscordError.rest(404, 10004, "Unknown Guild");
		}
		return Response.json(200, Views.member(member, this.state.user(at.grant.userId)));
	}

	// ------------------------------------------------------------------------------------------
	// guild members

	Response addGuildMember(Request r) {
		bot(r);
		long guildId = snowflakePath(r, "guild.id", "guild_id");
		long userId = snowflakePath(r, "user.id", "user_id");
		if (this.state.guild(guildId) == null) {
			throw DiscordError.rest(404, 10004, "Unknown Guild");
		}
		if (!this.state.isBotIn(guildId)) {
			// The application's own bot must be in the guild (Add Guild Member; PR
			// #1334).
			throw DiscordError.missingAccess();
		}
		Map<String, @Nullable Object> body = jsonObject(r);
		DiscordError.FormErrors errors = new DiscordError.FormErrors();
		Object token = body.get("access_token");
		if (!(token instanceof String)) {
			errors.add("access_token", token == null ? "BASE_TYPE_REQUIRED" : "STRING_TYPE_CONVERT",
					token == null ? "This field is required" : "Could not interpret \"" + token + "\" as string.");
		}
		Object nick = body.get("nick");
		if (nick != null && (!(nick instanceof String) || ((String) nick).length() > 32)) {
			errors.add("nick", "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 32 in length.");
		}
		List<Long> roles = new ArrayList<>();
		Object rolesValue = body.get("roles");
		if (rolesValue != null) {
			if (!(rolesValue instanceof List<?> list)) {
				errors.add("roles", "LIST_TYPE_CONVERT", "Only iterables may be used in a ListType");
			}
			else {
				for (int i = 0; i < list.size(); i++) {
					Long id = snowflake(list.get(i));
					if (id == null) {
						errors.add("roles." + i, "NUMBER_TYPE_COERCE",
								"Value \"" + list.get(i) + "\" is not snowflake.");
					}
					else {
						roles.add(id);
					}
				}
			}
		}
		for (String flag : new String[] { "mute", "deaf" }) {
			Object v = body.get(flag);
			if (v != null && !(v instanceof Boolean)) {
				errors.add(flag, "BOOLEAN_TYPE_COERCE", "Value \"" + v + "\" is not boolean.");
			}
		}
		errors.throwIfAny();
		FakeUser user = this.state.user(userId);
		if (user == null) {
			throw DiscordError.rest(404, 10013, "Unknown User");
		}
		Grants.AccessToken at = this.state.liveAccessToken((String) token);
		if (at == null || at.grant.userId != userId || !at.grant.scopes.contains("guilds.join")) {
			throw DiscordError.rest(403, 50025, "Invalid OAuth2 access token");
		}
		if (this.state.member(guildId, userId) != null) {
			return Response.noContent();
		}
		if (this.state.guildsOf(userId).size() >= MAX_GUILDS) {
			// Checked after "already a member" (discord-api-docs #6888).
			throw DiscordError.rest(400, 30001, "Maximum number of guilds reached (" + MAX_GUILDS + ")");
		}
		FakeMember member = new FakeMember(guildId, userId, (String) nick, roles, this.state.now(),
				Boolean.TRUE.equals(body.get("mute")), Boolean.TRUE.equals(body.get("deaf")));
		this.state.addMember(member);
		return Response.json(201, Views.member(member, user));
	}

	Response guildMember(Request r) {
		bot(r);
		long guildId = snowflakePath(r, "guild.id", "guild_id");
		long userId = snowflakePath(r, "user.id", "user_id");
		if (this.state.guild(guildId) == null) {
			throw DiscordError.rest(404, 10004, "Unknown Guild");
		}
		if (!this.state.isBotIn(guildId)) {
			throw DiscordError.missingAccess();
		}
		FakeMember member = this.state.member(guildId, userId);
		if (member == null) {
			throw DiscordError.rest(404, 10007, "Unknown Member");
		}
		return Response.json(200, Views.member(member, this.state.user(userId)));
	}

	/** Get Guild Roles (Guild docs): the bot must be in the guild. */
	Response guildRoles(Request r) {
		bot(r);
		long guildId = snowflakePath(r, "guild.id", "guild_id");
		if (this.state.guild(guildId) == null) {
			throw DiscordError.rest(404, 10004, "Unknown Guild");
		}
		if (!this.state.isBotIn(guildId)) {
			throw DiscordError.missingAccess();
		}
		return Response.json(200, this.state.roles(guildId).stream().map(Views::role).toList());
	}

	// ------------------------------------------------------------------------------------------
	// oauth2/@me

	Response currentAuthorization(Request r) {
		Grants.AccessToken at = bearer(r, null);
		Json.Obj o = Json.obj()
			.with("application",
					Views.application(this.app.clientId(), this.app.name(), this.app.botToken() != null,
							this.app.publicKey()))
			.with("scopes", new ArrayList<>(at.grant.scopes))
			.with("expires", Views.timestamp(at.expiresAt));
		if (at.grant.scopes.contains("identify")) {
			o.with("user", Views.publicUser(userOf(at)));
		}
		return Response.json(200, o);
	}

	Response currentApplication(Request r) {
		bot(r);
		Json.Obj application = Views.application(this.app.clientId(), this.app.name(), true, this.app.publicKey());
		FakeUser owner = this.state.user(this.app.ownerId());
		if (owner != null) {
			application.with("owner", Views.publicUser(owner));
		}
		if (this.app.team()) {
			// A team app names its team, whose owner is the app's owner (Discord's
			// "Teams" page: team object with owner_user_id).
			application.with("team",
					Json.obj()
						.with("id", Long.toString(this.app.clientId() + 1))
						.with("name", this.app.name() + " team")
						.with("icon", null)
						.with("owner_user_id", Long.toString(this.app.ownerId())));
		}
		return Response.json(200, application);
	}

	// ------------------------------------------------------------------------------------------
	// role connections

	private void ownApplication(Request r, boolean botRoute) {
		String id = r.pathParam("application.id");
		if (!id.equals(Long.toString(this.app.clientId()))) {
			if (botRoute) {
				throw DiscordError.missingAccess();
			}
			throw DiscordError.rest(404, 10002, "Unknown Application");
		}
	}

	Response roleConnection(Request r) {
		Grants.AccessToken at = bearer(r, "role_connections.write");
		ownApplication(r, false);
		return Response.json(200, Views.roleConnection(this.state.roleConnection(at.grant.userId)));
	}

	Response updateRoleConnection(Request r) {
		Grants.AccessToken at = bearer(r, "role_connections.write");
		ownApplication(r, false);
		Map<String, @Nullable Object> body = jsonObject(r);
		DiscordError.FormErrors errors = new DiscordError.FormErrors();
		String platformName = optionalString(body, "platform_name", 50, errors);
		String platformUsername = optionalString(body, "platform_username", 100, errors);
		Map<String, String> values = new LinkedHashMap<>();
		Object metadata = body.get("metadata");
		if (metadata != null) {
			Map<String, @Nullable Object> map = Json.asObject(metadata);
			if (map == null) {
				errors.add("metadata", "DICT_TYPE_CONVERT", "Only dictionaries may be used in a DictType");
			}
			else {
				Map<String, Integer> types = new LinkedHashMap<>();
				for (FakeRoleConnectionMetadata m : this.state.metadata()) {
					types.put(m.key(), m.type());
				}
				map.forEach((key, value) -> {
					String problem = null;
					String text = value instanceof String s ? s
							: value instanceof Integer || value instanceof Long ? value.toString() : null;
					Integer type = types.get(key);
					if (type == null) {
						problem = "Unknown metadata key \"" + key + "\": register it first with PUT"
								+ " /applications/{id}/role-connections/metadata.";
					}
					else if (text == null) {
						problem = "Value must be a string or an integer (booleans as 1/0), got " + value + ".";
					}
					else if (text.length() > 100) {
						problem = "Must be 100 or fewer in length.";
					}
					else {
						problem = checkValue(type, text);
					}
					if (problem != null) {
						errors.add("metadata." + key, "APPLICATION_ROLE_CONNECTION_METADATA_VALUE_INVALID", problem);
					}
					else {
						values.put(key, text);
					}
				});
			}
		}
		errors.throwIfAny();
		FakeRoleConnection rc = new FakeRoleConnection(platformName, platformUsername, values);
		this.state.putRoleConnection(at.grant.userId, rc);
		return Response.json(200, Views.roleConnection(rc));
	}

	Response deleteRoleConnection(Request r) {
		Grants.AccessToken at = bearer(r, "role_connections.write");
		ownApplication(r, false);
		this.state.putRoleConnection(at.grant.userId, null);
		return Response.noContent();
	}

	private static @Nullable String checkValue(int type, String text) {
		switch (type) {
			case 1, 2, 3, 4:
				try {
					Long.parseLong(text);
					return null;
				}
				catch (NumberFormatException e) {
					return "Value \"" + text + "\" is not an integer.";
				}
			case 5, 6:
				try {
					OffsetDateTime.parse(text);
					return null;
				}
				catch (DateTimeParseException e) {
					return "Value \"" + text + "\" is not an ISO8601 date-time with offset.";
				}
			case 7, 8:
				// Discord silently never matches true/false (discord-api-docs #5755); the
				// fake says so out loud.
				return text.equals("1") || text.equals("0") ? null
						: "Value \"" + text + "\" is not a boolean: send 1 or 0.";
			default:
				return null;
		}
	}

	Response metadata(Request r) {
		bot(r);
		ownApplication(r, true);
		List<Object> out = new ArrayList<>();
		for (FakeRoleConnectionMetadata m : this.state.metadata()) {
			out.add(Views.metadata(m));
		}
		return Response.json(200, out);
	}

	Response updateMetadata(Request r) {
		bot(r);
		ownApplication(r, true);
		requireJson(r);
		Object parsed = Json.parse(r.body());
		DiscordError.FormErrors errors = new DiscordError.FormErrors();
		if (!(parsed instanceof List<?> list)) {
			errors.add("", "LIST_TYPE_CONVERT", "Only iterables may be used in a ListType").throwIfAny();
			throw new IllegalStateException("unreachable");
		}
		if (list.size() > 5) {
			throw new DiscordError(Response.json(400,
					Json.obj()
						.with("message", "Invalid Form Body")
						.with("code", 50035)
						.with("errors",
								Json.obj()
									.with("_errors",
											List.of(Json.obj()
												.with("code", "BASE_TYPE_MAX_LENGTH")
												.with("message", "Must be 5 or fewer in length."))))));
		}
		List<FakeRoleConnectionMetadata> records = new ArrayList<>();
		Set<String> keys = new HashSet<>();
		for (int i = 0; i < list.size(); i++) {
			Map<String, @Nullable Object> item = Json.asObject(list.get(i));
			if (item == null) {
				errors.add(Integer.toString(i), "DICT_TYPE_CONVERT", "Only dictionaries may be used in a DictType");
				continue;
			}
			Object type = item.get("type");
			int t = type instanceof Integer n ? n : 0;
			if (t < 1 || t > 8) {
				errors.add(i + ".type", type == null ? "BASE_TYPE_REQUIRED" : "ENUM_TYPE_COERCE",
						type == null ? "This field is required" : "Value \"" + type + "\" is not a valid enum value.");
			}
			String key = requiredString(item, i + ".key", "key", 1, 50, errors);
			if (key != null && !KEY.matcher(key).matches()) {
				errors.add(i + ".key", "STRING_TYPE_REGEX", "String value did not match validation regex.");
			}
			else if (key != null && !keys.add(key)) {
				errors.add(i + ".key", "APPLICATION_ROLE_CONNECTION_METADATA_DUPLICATE_KEY", "Key must be unique.");
			}
			String name = requiredString(item, i + ".name", "name", 1, 100, errors);
			String description = requiredString(item, i + ".description", "description", 1, 200, errors);
			Map<String, String> nameL = localizations(item, i + ".name_localizations", "name_localizations", 100,
					errors);
			Map<String, String> descL = localizations(item, i + ".description_localizations",
					"description_localizations", 200, errors);
			if (key != null && name != null && description != null && t >= 1 && t <= 8) {
				records.add(new FakeRoleConnectionMetadata(t, key, name, description, nameL, descL));
			}
		}
		errors.throwIfAny();
		this.state.replaceMetadata(records);
		return metadata(r);
	}

	/** Checks seeded metadata with the PUT rules; a problem description or null. */
	static @Nullable String validateMetadata(List<FakeRoleConnectionMetadata> records) {
		if (records.size() > 5) {
			return "at most 5 records, got " + records.size();
		}
		Set<String> keys = new HashSet<>();
		for (FakeRoleConnectionMetadata m : records) {
			if (m.type() < 1 || m.type() > 8) {
				return "type must be 1..8, got " + m.type();
			}
			if (m.key() == null || !KEY.matcher(m.key()).matches()) {
				return "key must match [a-z0-9_]{1,50}, got \"" + m.key() + "\"";
			}
			if (!keys.add(m.key())) {
				return "duplicate key \"" + m.key() + "\"";
			}
			if (m.name() == null || m.name().isEmpty() || m.name().length() > 100) {
				return "name must be 1..100 characters (key " + m.key() + ")";
			}
			if (m.description() == null || m.description().isEmpty() || m.description().length() > 200) {
				return "description must be 1..200 characters (key " + m.key() + ")";
			}
		}
		return null;
	}

	// ------------------------------------------------------------------------------------------
	// parsing helpers

	private static void requireJson(Request r) {
		if (!r.contentType().equals(JSON)) {
			DiscordError.FormErrors e = new DiscordError.FormErrors();
			e.add("", "CONTENT_TYPE_INVALID", "Expected \"Content-Type\" header to be one of {'application/json'}.");
			e.throwIfAny();
		}
	}

	private static Map<String, @Nullable Object> jsonObject(Request r) {
		requireJson(r);
		if (r.body().isBlank()) {
			throw DiscordError.invalidJson();
		}
		Map<String, @Nullable Object> map = Json.asObject(Json.parse(r.body()));
		if (map == null) {
			new DiscordError.FormErrors().add("", "DICT_TYPE_CONVERT", "Only dictionaries may be used in a DictType")
				.throwIfAny();
			throw new IllegalStateException("unreachable");
		}
		return map;
	}

	private static @Nullable String optionalString(Map<String, @Nullable Object> body, String field, int max,
			DiscordError.FormErrors errors) {
		Object v = body.get(field);
		if (v == null) {
			return null;
		}
		if (!(v instanceof String s)) {
			errors.add(field, "STRING_TYPE_CONVERT", "Could not interpret \"" + v + "\" as string.");
			return null;
		}
		if (s.length() > max) {
			errors.add(field, "BASE_TYPE_MAX_LENGTH", "Must be " + max + " or fewer in length.");
			return null;
		}
		return s;
	}

	private static @Nullable String requiredString(Map<String, @Nullable Object> item, String path, String field,
			int min, int max, DiscordError.FormErrors errors) {
		Object v = item.get(field);
		if (v == null) {
			errors.add(path, "BASE_TYPE_REQUIRED", "This field is required");
			return null;
		}
		if (!(v instanceof String s)) {
			errors.add(path, "STRING_TYPE_CONVERT", "Could not interpret \"" + v + "\" as string.");
			return null;
		}
		if (s.length() < min || s.length() > max) {
			errors.add(path, "BASE_TYPE_BAD_LENGTH", "Must be between " + min + " and " + max + " in length.");
			return null;
		}
		return s;
	}

	private static Map<String, String> localizations(Map<String, @Nullable Object> item, String path, String field,
			int max, DiscordError.FormErrors errors) {
		Object v = item.get(field);
		if (v == null) {
			return Map.of();
		}
		Map<String, @Nullable Object> map = Json.asObject(v);
		if (map == null) {
			errors.add(path, "DICT_TYPE_CONVERT", "Only dictionaries may be used in a DictType");
			return Map.of();
		}
		Map<String, String> out = new LinkedHashMap<>();
		map.forEach((locale, text) -> {
			if (!(text instanceof String s) || s.isEmpty() || s.length() > max) {
				errors.add(path + "." + locale, "BASE_TYPE_BAD_LENGTH", "Must be between 1 and " + max + " in length.");
			}
			else {
				out.put(locale, s);
			}
		});
		return out;
	}

	private static @Nullable Long snowflakeQuery(Request r, String name, DiscordError.FormErrors errors) {
		String v = r.queryParam(name);
		if (v == null) {
			return null;
		}
		Long id = snowflake(v);
		if (id == null) {
			errors.add(name, "NUMBER_TYPE_COERCE", "Value \"" + v + "\" is not snowflake.");
		}
		return id;
	}

	private static long snowflakePath(Request r, String param, String field) {
		String v = r.pathParam(param);
		Long id = snowflake(v);
		if (id == null) {
			new DiscordError.FormErrors().add(field, "NUMBER_TYPE_COERCE", "Value \"" + v + "\" is not snowflake.")
				.throwIfAny();
			throw new IllegalStateException("unreachable");
		}
		return id;
	}

	private static @Nullable Long snowflake(@Nullable Object value) {
		if (value instanceof Long l) {
			return l >= 0 ? l : null;
		}
		if (value instanceof Integer i) {
			return i >= 0 ? (long) i : null;
		}
		if (value instanceof String s && s.matches("\\d{1,20}")) {
			try {
				return Long.parseLong(s);
			}
			catch (NumberFormatException e) {
				return null;
			}
		}
		return null;
	}

}
