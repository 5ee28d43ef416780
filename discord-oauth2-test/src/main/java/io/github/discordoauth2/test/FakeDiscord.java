package io.github.discordoauth2.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.net.httpserver.HttpServer;
import org.jspecify.annotations.Nullable;

/**
 * A faithful in-process Discord: the OAuth2 authorize page and token endpoints plus the
 * REST endpoints a "Login with Discord" / linked-roles application uses, on a loopback
 * port, built from Discord's documentation.
 *
 * <pre>{@code
 * try (FakeDiscord fake = FakeDiscord.builder().demoData().autoApprove(true).start()) {
 *     String api = fake.baseUrl() + "/api/v10";
 *     ...
 * }
 * }</pre>
 *
 * <p>
 * All state is in memory and guarded by one lock, so concurrent clients see a consistent
 * Discord. Tokens are random opaque strings; authorization codes are single-use and
 * expire after {@link Builder#authorizationCodeTtl(Duration)}; access tokens carry
 * {@code expires_in} 604800.
 */
public final class FakeDiscord implements AutoCloseable {

	/** Permissions of a guild owner in {@code GET /users/@me/guilds}: every bit. */
	static final String ALL_PERMISSIONS = "2251799813685247";

	private static final long DISCORD_EPOCH = 1420070400000L;

	private static final int JOURNAL_LIMIT = 10_000;

	private static final char[] TOKEN_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
		.toCharArray();

	private static final AtomicInteger INSTANCES = new AtomicInteger();

	static {
		// The JDK server writes headers and body in two packets; with Nagle on, every
		// keep-alive request waits
		// ~40 ms for a delayed ACK. The property is read once, when the first JDK
		// HttpServer starts.
		if (System.getProperty("sun.net.httpserver.nodelay") == null) {
			System.setProperty("sun.net.httpserver.nodelay", "true");
		}
	}

	/**
	 * Tokens as the token endpoint would have issued them.
	 *
	 * @param accessToken the access token
	 * @param refreshToken the refresh token
	 * @param expiresIn seconds until the access token expires
	 */
	public record Tokens(String accessToken, String refreshToken, long expiresIn) {
		/** Masks both tokens: they are secrets even in a fake. */
		@Override
		public String toString() {
			return "Tokens[accessToken=***, refreshToken=***, expiresIn=" + expiresIn + "]";
		}
	}

	final Object lock = new Object();

	private final long clientId;

	private final String clientSecret;

	private final @Nullable String botToken;

	private final String applicationName;

	private final List<String> redirectUris;

	private final boolean allowLoopbackRedirects;

	private volatile boolean autoApprove;

	private final Clock clock;

	private final Duration authorizationCodeTtl;

	private final Duration accessTokenTtl;

	private final long ownerId;

	// Guarded by lock.
	final Map<Long, FakeUser> users;

	final Map<Long, FakeGuild> guilds;

	final Map<Long, Map<Long, FakeMember>> members = new HashMap<>();

	final Set<Long> botGuilds;

	final Map<Long, List<FakeConnection>> connections;

	List<FakeRoleConnectionMetadata> roleConnectionMetadata;

	final Map<Long, FakeRoleConnection> roleConnections = new HashMap<>();

	final Map<String, Grants.Code> codes = new HashMap<>();

	final Map<String, Grants.AccessToken> accessTokens = new HashMap<>();

	final Map<String, Grants.Grant> refreshTokens = new HashMap<>();

	final Map<Long, Set<String>> approvedScopes = new HashMap<>();

	private long actingUserId;

	private long snowflakeSequence;

	private final SecureRandom random = new SecureRandom();

	private final Faults faults = new Faults();

	private final RateLimiter rateLimiter;

	private final Deque<RecordedRequest> journal = new ArrayDeque<>();

	private final AtomicBoolean closed = new AtomicBoolean();

	private final AtomicLong requestCount = new AtomicLong();

	private final AtomicLong rateLimitedCount = new AtomicLong();

