package io.github.discordoauth2.test;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * Everything the fake Discord knows: the application, users, guilds, memberships,
 * connections, linked-roles metadata, authorization codes and tokens.
 *
 * <p>
 * Endpoints reach the data only through these methods, never through the maps. Every
 * method is {@code synchronized}; the router holds the same monitor for a whole request,
 * so that a handler's reads and writes are one atomic step.
 */
final class FakeState {

	private static final long DISCORD_EPOCH = 1420070400000L;

	private static final char[] TOKEN_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
		.toCharArray();

	/**
	 * The registered application, as its developer portal page would describe it.
	 *
	 * @param clientId the application (client) id
	 * @param clientSecret the client secret
	 * @param botToken the bot token, or null for no bot
	 * @param name the name on the consent screen
	 * @param redirectUris the registered redirect URIs, in portal order
	 * @param allowLoopbackRedirects whether any loopback redirect is accepted too
	 * @param publicClient whether the portal's "Public Client" switch is on
	 * @param team whether a team owns the application
	 * @param ownerId the user a client-credentials token belongs to
	 * @param codeTtl how long an authorization code lives
	 * @param accessTokenTtl how long an access token lives
	 * @param accessTokenSurvivesRefresh whether a refresh leaves the old access token
	 * alive (Discord's default is not: discord-api-docs PR #620)
	 * @param publicKey the portal's "Public Key" (hex) that verifies signed webhook
	 * events
	 */
	record Application(long clientId, String clientSecret, @Nullable String botToken, String name,
			List<String> redirectUris, boolean allowLoopbackRedirects, boolean publicClient, boolean team, long ownerId,
			Duration codeTtl, Duration accessTokenTtl, boolean accessTokenSurvivesRefresh, String publicKey) {
	}

	/** A guild the user is in, with the membership that puts them there. */
	record Membership(FakeGuild guild, FakeMember member) {
	}

	private final Application app;

	private final Clock clock;

	private final Map<Long, FakeUser> users;

	private final Map<Long, FakeGuild> guilds;

	private final Map<Long, Map<Long, FakeMember>> members = new HashMap<>();

	/** Per guild, its roles by id; {@code @everyone} under the guild's own id. */
	private final Map<Long, Map<Long, FakeRole>> roles = new HashMap<>();

	private final Set<Long> botGuilds;

	private final Map<Long, List<FakeConnection>> connections = new HashMap<>();

	private List<FakeRoleConnectionMetadata> metadata;

	private final Map<Long, FakeRoleConnection> roleConnections = new HashMap<>();

	private final Map<String, Grants.Code> codes = new HashMap<>();

	private final Map<String, Grants.AccessToken> accessTokens = new HashMap<>();

	private final Map<String, Grants.Grant> refreshTokens = new HashMap<>();

	private final Map<Long, Set<String>> approvedScopes = new HashMap<>();

	private final SecureRandom random = new SecureRandom();

	private long actingUserId;

	private boolean autoApprove;

	private long snowflakeSequence;

	FakeState(Application app, Clock clock, Seed seed) {
		this.app = app;
		this.clock = clock;
		this.users = new LinkedHashMap<>(seed.users);
		this.guilds = new LinkedHashMap<>(seed.guilds);
		this.botGuilds = new LinkedHashSet<>(seed.botGuilds);
		seed.connections.forEach((user, list) -> this.connections.put(user, new ArrayList<>(list)));
		this.metadata = List.copyOf(seed.metadata);
		for (FakeGuild g : this.guilds.values()) {
			Map<Long, FakeRole> guildRoles = new LinkedHashMap<>();
			guildRoles.put(g.id(), FakeRole.everyone(g.id(), FakeRole.DEFAULT_EVERYONE_PERMISSIONS));
			seed.roles.getOrDefault(g.id(), List.of()).forEach(r -> guildRoles.put(r.id(), r));
			this.roles.put(g.id(), guildRoles);
		}
		for (FakeGuild g : this.guilds.values()) {
			if (this.users.containsKey(g.ownerId())) {
				addMember(FakeMember.of(g.id(), g.ownerId(), Instant.parse("2022-01-01T00:00:00Z")));
			}
		}
		seed.members.forEach(this::addMember);
		this.actingUserId = seed.actAs != null ? seed.actAs : seed.firstUser();
		this.autoApprove = seed.autoApprove;
	}

	Application app() {
		return this.app;
	}

	Instant now() {
		return this.clock.instant();
	}

	// ------------------------------------------------------------------------------------------
	// people and places

	synchronized long actingUser() {
		return this.actingUserId;
	}

	synchronized void actAs(long userId) {
		requireUser("userId", userId);
		this.actingUserId = userId;
	}

	synchronized boolean autoApprove() {
		return this.autoApprove;
	}

	synchronized void autoApprove(boolean autoApprove) {
		this.autoApprove = autoApprove;
	}

	synchronized @Nullable FakeUser user(long userId) {
		return this.users.get(userId);
	}

