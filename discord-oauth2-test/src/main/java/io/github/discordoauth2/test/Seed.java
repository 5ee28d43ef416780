package io.github.discordoauth2.test;

import java.net.URI;
import java.net.URISyntaxException;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * What {@link FakeDiscord.Builder} collects: the application's settings, the seed data
 * and the server options, with the checks that name a bad setting before anything starts.
 */
final class Seed {

	long clientId = DemoData.APPLICATION_ID;

	String clientSecret = DemoData.CLIENT_SECRET;

	@Nullable String botToken = DemoData.BOT_TOKEN;

	String applicationName = "FakeDiscord App";

	final List<String> redirectUris = new ArrayList<>();

	boolean allowLoopbackRedirects;

	boolean autoApprove;

	boolean publicClient;

	boolean team;

	final Map<Long, FakeUser> users = new LinkedHashMap<>();

	final Map<Long, FakeGuild> guilds = new LinkedHashMap<>();

	final List<FakeMember> members = new ArrayList<>();

	final Map<Long, List<FakeRole>> roles = new LinkedHashMap<>();

	final Set<Long> botGuilds = new LinkedHashSet<>();

	final Map<Long, List<FakeConnection>> connections = new LinkedHashMap<>();

	final List<FakeRoleConnectionMetadata> metadata = new ArrayList<>();

	int port;

	String host = "127.0.0.1";

	RateLimits rateLimits = RateLimits.none();

	int invalidRequestLimit = 10_000;

	Duration invalidRequestWindow = Duration.ofMinutes(10);

	Clock clock = Clock.systemUTC();

	Duration authorizationCodeTtl = Duration.ofMinutes(10);

	Duration accessTokenTtl = Duration.ofSeconds(604800);

	@Nullable Long actAs;

	@Nullable Long applicationOwner;

	boolean accessTokenSurvivesRefresh;

	@Nullable String webhookEventsUrl;

	@Nullable KeyPair webhookEventsKeyPair;

	long firstUser() {
		return this.users.isEmpty() ? 0L : this.users.keySet().iterator().next();
	}

	FakeState.Application application(String publicKey) {
		return new FakeState.Application(this.clientId, this.clientSecret, this.botToken, this.applicationName,
				List.copyOf(this.redirectUris), this.allowLoopbackRedirects, this.publicClient, this.team,
				this.applicationOwner != null ? this.applicationOwner : firstUser(), this.authorizationCodeTtl,
				this.accessTokenTtl, this.accessTokenSurvivesRefresh, publicKey);
	}

	void role(long guildId, FakeRole role) {
		List<FakeRole> list = this.roles.computeIfAbsent(guildId, k -> new ArrayList<>());
		list.removeIf(r -> r.id() == role.id());
		list.add(role);
	}

	void application(long clientId, String clientSecret) {
		if (clientId <= 0) {
			throw new IllegalArgumentException("clientId must be a positive snowflake, got " + clientId);
		}
		this.clientId = clientId;
		this.clientSecret = requireText("clientSecret", clientSecret);
	}

	void redirectUri(String redirectUri) {
		requireText("redirectUri", redirectUri);
		try {
			if (!new URI(redirectUri).isAbsolute()) {
				throw new IllegalArgumentException(
						"redirectUri must be absolute (scheme://host/path), got " + redirectUri);
			}
		}
		catch (URISyntaxException e) {
			throw new IllegalArgumentException("redirectUri is not a valid URI: " + redirectUri, e);
		}
		if (!this.redirectUris.contains(redirectUri)) {
			this.redirectUris.add(redirectUri);
		}
	}

	void invalidRequestLimit(int count, Duration window) {
		if (count < 0) {
			throw new IllegalArgumentException("invalidRequestLimit count must be >= 0, got " + count);
		}
		this.invalidRequestLimit = count;
		this.invalidRequestWindow = nonNegative("invalidRequestLimit window", window);
	}

	void port(int port) {
		if (port < 0 || port > 65535) {
			throw new IllegalArgumentException("port must be 0 (random) or 1..65535, got " + port);
		}
		this.port = port;
	}

	/** Fails with the setting named when the seed contradicts itself. */
	Seed checked() {
		this.roles.forEach((guildId, list) -> requireGuild("role(guildId=" + guildId + ")", guildId));
		for (FakeMember m : this.members) {
			requireGuild("member(guildId=" + m.guildId() + ")", m.guildId());
			requireSeededUser("member(userId=" + m.userId() + ")", m.userId());
			for (Long roleId : m.roles()) {
				boolean known = this.roles.getOrDefault(m.guildId(), List.of())
					.stream()
					.anyMatch(r -> r.id() == roleId);
				if (roleId == m.guildId() || !known) {
					throw new IllegalArgumentException("member(guildId=" + m.guildId() + ", userId=" + m.userId()
							+ ") holds role " + roleId + ", which is not a role of that guild; add it with .role("
							+ m.guildId() + "L, FakeRole.of(...)) (everyone holds @everyone without listing it)");
				}
			}
		}
		for (Long g : this.botGuilds) {
			requireGuild("botInGuild(" + g + ")", g);
		}
		for (Long u : this.connections.keySet()) {
			requireSeededUser("connection(userId=" + u + ")", u);
		}
		if (this.actAs != null) {
			requireSeededUser("actAs(" + this.actAs + ")", this.actAs);
		}
		if (this.applicationOwner != null) {
			requireSeededUser("applicationOwner(" + this.applicationOwner + ")", this.applicationOwner);
		}
		String problem = RestEndpoints.validateMetadata(this.metadata);
		if (problem != null) {
			throw new IllegalArgumentException("roleConnectionMetadata: " + problem);
		}
		return this;
	}

	private void requireGuild(String what, long guildId) {
		if (!this.guilds.containsKey(guildId)) {
			throw new IllegalArgumentException(what + ": guild " + guildId + " is not seeded; add it with .guild(...)");
		}
	}

	private void requireSeededUser(String what, long userId) {
		if (!this.users.containsKey(userId)) {
			throw new IllegalArgumentException(what + ": user " + userId + " is not seeded; add it with .user(...)");
		}
	}

	static String requireText(String name, @Nullable String value) {
		if (value == null || value.isBlank()) {
			throw new IllegalArgumentException(name + " must not be null or blank");
		}
		return value;
	}

	static Duration nonNegative(String name, Duration d) {
		if (d == null) {
			throw new NullPointerException(name);
		}
		if (d.isNegative()) {
			throw new IllegalArgumentException(name + " must not be negative, got " + d);
		}
		return d;
	}

}