	private final AtomicLong invalidCount = new AtomicLong();

	private final HttpServer server;

	private final ExecutorService executor;

	private final String baseUrl;

	private FakeDiscord(Builder b) {
		this.clientId = b.clientId;
		this.clientSecret = b.clientSecret;
		this.botToken = b.botToken;
		this.applicationName = b.applicationName;
		this.redirectUris = List.copyOf(b.redirectUris);
		this.allowLoopbackRedirects = b.allowLoopbackRedirects;
		this.autoApprove = b.autoApprove;
		this.clock = b.clock;
		this.authorizationCodeTtl = b.authorizationCodeTtl;
		this.accessTokenTtl = b.accessTokenTtl;
		this.users = new LinkedHashMap<>(b.users);
		this.guilds = new LinkedHashMap<>(b.guilds);
		this.botGuilds = new LinkedHashSet<>(b.botGuilds);
		this.connections = new HashMap<>();
		b.connections.forEach((user, list) -> connections.put(user, new ArrayList<>(list)));
		this.roleConnectionMetadata = List.copyOf(b.metadata);
		for (FakeGuild g : guilds.values()) {
			if (users.containsKey(g.ownerId())) {
				members.computeIfAbsent(g.id(), k -> new LinkedHashMap<>())
					.put(g.ownerId(), FakeMember.of(g.id(), g.ownerId(), Instant.parse("2022-01-01T00:00:00Z")));
			}
		}
		for (FakeMember m : b.members) {
			members.computeIfAbsent(m.guildId(), k -> new LinkedHashMap<>()).put(m.userId(), m);
		}
		long firstUser = users.isEmpty() ? 0L : users.keySet().iterator().next();
		this.actingUserId = b.actAs != null ? b.actAs : firstUser;
		this.ownerId = b.applicationOwner != null ? b.applicationOwner : firstUser;
		this.rateLimiter = new RateLimiter(b.rateLimits, clock);

		int instance = INSTANCES.incrementAndGet();
		AtomicInteger threads = new AtomicInteger();
		ThreadFactory factory = r -> {
			Thread t = new Thread(r, "fake-discord-" + instance + "-" + threads.incrementAndGet());
			t.setDaemon(true);
			return t;
		};
		// A cached pool: concurrent clients and delayed faults must not queue behind each
		// other.
		this.executor = Executors.newCachedThreadPool(factory);
		try {
			InetAddress address = InetAddress.getByName(b.host);
			this.server = HttpServer.create(new InetSocketAddress(address, b.port), 64);
		}
		catch (IOException e) {
			executor.shutdownNow();
			throw new UncheckedIOException("FakeDiscord could not listen on " + b.host + ":" + b.port
					+ " (port taken? use port(0) for a random free port)", e);
		}
		server.setExecutor(executor);
		server.createContext("/", new HttpFront(this));
		server.start();
		String host = b.host.contains(":") ? "[" + b.host + "]" : b.host;
		if (b.host.equals("0.0.0.0")) {
			host = "127.0.0.1";
		}
		this.baseUrl = "http://" + host + ":" + server.getAddress().getPort();
	}

	/**
	 * Starts a configuration; without seeding it has the demo credentials and no users.
	 */
	public static Builder builder() {
		return new Builder();
	}

	// ---------------------------------------------------------------------------------------------
	// Public API

	/**
	 * {@code http://127.0.0.1:<port>}: REST at {@code baseUrl() + "/api/v10"}, authorize
	 * at {@code baseUrl() + "/oauth2/authorize"}.
	 */
	public String baseUrl() {
		return baseUrl;
	}

	/** The port the fake listens on. */
	public int port() {
		return server.getAddress().getPort();
	}

	/** The application (client) id. */
	public long clientId() {
		return clientId;
	}

	/** The client secret. */
	public String clientSecret() {
		return clientSecret;
	}

	/** The bot token, or null if the application has no bot. */
	public @Nullable String botToken() {
		return botToken;
	}