	synchronized @Nullable FakeGuild guild(long guildId) {
		return this.guilds.get(guildId);
	}

	/**
	 * The servers a user may add a bot or webhook to, by id (the consent screen's
	 * picker).
	 */
	synchronized Map<Long, String> guildsManagedBy(long userId) {
		Map<Long, String> managed = new LinkedHashMap<>();
		for (Membership m : guildsOf(userId)) {
			if (Rules.canManage(m.guild(), m.member(), roleMap(m.guild().id()))) {
				managed.put(m.guild().id(), m.guild().name());
			}
		}
		return managed;
	}

	/** Every guild the user is a member of, with the membership. */
	synchronized List<Membership> guildsOf(long userId) {
		List<Membership> out = new ArrayList<>();
		for (FakeGuild g : this.guilds.values()) {
			FakeMember m = member(g.id(), userId);
			if (m != null) {
				out.add(new Membership(g, m));
			}
		}
		return out;
	}

	synchronized @Nullable FakeMember member(long guildId, long userId) {
		Map<Long, FakeMember> m = this.members.get(guildId);
		return m == null ? null : m.get(userId);
	}

	/** Adds a membership, or replaces the one of the same user and guild. */
	synchronized void addMember(FakeMember member) {
		this.members.computeIfAbsent(member.guildId(), k -> new LinkedHashMap<>()).put(member.userId(), member);
	}

	/** Ends a membership; false if there was none. */
	synchronized boolean removeMember(long guildId, long userId) {
		Map<Long, FakeMember> m = this.members.get(guildId);
		return m != null && m.remove(userId) != null;
	}

	/** The user ids of a guild's members, in the order they joined the fake. */
	synchronized List<Long> memberIds(long guildId) {
		return List.copyOf(this.members.getOrDefault(guildId, Map.of()).keySet());
	}

	/** A member's permissions before channel overwrites, as Discord's decimal string. */
	synchronized String permissions(FakeGuild guild, FakeMember member) {
		return Rules.basePermissions(guild, member, roleMap(guild.id()));
	}

	/** A guild's roles, {@code @everyone} first, then from the bottom of the list up. */
	synchronized List<FakeRole> roles(long guildId) {
		List<FakeRole> list = new ArrayList<>(roleMap(guildId).values());
		list.sort(Comparator.comparingInt(FakeRole::position).thenComparingLong(FakeRole::id));
		return List.copyOf(list);
	}

	synchronized @Nullable FakeRole role(long guildId, long roleId) {
		return roleMap(guildId).get(roleId);
	}

	/** Adds a role to a guild, or replaces the one with the same id. */
	synchronized void putRole(long guildId, FakeRole role) {
		this.roles.computeIfAbsent(guildId, k -> new LinkedHashMap<>()).put(role.id(), role);
	}

	/**
	 * Deletes a role and takes it from every member, as Discord does; false if unknown.
	 */
	synchronized boolean deleteRole(long guildId, long roleId) {
		if (roleMap(guildId).remove(roleId) == null) {
			return false;
		}
		Map<Long, FakeMember> m = this.members.get(guildId);
		if (m != null) {
			m.replaceAll((user, member) -> member.withRoles(member.roles().stream().filter(r -> r != roleId).toList()));
		}
		return true;
	}

	private Map<Long, FakeRole> roleMap(long guildId) {
		return this.roles.getOrDefault(guildId, new LinkedHashMap<>());
	}

	synchronized boolean isBotIn(long guildId) {
		return this.botGuilds.contains(guildId);
	}

	synchronized void addBotTo(long guildId) {
		this.botGuilds.add(guildId);
	}

	synchronized List<FakeConnection> connections(long userId) {
		return List.copyOf(this.connections.getOrDefault(userId, List.of()));
	}

	synchronized Set<String> approvedScopes(long userId) {
		return Set.copyOf(this.approvedScopes.getOrDefault(userId, Set.of()));
	}

	synchronized void approve(long userId, Set<String> scopes) {
		this.approvedScopes.computeIfAbsent(userId, k -> new LinkedHashSet<>()).addAll(scopes);
	}

	// ------------------------------------------------------------------------------------------
	// linked roles

	synchronized List<FakeRoleConnectionMetadata> metadata() {
		return this.metadata;
	}

	synchronized void replaceMetadata(List<FakeRoleConnectionMetadata> records) {
		this.metadata = List.copyOf(records);
	}

	synchronized @Nullable FakeRoleConnection roleConnection(long userId) {
		return this.roleConnections.get(userId);
	}

	synchronized void putRoleConnection(long userId, @Nullable FakeRoleConnection connection) {
		if (connection == null) {
			this.roleConnections.remove(userId);
		}
		else {
			this.roleConnections.put(userId, connection);
		}
	}

	// ------------------------------------------------------------------------------------------
	// codes and tokens

