package io.github.discordoauth2.test;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
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

	/** Permissions of a guild owner in {@code GET /users/@me/guilds}: every bit. */
	static final String ALL_PERMISSIONS = "2251799813685247";

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
	 */
	record Application(long clientId, String clientSecret, @Nullable String botToken, String name,
			List<String> redirectUris, boolean allowLoopbackRedirects, boolean publicClient, boolean team, long ownerId,
			Duration codeTtl, Duration accessTokenTtl) {
	}

	/** A guild the user is in, with the membership that puts them there. */
	record Membership(FakeGuild guild, FakeMember member) {
	}

	private final Application app;

	private final Clock clock;

	private final Map<Long, FakeUser> users;

	private final Map<Long, FakeGuild> guilds;

	private final Map<Long, Map<Long, FakeMember>> members = new HashMap<>();

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
		seed.connections.forEach((user, list) -> connections.put(user, new ArrayList<>(list)));
		this.metadata = List.copyOf(seed.metadata);
		for (FakeGuild g : guilds.values()) {
			if (users.containsKey(g.ownerId())) {
				addMember(FakeMember.of(g.id(), g.ownerId(), Instant.parse("2022-01-01T00:00:00Z")));
			}
		}
		seed.members.forEach(this::addMember);
		this.actingUserId = seed.actAs != null ? seed.actAs : seed.firstUser();
		this.autoApprove = seed.autoApprove;
	}

	Application app() {
		return app;
	}

	Instant now() {
		return clock.instant();
	}

	// ------------------------------------------------------------------------------------------
	// people and places

	synchronized long actingUser() {
		return actingUserId;
	}

	synchronized void actAs(long userId) {
		requireUser("userId", userId);
		actingUserId = userId;
	}

	synchronized boolean autoApprove() {
		return autoApprove;
	}

	synchronized void autoApprove(boolean autoApprove) {
		this.autoApprove = autoApprove;
	}

	synchronized @Nullable FakeUser user(long userId) {
		return users.get(userId);
	}

	synchronized @Nullable FakeGuild guild(long guildId) {
		return guilds.get(guildId);
	}

	/**
	 * The servers a user may add a bot or webhook to, by id (the consent screen's
	 * picker).
	 */
	synchronized Map<Long, String> guildsManagedBy(long userId) {
		Map<Long, String> managed = new LinkedHashMap<>();
		for (Membership m : guildsOf(userId)) {
			if (Rules.canManage(m.guild(), m.member())) {
				managed.put(m.guild().id(), m.guild().name());
			}
		}
		return managed;
	}

	/** Every guild the user is a member of, with the membership. */
	synchronized List<Membership> guildsOf(long userId) {
		List<Membership> out = new ArrayList<>();
		for (FakeGuild g : guilds.values()) {
			FakeMember m = member(g.id(), userId);
			if (m != null) {
				out.add(new Membership(g, m));
			}
		}
		return out;
	}

	synchronized @Nullable FakeMember member(long guildId, long userId) {
		Map<Long, FakeMember> m = members.get(guildId);
		return m == null ? null : m.get(userId);
	}

	synchronized void addMember(FakeMember member) {
		members.computeIfAbsent(member.guildId(), k -> new LinkedHashMap<>()).put(member.userId(), member);
	}

	synchronized boolean isBotIn(long guildId) {
		return botGuilds.contains(guildId);
	}

	synchronized void addBotTo(long guildId) {
		botGuilds.add(guildId);
	}

	synchronized List<FakeConnection> connections(long userId) {
		return List.copyOf(connections.getOrDefault(userId, List.of()));
	}

	synchronized Set<String> approvedScopes(long userId) {
		return Set.copyOf(approvedScopes.getOrDefault(userId, Set.of()));
	}

	synchronized void approve(long userId, Set<String> scopes) {
		approvedScopes.computeIfAbsent(userId, k -> new LinkedHashSet<>()).addAll(scopes);
	}

	// ------------------------------------------------------------------------------------------
	// linked roles

	synchronized List<FakeRoleConnectionMetadata> metadata() {
		return metadata;
	}

	synchronized void replaceMetadata(List<FakeRoleConnectionMetadata> records) {
		metadata = List.copyOf(records);
	}

	synchronized @Nullable FakeRoleConnection roleConnection(long userId) {
		return roleConnections.get(userId);
	}

	synchronized void putRoleConnection(long userId, @Nullable FakeRoleConnection connection) {
		if (connection == null) {
			roleConnections.remove(userId);
		}
		else {
			roleConnections.put(userId, connection);
		}
	}

	// ------------------------------------------------------------------------------------------
	// codes and tokens

	synchronized String newCode(long userId, String redirectUri, Set<String> scopes, @Nullable String challenge,
			@Nullable Long guildId) {
		String code = randomToken(30);
		Set<String> granted = Collections.unmodifiableSet(new LinkedHashSet<>(scopes));
		codes.put(code,
				new Grants.Code(code, userId, redirectUri, granted, challenge, now().plus(app.codeTtl()), guildId));
		return code;
	}

	/** A code that may still be exchanged; an expired one is forgotten on the way. */
	synchronized Grants.@Nullable Code liveCode(String code) {
		Grants.Code c = codes.get(code);
		if (c != null && !now().isBefore(c.expiresAt())) {
			codes.remove(code);
			return null;
		}
		return c;
	}

	synchronized void spendCode(String code) {
		codes.remove(code);
	}

	synchronized Grants.AccessToken issueAccessToken(Grants.Grant grant) {
		Grants.AccessToken at = new Grants.AccessToken(randomToken(30), grant, now().plus(app.accessTokenTtl()));
		accessTokens.put(at.token, at);
		grant.accessTokens.add(at.token);
		return at;
	}

	/** A new refresh token for the grant; the one it replaces stops working. */
	synchronized String issueRefreshToken(Grants.Grant grant) {
		if (grant.refreshToken != null) {
			refreshTokens.remove(grant.refreshToken);
		}
		String refresh = randomToken(30);
		grant.refreshToken = refresh;
		refreshTokens.put(refresh, grant);
		return refresh;
	}

	synchronized Grants.@Nullable Grant refreshGrant(String refreshToken) {
		return refreshTokens.get(refreshToken);
	}

	/** A live (unexpired, unrevoked) access token, or null. */
	synchronized Grants.@Nullable AccessToken liveAccessToken(@Nullable String token) {
		if (token == null) {
			return null;
		}
		Grants.AccessToken at = accessTokens.get(token);
		return at == null || !now().isBefore(at.expiresAt) ? null : at;
	}

	synchronized boolean expire(String accessToken) {
		Grants.AccessToken at = accessTokens.get(accessToken);
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
		Grants.AccessToken at = accessTokens.get(token);
		Grants.Grant grant = at != null ? at.grant : refreshTokens.get(token);
		if (grant == null) {
			return false;
		}
		grant.accessTokens.forEach(accessTokens::remove);
		grant.accessTokens.clear();
		if (grant.refreshToken != null) {
			refreshTokens.remove(grant.refreshToken);
			grant.refreshToken = null;
		}
		return true;
	}

	// ------------------------------------------------------------------------------------------
	// ids

	synchronized String randomToken(int length) {
		char[] out = new char[length];
		for (int i = 0; i < length; i++) {
			out[i] = TOKEN_CHARS[random.nextInt(TOKEN_CHARS.length)];
		}
		return new String(out);
	}

	synchronized long nextSnowflake() {
		long ts = now().toEpochMilli() - DISCORD_EPOCH;
		return (Math.max(ts, 0) << 22) | (snowflakeSequence++ & 0x3FFFFF);
	}

	synchronized void requireUser(String name, long userId) {
		if (!users.containsKey(userId)) {
			throw new IllegalArgumentException(name + " " + userId + " is not a seeded user; add it with"
					+ " FakeDiscord.builder().user(FakeUser.of(" + userId + "L, \"name\")) or use demoData()");
		}
	}

}