	/** The application name shown on the consent screen. */
	public String applicationName() {
		return applicationName;
	}

	/** The registered redirect URIs. */
	public List<String> redirectUris() {
		return redirectUris;
	}

	/**
	 * Chooses which seeded user is "signed in" and approves on the consent screen
	 * (default: the first user).
	 * @return this fake
	 */
	public FakeDiscord actAs(long userId) {
		synchronized (lock) {
			requireUser("userId", userId);
			actingUserId = userId;
		}
		return this;
	}

	/** The user who approves on the consent screen. */
	public long actingUserId() {
		synchronized (lock) {
			return actingUserId;
		}
	}

	/** Switches immediate approval of authorize requests on or off at run time. */
	public FakeDiscord autoApprove(boolean autoApprove) {
		this.autoApprove = autoApprove;
		return this;
	}

	/** Whether authorize requests are approved without showing the consent screen. */
	public boolean autoApprove() {
		return autoApprove;
	}

	/**
	 * An authorization code, as if {@code userId} had approved {@code scopes} for
	 * {@code redirectUri}.
	 */
	public String createAuthorizationCode(long userId, String redirectUri, Set<String> scopes) {
		return createAuthorizationCode(userId, redirectUri, scopes, null);
	}

	/**
	 * An authorization code bound to a PKCE challenge, as if {@code userId} had approved.
	 * @param codeChallengeS256 base64url(SHA-256(verifier)) without padding, or null for
	 * no PKCE
	 */
	public String createAuthorizationCode(long userId, String redirectUri, Set<String> scopes,
			@Nullable String codeChallengeS256) {
		Objects.requireNonNull(redirectUri, "redirectUri");
		Set<String> checked = checkScopes(scopes);
		if (codeChallengeS256 != null && !OAuthEndpoints.isValidChallenge(codeChallengeS256)) {
			throw new IllegalArgumentException("codeChallengeS256 must be 43 base64url characters (SHA-256 of the"
					+ " verifier, no padding), got " + codeChallengeS256.length() + " characters");
		}
		synchronized (lock) {
			requireUser("userId", userId);
			return newCode(userId, redirectUri, checked, codeChallengeS256, null);
		}
	}

	/**
	 * Tokens for {@code userId} with {@code scopes}, as if the user had authorized and
	 * the code was exchanged.
	 */
	public Tokens createToken(long userId, Set<String> scopes) {
		Set<String> checked = checkScopes(scopes);
		synchronized (lock) {
			requireUser("userId", userId);
			Grants.Grant grant = new Grants.Grant(userId, checked);
			Grants.AccessToken at = issueAccessToken(grant);
			String refresh = issueRefreshToken(grant);
			return new Tokens(at.token, refresh, accessTokenTtl.toSeconds());
		}
	}

	/**
	 * Makes an access token expired now: using it answers 401, while its refresh token
	 * still works.
	 */
	public void expireAccessToken(String accessToken) {
		synchronized (lock) {
			Grants.AccessToken at = accessTokens.get(accessToken);
			if (at == null) {
				throw new IllegalArgumentException("accessToken is not a live token of this FakeDiscord");
			}
			at.expiresAt = now().minusSeconds(1);
		}
	}

	/**
	 * Revokes the authorization behind an access or refresh token (both die), as the
	 * revoke endpoint does.
	 */
	public boolean revokeToken(String token) {
		synchronized (lock) {
			return revoke(token);
		}
	}

	/** Requests received so far, oldest first, with secrets masked. */
	public List<RecordedRequest> journal() {
		synchronized (journal) {
			return List.copyOf(journal);
		}
	}

	/** Forgets the journal. */
	public void clearJournal() {
		synchronized (journal) {
			journal.clear();
		}
	}

	/** Request counters. */
	public FakeDiscordStats stats() {
		return new FakeDiscordStats(requestCount.get(), rateLimitedCount.get(), invalidCount.get());
	}