	synchronized String newCode(long userId, String redirectUri, Set<String> scopes, @Nullable String challenge,
			@Nullable Long guildId) {
		String code = randomToken(30);
		Set<String> granted = Collections.unmodifiableSet(new LinkedHashSet<>(scopes));
		this.codes.put(code, new Grants.Code(code, userId, redirectUri, granted, challenge,
				now().plus(this.app.codeTtl()), guildId));
		return code;
	}

	/** A code that may still be exchanged; an expired one is forgotten on the way. */
	synchronized Grants.@Nullable Code liveCode(String code) {
		Grants.Code c = this.codes.get(code);
		if (c != null && !now().isBefore(c.expiresAt())) {
			this.codes.remove(code);
			return null;
		}
		return c;
	}

	synchronized void spendCode(String code) {
		this.codes.remove(code);
	}

	synchronized Grants.AccessToken issueAccessToken(Grants.Grant grant) {
		Grants.AccessToken at = new Grants.AccessToken(randomToken(30), grant, now().plus(this.app.accessTokenTtl()));
		this.accessTokens.put(at.token, at);
		grant.accessTokens.add(at.token);
		return at;
	}

	/** A new refresh token for the grant; the one it replaces stops working. */
	synchronized String issueRefreshToken(Grants.Grant grant) {
		if (grant.refreshToken != null) {
			this.refreshTokens.remove(grant.refreshToken);
		}
		String refresh = randomToken(30);
		grant.refreshToken = refresh;
		this.refreshTokens.put(refresh, grant);
		return refresh;
	}

	synchronized Grants.@Nullable Grant refreshGrant(String refreshToken) {
		return this.refreshTokens.get(refreshToken);
	}

	/**
	 * Kills the access tokens a refresh replaces, unless the application keeps them: a
	 * refreshed token's stale copy is invalid (discord-api-docs PR #620).
	 */
	synchronized void retireAccessTokensOnRefresh(Grants.Grant grant) {
		if (this.app.accessTokenSurvivesRefresh()) {
			return;
		}
		grant.accessTokens.forEach(this.accessTokens::remove);
		grant.accessTokens.clear();
	}

	/** A live (unexpired, unrevoked) access token, or null. */
	synchronized Grants.@Nullable AccessToken liveAccessToken(@Nullable String token) {
		if (token == null) {
			return null;
		}
		Grants.AccessToken at = this.accessTokens.get(token);
		return at == null || !now().isBefore(at.expiresAt) ? null : at;
	}

	synchronized boolean expire(String accessToken) {
		Grants.AccessToken at = this.accessTokens.get(accessToken);
		if (at == null) {
			return false;
		}
		at.expiresAt = now().minusSeconds(1);
		return true;
	}

	/**
	 * Ends the authorization behind an access or refresh token: every token of it dies.
	 */
	synchronized boolean revoke(String token) {
		Grants.AccessToken at = this.accessTokens.get(token);
		Grants.Grant grant = at != null ? at.grant : this.refreshTokens.get(token);
		if (grant == null) {
			return false;
		}
		revokeGrant(grant);
		return true;
	}

	private void revokeGrant(Grants.Grant grant) {
		grant.accessTokens.forEach(this.accessTokens::remove);
		grant.accessTokens.clear();
		if (grant.refreshToken != null) {
			this.refreshTokens.remove(grant.refreshToken);
			grant.refreshToken = null;
		}
	}

	/**
	 * The user removes the application in Discord (User Settings, Authorized Apps): every
	 * authorization of that user dies and the next login asks for consent again.
	 * Client-credentials tokens are the application's own and stay.
	 * @return whether the user had authorized the application
	 */
	synchronized boolean deauthorize(long userId) {
		Set<Grants.Grant> grants = new LinkedHashSet<>();
		for (Grants.AccessToken at : this.accessTokens.values()) {
			grants.add(at.grant);
		}
		grants.addAll(this.refreshTokens.values());
		boolean authorized = this.approvedScopes.remove(userId) != null;
		for (Grants.Grant grant : grants) {
			if (grant.userId == userId && !grant.clientCredentials) {
				authorized = true;
				revokeGrant(grant);
			}
		}
		return authorized;
	}

	// ------------------------------------------------------------------------------------------
	// ids

	synchronized String randomToken(int length) {
		char[] out = new char[length];
		for (int i = 0; i < length; i++) {
			out[i] = TOKEN_CHARS[this.random.nextInt(TOKEN_CHARS.length)];
		}
		return new String(out);
	}

	synchronized long nextSnowflake() {
		long ts = now().toEpochMilli() - DISCORD_EPOCH;
		return (Math.max(ts, 0) << 22) | (this.snowflakeSequence++ & 0x3FFFFF);
	}

	synchronized void requireUser(String name, long userId) {
		if (!this.users.containsKey(userId)) {
			throw new IllegalArgumentException(name + " " + userId + " is not a seeded user; add it with"
					+ " FakeDiscord.builder().user(FakeUser.of(" + userId + "L, \"name\")) or use demoData()");
		}
	}

}