	/** Sets the counters back to zero and forgets rate-limit windows. */
	public void resetStats() {
		requestCount.set(0);
		rateLimitedCount.set(0);
		invalidCount.set(0);
		rateLimiter.reset();
	}

	/**
	 * Fault injection:
	 * {@code fake.faults().next("GET /users/@me", 1, Fault.status(502))}.
	 */
	public Faults faults() {
		return faults;
	}

	/** A seeded user. */
	public Optional<FakeUser> user(long userId) {
		synchronized (lock) {
			return Optional.ofNullable(users.get(userId));
		}
	}

	/**
	 * A user's membership in a guild, including members added through {@code PUT
	 * /guilds/{id}/members/{user}}.
	 */
	public Optional<FakeMember> member(long guildId, long userId) {
		synchronized (lock) {
			Map<Long, FakeMember> m = members.get(guildId);
			return Optional.ofNullable(m == null ? null : m.get(userId));
		}
	}

	/** Whether the user is a member of the guild. */
	public boolean isMember(long guildId, long userId) {
		return member(guildId, userId).isPresent();
	}

	/** Whether the application's bot is in the guild. */
	public boolean isBotInGuild(long guildId) {
		synchronized (lock) {
			return botGuilds.contains(guildId);
		}
	}

	/** The registered role connection metadata records. */
	public List<FakeRoleConnectionMetadata> roleConnectionMetadata() {
		synchronized (lock) {
			return roleConnectionMetadata;
		}
	}

	/** The role connection a user's token stored for this application, if any. */
	public Optional<FakeRoleConnection> roleConnection(long userId) {
		synchronized (lock) {
			return Optional.ofNullable(roleConnections.get(userId));
		}
	}

	/**
	 * Stops the server at once; open connections are dropped. Calling it again does
	 * nothing.
	 */
	@Override
	public void close() {
		if (!closed.compareAndSet(false, true)) {
			return;
		}
		server.stop(0);
		executor.shutdownNow();
		try {
			executor.awaitTermination(1, TimeUnit.SECONDS);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}

	/** Names the fake and its port; never a secret. */
	@Override
	public String toString() {
		return "FakeDiscord[" + baseUrl + ", clientId=" + clientId + "]";
	}

	// ---------------------------------------------------------------------------------------------
	// Package-private state operations (callers hold lock)

	Instant now() {
		return clock.instant();
	}

	Clock clock() {
		return clock;
	}

	long ownerId() {
		return ownerId;
	}

	Duration accessTokenTtl() {
		return accessTokenTtl;
	}

	boolean allowLoopbackRedirects() {
		return allowLoopbackRedirects;
	}

	long actingUser() {
		return actingUserId;
	}

	RateLimiter rateLimiter() {
		return rateLimiter;
	}

	String randomToken(int length) {
		char[] out = new char[length];
		for (int i = 0; i < length; i++) {
			out[i] = TOKEN_CHARS[random.nextInt(TOKEN_CHARS.length)];
		}
		return new String(out);
	}

	long nextSnowflake() {
		long ts = now().toEpochMilli() - DISCORD_EPOCH;
		return (Math.max(ts, 0) << 22) | (snowflakeSequence++ & 0x3FFFFF);
	}

	String newCode(long userId, String redirectUri, Set<String> scopes, @Nullable String challenge,
			@Nullable Long guildId) {
		String code = randomToken(30);
		Set<String> granted = Collections.unmodifiableSet(new LinkedHashSet<>(scopes));
		codes.put(code, new Grants.Code(code, userId, redirectUri, granted, challenge, now().plus(authorizationCodeTtl),
				guildId));
		return code;
	}

	Grants.AccessToken issueAccessToken(Grants.Grant grant) {
		Grants.AccessToken at = new Grants.AccessToken(randomToken(30), grant, now().plus(accessTokenTtl));
		accessTokens.put(at.token, at);
		grant.accessTokens.add(at.token);
		return at;
	}

	String issueRefreshToken(Grants.Grant grant) {
		if (grant.refreshToken != null) {
			refreshTokens.remove(grant.refreshToken);
		}
		String refresh = randomToken(30);
		grant.refreshToken = refresh;
		refreshTokens.put(refresh, grant);
		return refresh;
	}

	/** A live (unexpired, unrevoked) access token, or null. */
	Grants.@Nullable AccessToken liveAccessToken(@Nullable String token) {
		if (token == null) {
			return null;
		}
		Grants.AccessToken at = accessTokens.get(token);
		if (at == null || !now().isBefore(at.expiresAt)) {
			return null;
		}
		return at;
	}

	boolean revoke(String token) {
		Grants.Grant grant = null;
		Grants.AccessToken at = accessTokens.get(token);
		if (at != null) {
			grant = at.grant;
		}
		else {
			grant = refreshTokens.get(token);
		}
		if (grant == null) {
			return false;
		}
		for (String t : grant.accessTokens) {
			accessTokens.remove(t);
		}
		grant.accessTokens.clear();
		if (grant.refreshToken != null) {
			refreshTokens.remove(grant.refreshToken);
			grant.refreshToken = null;
		}
		return true;
	}

	void addMember(FakeMember member) {
		members.computeIfAbsent(member.guildId(), k -> new LinkedHashMap<>()).put(member.userId(), member);
	}

	void record(RecordedRequest request, int status) {
		synchronized (journal) {
			journal.addLast(request);
			if (journal.size() > JOURNAL_LIMIT) {
				journal.removeFirst();
			}
		}
		if (status == 429) {
			rateLimitedCount.incrementAndGet();
		}
		if (status == 401 || status == 403 || status == 429) {
			invalidCount.incrementAndGet();
		}
	}

	void countRequest() {
		requestCount.incrementAndGet();
	}

	private void requireUser(String name, long userId) {
		if (!users.containsKey(userId)) {
			throw new IllegalArgumentException(name + " " + userId + " is not a seeded user; add it with"
					+ " FakeDiscord.builder().user(FakeUser.of(" + userId + "L, \"name\")) or use demoData()");
		}
	}

	private static Set<String> checkScopes(Collection<String> scopes) {
		Objects.requireNonNull(scopes, "scopes");
		Set<String> result = new LinkedHashSet<>();
		for (String s : scopes) {
			if (!Scopes.isKnown(s)) {
				throw new IllegalArgumentException("scopes contains \"" + s + "\", which is not a Discord OAuth2 scope"
						+ " (e.g. identify, email, guilds, guilds.join, connections, role_connections.write)");
			}
			result.add(s);
		}
		return result;
	}

	// ---------------------------------------------------------------------------------------------

	/** Configures and starts a {@link FakeDiscord}. */
	public static final class Builder {

		private long clientId = DemoData.APPLICATION_ID;

		private String clientSecret = DemoData.CLIENT_SECRET;

		private @Nullable String botToken = DemoData.BOT_TOKEN;

		private String applicationName = "FakeDiscord App";

		private final List<String> redirectUris = new ArrayList<>();

		private boolean allowLoopbackRedirects;

		private boolean autoApprove;

		private final Map<Long, FakeUser> users = new LinkedHashMap<>();

		private final Map<Long, FakeGuild> guilds = new LinkedHashMap<>();

		private final List<FakeMember> members = new ArrayList<>();

		private final Set<Long> botGuilds = new LinkedHashSet<>();

		private final Map<Long, List<FakeConnection>> connections = new LinkedHashMap<>();

		private final List<FakeRoleConnectionMetadata> metadata = new ArrayList<>();

		private int port;

		private String host = "127.0.0.1";

		private RateLimits rateLimits = RateLimits.none();

		private Clock clock = Clock.systemUTC();

		private Duration authorizationCodeTtl = Duration.ofMinutes(10);

		private Duration accessTokenTtl = Duration.ofSeconds(604800);

		private @Nullable Long actAs;

		private @Nullable Long applicationOwner;

		private Builder() {
		}

		/**
		 * The application's client id and secret (default:
		 * {@link DemoData#APPLICATION_ID}, {@link DemoData#CLIENT_SECRET}).
		 */
		public Builder application(long clientId, String clientSecret) {
			if (clientId <= 0) {
				throw new IllegalArgumentException("clientId must be a positive snowflake, got " + clientId);
			}
			this.clientId = clientId;
			this.clientSecret = requireText("clientSecret", clientSecret);
			return this;
		}

		/** The name on the consent screen. */
		public Builder applicationName(String applicationName) {
			this.applicationName = requireText("applicationName", applicationName);
			return this;
		}

		/**
		 * The bot token for {@code Authorization: Bot} endpoints (default
		 * {@link DemoData#BOT_TOKEN}); null for no bot.
		 */
		public Builder botToken(@Nullable String botToken) {
			this.botToken = botToken == null ? null : requireText("botToken", botToken);
			return this;
		}

		/**
		 * Registers a redirect URI (repeatable); authorize and token requests must use a
		 * registered one exactly.
		 */
		public Builder redirectUri(String redirectUri) {
			requireText("redirectUri", redirectUri);
			try {
				URI uri = new URI(redirectUri);
				if (!uri.isAbsolute()) {
					throw new IllegalArgumentException(
							"redirectUri must be absolute (scheme://host/path), got " + redirectUri);
				}
			}
			catch (URISyntaxException e) {
				throw new IllegalArgumentException("redirectUri is not a valid URI: " + redirectUri, e);
			}
			if (!redirectUris.contains(redirectUri)) {
				redirectUris.add(redirectUri);
			}
			return this;
		}

		/**
		 * Also accept any {@code http://localhost|127.0.0.1|[::1]:<port>/...} redirect
		 * (apps on random test ports).
		 */
		public Builder allowLoopbackRedirects(boolean allow) {
			this.allowLoopbackRedirects = allow;
			return this;
		}

		/**
		 * Approve authorize requests at once, without the consent screen (scripted
		 * clients).
		 */
		public Builder autoApprove(boolean autoApprove) {
			this.autoApprove = autoApprove;
			return this;
		}

		/**
		 * Seeds {@link DemoData}: demo app name and redirect URI, users, guilds,
		 * memberships, connections.
		 */
		public Builder demoData() {
			DemoData.seed(this);
			return this;
		}

		/** Seeds a user (replacing one with the same id). */
		public Builder user(FakeUser user) {
			users.put(Objects.requireNonNull(user, "user").id(), user);
			return this;
		}

		/** Seeds a guild; its owner becomes a member when the owner is a seeded user. */
		public Builder guild(FakeGuild guild) {
			guilds.put(Objects.requireNonNull(guild, "guild").id(), guild);
			return this;
		}

		/** Makes a user an ordinary member of a guild. */
		public Builder member(long guildId, long userId) {
			return member(FakeMember.of(guildId, userId, Instant.parse("2024-01-15T10:00:00Z")));
		}

		/** Seeds a membership with nickname, roles and permissions. */
		public Builder member(FakeMember member) {
			members.add(Objects.requireNonNull(member, "member"));
			return this;
		}

		/**
		 * Puts the application's bot in a guild (needed for {@code PUT
		 * /guilds/{id}/members/{user}}).
		 */
		public Builder botInGuild(long guildId) {
			botGuilds.add(guildId);
			return this;
		}

		/** Seeds a connection of a user. */
		public Builder connection(long userId, FakeConnection connection) {
			connections.computeIfAbsent(userId, k -> new ArrayList<>())
				.add(Objects.requireNonNull(connection, "connection"));
			return this;
		}

		/** Seeds registered role connection metadata records (at most 5 in total). */
		public Builder roleConnectionMetadata(FakeRoleConnectionMetadata... records) {
			metadata.addAll(List.of(records));
			return this;
		}

		/** Seeds registered role connection metadata records (at most 5 in total). */
		public Builder roleConnectionMetadata(List<FakeRoleConnectionMetadata> records) {
			metadata.addAll(records);
			return this;
		}

		/** The port, 0 (default) for a random free one. */
		public Builder port(int port) {
			if (port < 0 || port > 65535) {
				throw new IllegalArgumentException("port must be 0 (random) or 1..65535, got " + port);
			}
			this.port = port;
			return this;
		}

		/**
		 * The address to listen on (default {@code 127.0.0.1}; {@code 0.0.0.0} for all
		 * interfaces).
		 */
		public Builder host(String host) {
			this.host = requireText("host", host);
			return this;
		}

		/** Rate limits (default {@link RateLimits#none()}). */
		public Builder rateLimits(RateLimits rateLimits) {
			this.rateLimits = Objects.requireNonNull(rateLimits, "rateLimits");
			return this;
		}

		/**
		 * The clock for code/token expiry and rate-limit windows (tests may pass a
		 * movable clock).
		 */
		public Builder clock(Clock clock) {
			this.clock = Objects.requireNonNull(clock, "clock");
			return this;
		}

		/**
		 * How long an authorization code lives (default 10 minutes; Discord's is
		 * shorter).
		 */
		public Builder authorizationCodeTtl(Duration ttl) {
			this.authorizationCodeTtl = nonNegative("authorizationCodeTtl", ttl);
			return this;
		}

		/** How long an access token lives (default 604800 s, as Discord). */
		public Builder accessTokenTtl(Duration ttl) {
			this.accessTokenTtl = nonNegative("accessTokenTtl", ttl);
			return this;
		}

		/**
		 * The user who approves on the consent screen (default: the first seeded user).
		 */
		public Builder actAs(long userId) {
			this.actAs = userId;
			return this;
		}

		/**
		 * The user a client-credentials token belongs to (default: the first seeded
		 * user).
		 */
		public Builder applicationOwner(long userId) {
			this.applicationOwner = userId;
			return this;
		}

		/**
		 * Checks the seed and starts the server; fails with a message naming the bad
		 * setting.
		 */
		public FakeDiscord start() {
			for (FakeMember m : members) {
				requireGuild("member(guildId=" + m.guildId() + ")", m.guildId());
				requireSeededUser("member(userId=" + m.userId() + ")", m.userId());
			}
			for (Long g : botGuilds) {
				requireGuild("botInGuild(" + g + ")", g);
			}
			for (Long u : connections.keySet()) {
				requireSeededUser("connection(userId=" + u + ")", u);
			}
			if (actAs != null) {
				requireSeededUser("actAs(" + actAs + ")", actAs);
			}
			if (applicationOwner != null) {
				requireSeededUser("applicationOwner(" + applicationOwner + ")", applicationOwner);
			}
			String problem = RestEndpoints.validateMetadata(metadata);
			if (problem != null) {
				throw new IllegalArgumentException("roleConnectionMetadata: " + problem);
			}
			return new FakeDiscord(this);
		}

		private void requireGuild(String what, long guildId) {
			if (!guilds.containsKey(guildId)) {
				throw new IllegalArgumentException(
						what + ": guild " + guildId + " is not seeded; add it with .guild(...)");
			}
		}

		private void requireSeededUser(String what, long userId) {
			if (!users.containsKey(userId)) {
				throw new IllegalArgumentException(
						what + ": user " + userId + " is not seeded; add it with .user(...)");
			}
		}

		private static String requireText(String name, @Nullable String value) {
			if (value == null || value.isBlank()) {
				throw new IllegalArgumentException(name + " must not be null or blank");
			}
			return value;
		}

		private static Duration nonNegative(String name, Duration d) {
			Objects.requireNonNull(d, name);
			if (d.isNegative()) {
				throw new IllegalArgumentException(name + " must not be negative, got " + d);
			}
			return d;
		}

	}

}
