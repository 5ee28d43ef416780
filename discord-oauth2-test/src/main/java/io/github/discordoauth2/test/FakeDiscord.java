package io.github.discordoauth2.test;

import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * A faithful in-process Discord on a loopback port: the OAuth2 authorize page, token and
 * revoke endpoints and the REST endpoints a "Login with Discord" or linked-roles app
 * uses, following the rules catalogued in the project's {@code docs/discord-rules.md}.
 *
 * <p>
 * Split like OkHttp's MockWebServer: this facade, {@code FakeState} (the data, behind one
 * lock), {@code HttpFront} (routing) and the endpoint classes, which use only the state's
 * methods. Example: {@code FakeDiscord.builder().demoData().start()}.
 *
 * @since 0.1.0
 */
public final class FakeDiscord implements AutoCloseable {

	/**
	 * Tokens as the token endpoint would have issued them.
	 *
	 * @param accessToken the access token
	 * @param refreshToken the refresh token
	 * @param expiresIn seconds until the access token expires
	 * @since 0.1.0
	 */
	public record Tokens(String accessToken, String refreshToken, long expiresIn) {
		/** Masks both tokens: they are secrets even in a fake. */
		@Override
		public String toString() {
			return "Tokens[accessToken=***, refreshToken=***, expiresIn=" + this.expiresIn + "]";
		}
	}

	private final Listener listener;

	private final FakeState state;

	private final HttpFront front;

	private final WebhookEvents webhookEvents;

	private FakeDiscord(Seed seed) {
		this.webhookEvents = new WebhookEvents(seed.clientId, seed.clock, seed.webhookEventsKeyPair,
				seed.webhookEventsUrl);
		try {
			this.listener = new Listener(seed.host, seed.port);
		}
		catch (RuntimeException e) {
			this.webhookEvents.close();
			throw e;
		}
		this.state = new FakeState(seed.application(this.webhookEvents.publicKey()), seed.clock, seed);
		this.front = new HttpFront(this.state, seed, this.listener.baseUrl(), this.webhookEvents);
		this.listener.start(this.front);
	}

	/**
	 * @return a configuration with the demo credentials and no users
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * @return {@code http://127.0.0.1:<port>}, REST below {@code /api/v10}
	 */
	public String baseUrl() {
		return this.listener.baseUrl();
	}

	/**
	 * @return the port the fake listens on
	 */
	public int port() {
		return this.listener.port();
	}

	/**
	 * @return the application (client) id
	 */
	public long clientId() {
		return this.state.app().clientId();
	}

	/**
	 * @return the client secret
	 */
	public String clientSecret() {
		return this.state.app().clientSecret();
	}

	/**
	 * @return the bot token, or null if the application has no bot
	 */
	public @Nullable String botToken() {
		return this.state.app().botToken();
	}

	/**
	 * @return the application name shown on the consent screen
	 */
	public String applicationName() {
		return this.state.app().name();
	}

	/**
	 * @return the registered redirect URIs
	 */
	public List<String> redirectUris() {
		return this.state.app().redirectUris();
	}

	/**
	 * The application's "Public Key" as the developer portal shows it: the raw 32-byte
	 * Ed25519 public key in hex, which verifies the {@code X-Signature-Ed25519} header of
	 * the webhook events the fake sends (and is the application's {@code verify_key}).
	 * Default {@link DemoData#WEBHOOK_EVENTS_PUBLIC_KEY}.
	 * @return 64 hex digits
	 * @since 0.1.0
	 */
	public String webhookEventsPublicKey() {
		return this.webhookEvents.publicKey();
	}

	/**
	 * The signed webhook events sent to the application: the URL, PINGs, what was
	 * delivered and how to wait for it.
	 * @return the fake's webhook events
	 * @since 0.1.0
	 */
	public WebhookEvents webhookEvents() {
		return this.webhookEvents;
	}

	/**
	 * Chooses which seeded user is signed in and approves (default: the first user).
	 * @param userId a seeded user's id
	 * @return this fake
	 */
	public FakeDiscord actAs(long userId) {
		this.state.actAs(userId);
		return this;
	}

	/**
	 * @return the user who approves on the consent screen
	 */
	public long actingUserId() {
		return this.state.actingUser();
	}

	/**
	 * Switches immediate approval of authorize requests on or off at run time.
	 * @param autoApprove whether to approve without showing the consent screen
	 * @return this fake
	 */
	public FakeDiscord autoApprove(boolean autoApprove) {
		this.state.autoApprove(autoApprove);
		return this;
	}

	/**
	 * @return whether authorize requests are approved without showing the consent screen
	 */
	public boolean autoApprove() {
		return this.state.autoApprove();
	}

	/**
	 * An authorization code, as if {@code userId} had approved {@code scopes}.
	 * @param userId a seeded user's id
	 * @param redirectUri the redirect URI the code is bound to
	 * @param scopes the approved scopes
	 * @return the code
	 */
	public String createAuthorizationCode(long userId, String redirectUri, Set<String> scopes) {
		return createAuthorizationCode(userId, redirectUri, scopes, null);
	}

	/**
	 * The same, bound to a PKCE challenge.
	 * @param userId a seeded user's id
	 * @param redirectUri the redirect URI the code is bound to
	 * @param scopes the approved scopes
	 * @param codeChallengeS256 the PKCE challenge (base64url SHA-256, no padding), or
	 * null for none
	 * @return the code
	 */
	public String createAuthorizationCode(long userId, String redirectUri, Set<String> scopes,
			@Nullable String codeChallengeS256) {
		Objects.requireNonNull(redirectUri, "redirectUri");
		Set<String> checked = Rules.knownScopes(scopes);
		if (codeChallengeS256 != null) {
			Rules.requirePkceAllowed(checked, codeChallengeS256);
		}
		synchronized (this.state) {
			this.state.requireUser("userId", userId);
			return this.state.newCode(userId, redirectUri, checked, codeChallengeS256, null);
		}
	}

	/**
	 * Tokens for {@code userId} with {@code scopes}, as if a code had been exchanged.
	 * @param userId a seeded user's id
	 * @param scopes the granted scopes
	 * @return the new tokens
	 */
	public Tokens createToken(long userId, Set<String> scopes) {
		Set<String> checked = Rules.knownScopes(scopes);
		synchronized (this.state) {
			this.state.requireUser("userId", userId);
			Grants.Grant grant = new Grants.Grant(userId, checked);
			return new Tokens(this.state.issueAccessToken(grant).token, this.state.issueRefreshToken(grant),
					this.state.app().accessTokenTtl().toSeconds());
		}
	}

	/**
	 * Expires an access token now; its refresh token still works.
	 * @param accessToken a live access token of this fake
	 */
	public void expireAccessToken(String accessToken) {
		if (!this.state.expire(accessToken)) {
			throw new IllegalArgumentException("accessToken is not a live token of this FakeDiscord");
		}
	}

	/**
	 * Revokes the authorization behind an access or refresh token: both die.
	 * @param token an access or refresh token
	 * @return whether the token was known
	 */
	public boolean revokeToken(String token) {
		return this.state.revoke(token);
	}

	/**
	 * The user removes the application in Discord (User Settings, Authorized Apps): every
	 * access and refresh token of that user for this application dies at once, the next
	 * authorize asks for consent again (also with {@code prompt=none}), and an
	 * {@code APPLICATION_DEAUTHORIZED} webhook event goes to the Webhook Events URL if
	 * one is set. Tokens the application got through client credentials stay.
	 * @param userId a seeded user
	 * @return false if the user had not authorized the application (then no event is
	 * sent)
	 * @throws IllegalArgumentException when the user is not seeded
	 * @since 0.1.0
	 */
	public boolean deauthorize(long userId) {
		return deauthorize(this.state, this.webhookEvents, userId);
	}

	/** The one way a user removes the app, for this API and the admin endpoint alike. */
	static boolean deauthorize(FakeState state, WebhookEvents webhookEvents, long userId) {
		synchronized (state) {
			state.requireUser("userId", userId);
			FakeUser user = Objects.requireNonNull(state.user(userId));
			boolean authorized = state.deauthorize(userId);
			if (authorized) {
				webhookEvents.applicationDeauthorized(Views.publicUser(user));
			}
			return authorized;
		}
	}

	/**
	 * @return the requests received so far, oldest first, with secrets masked
	 */
	public List<RecordedRequest> journal() {
		return this.front.journal().entries();
	}

	/** Forgets the journal. */
	public void clearJournal() {
		this.front.journal().clear();
	}

	/**
	 * @return the request counters
	 */
	public FakeDiscordStats stats() {
		return this.front.journal().stats();
	}

	/** Sets the counters back to zero and forgets rate-limit windows and bans. */
	public void resetStats() {
		this.front.resetStats();
	}

	/**
	 * @return the fault injection, e.g. {@code faults().next("GET /users/@me", 1, f)}
	 */
	public Faults faults() {
		return this.front.faults();
	}

	/**
	 * A seeded user.
	 * @param userId the user's id
	 * @return the user, if seeded
	 */
	public Optional<FakeUser> user(long userId) {
		return Optional.ofNullable(this.state.user(userId));
	}

	/**
	 * A seeded guild, to change its roles and members while the application runs, e.g.
	 * {@code fake.guild(id).member(userId).grantRole(roleId)}; changes show on the next
	 * Discord call.
	 * @param guildId a seeded guild
	 * @return a handle on the live guild
	 * @throws IllegalArgumentException when the guild is not seeded
	 * @since 0.1.0
	 */
	public GuildHandle guild(long guildId) {
		FakeGuild guild = this.state.guild(guildId);
		if (guild == null) {
			throw new IllegalArgumentException(
					"guild " + guildId + " is not seeded; add it with" + " FakeDiscord.builder().guild(FakeGuild.of("
							+ guildId + "L, \"name\", ownerId)) or use demoData()");
		}
		return new GuildHandle(this.state, guild);
	}

	/**
	 * A membership, including those added through Add Guild Member.
	 * @param guildId the guild's id
	 * @param userId the user's id
	 * @return the membership, if any
	 */
	public Optional<FakeMember> member(long guildId, long userId) {
		return Optional.ofNullable(this.state.member(guildId, userId));
	}

	/**
	 * Whether the user is a member of the guild.
	 * @param guildId the guild's id
	 * @param userId the user's id
	 * @return whether the user is a member
	 */
	public boolean isMember(long guildId, long userId) {
		return member(guildId, userId).isPresent();
	}

	/**
	 * Whether the application's bot is in the guild.
	 * @param guildId the guild's id
	 * @return whether the bot is in the guild
	 */
	public boolean isBotInGuild(long guildId) {
		return this.state.isBotIn(guildId);
	}

	/**
	 * @return the registered role connection metadata records
	 */
	public List<FakeRoleConnectionMetadata> roleConnectionMetadata() {
		return this.state.metadata();
	}

	/**
	 * The role connection a user's token stored for this application.
	 * @param userId the user's id
	 * @return the role connection, if any
	 */
	public Optional<FakeRoleConnection> roleConnection(long userId) {
		return Optional.ofNullable(this.state.roleConnection(userId));
	}

	/**
	 * Stops at once, dropping open connections and webhook events not yet sent;
	 * idempotent.
	 */
	@Override
	public void close() {
		this.listener.close();
		this.webhookEvents.close();
	}

	/** Names the fake and its port; never a secret. */
	@Override
	public String toString() {
		return "FakeDiscord[" + baseUrl() + ", clientId=" + clientId() + "]";
	}

	/**
	 * Configures and starts a {@link FakeDiscord}.
	 *
	 * @since 0.1.0
	 */
	public static final class Builder {

		private final Seed seed = new Seed();

		private Builder() {
		}

		/**
		 * The client id and secret (default: {@link DemoData}'s).
		 * @param clientId the application (client) id
		 * @param clientSecret the client secret
		 * @return this builder
		 */
		public Builder application(long clientId, String clientSecret) {
			this.seed.application(clientId, clientSecret);
			return this;
		}

		/**
		 * The name on the consent screen.
		 * @param applicationName the application's name
		 * @return this builder
		 */
		public Builder applicationName(String applicationName) {
			this.seed.applicationName = Seed.requireText("applicationName", applicationName);
			return this;
		}

		/**
		 * The bot token (default {@link DemoData#BOT_TOKEN}).
		 * @param botToken the bot token, or null for no bot
		 * @return this builder
		 */
		public Builder botToken(@Nullable String botToken) {
			this.seed.botToken = botToken == null ? null : Seed.requireText("botToken", botToken);
			return this;
		}

		/**
		 * Registers a redirect URI (repeatable); matched exactly.
		 * @param redirectUri an absolute redirect URI
		 * @return this builder
		 */
		public Builder redirectUri(String redirectUri) {
			this.seed.redirectUri(redirectUri);
			return this;
		}

		/**
		 * Also accept any {@code http://localhost:<port>/...} redirect.
		 * @param allow whether to accept loopback redirects that are not registered
		 * @return this builder
		 */
		public Builder allowLoopbackRedirects(boolean allow) {
			this.seed.allowLoopbackRedirects = allow;
			return this;
		}

		/**
		 * Approve authorize requests without the consent screen.
		 * @param autoApprove whether to skip the consent screen
		 * @return this builder
		 */
		public Builder autoApprove(boolean autoApprove) {
			this.seed.autoApprove = autoApprove;
			return this;
		}

		/**
		 * The portal's "Public Client" switch: refresh without secret.
		 * @param publicClient whether the application is a public client
		 * @return this builder
		 */
		public Builder publicClient(boolean publicClient) {
			this.seed.publicClient = publicClient;
			return this;
		}

		/**
		 * A team owns the app (limits client-credentials scopes).
		 * @param team whether a team owns the application
		 * @return this builder
		 */
		public Builder teamApplication(boolean team) {
			this.seed.team = team;
			return this;
		}

		/**
		 * Seeds {@link DemoData}: app, users, guilds, connections.
		 * @return this builder
		 */
		public Builder demoData() {
			DemoData.seed(this);
			return this;
		}

		/**
		 * Seeds a user (replacing one with the same id).
		 * @param user the user
		 * @return this builder
		 */
		public Builder user(FakeUser user) {
			this.seed.users.put(Objects.requireNonNull(user, "user").id(), user);
			return this;
		}

		/**
		 * Seeds a guild; its owner becomes a member when the owner is a seeded user.
		 * @param guild the guild
		 * @return this builder
		 */
		public Builder guild(FakeGuild guild) {
			this.seed.guilds.put(Objects.requireNonNull(guild, "guild").id(), guild);
			return this;
		}

		/**
		 * Makes a user an ordinary member of a guild.
		 * @param guildId the guild's id
		 * @param userId the user's id
		 * @return this builder
		 */
		public Builder member(long guildId, long userId) {
			return member(FakeMember.of(guildId, userId, Instant.parse("2024-01-15T10:00:00Z")));
		}

		/**
		 * Seeds a membership with nickname and roles; its roles must be seeded with
		 * {@link #role(long, FakeRole)}.
		 * @param member the membership
		 * @return this builder
		 */
		public Builder member(FakeMember member) {
			this.seed.members.add(Objects.requireNonNull(member, "member"));
			return this;
		}

		/**
		 * Seeds a role of a guild (replacing one with the same id). Every guild has
		 * {@code @everyone} with {@link FakeRole#DEFAULT_EVERYONE_PERMISSIONS}; seed
		 * {@link FakeRole#everyone(long, String)} to change its permissions.
		 * @param guildId a seeded guild
		 * @param role the role
		 * @return this
		 * @since 0.1.0
		 */
		public Builder role(long guildId, FakeRole role) {
			this.seed.role(guildId, Objects.requireNonNull(role, "role"));
			return this;
		}

		/**
		 * Puts the application's bot in a guild.
		 * @param guildId the guild's id
		 * @return this builder
		 */
		public Builder botInGuild(long guildId) {
			this.seed.botGuilds.add(guildId);
			return this;
		}

		/**
		 * Seeds a connection of a user.
		 * @param userId the user's id
		 * @param connection the connection
		 * @return this builder
		 */
		public Builder connection(long userId, FakeConnection connection) {
			this.seed.connections.computeIfAbsent(userId, k -> new ArrayList<>())
				.add(Objects.requireNonNull(connection, "connection"));
			return this;
		}

		/**
		 * Seeds registered role connection metadata records (at most 5 in total).
		 * @param records the records
		 * @return this builder
		 */
		public Builder roleConnectionMetadata(FakeRoleConnectionMetadata... records) {
			return roleConnectionMetadata(List.of(records));
		}

		/**
		 * Seeds registered role connection metadata records (at most 5 in total).
		 * @param records the records
		 * @return this builder
		 */
		public Builder roleConnectionMetadata(List<FakeRoleConnectionMetadata> records) {
			this.seed.metadata.addAll(records);
			return this;
		}

		/**
		 * The port to listen on.
		 * @param port the port, 0 (default) for a random free one
		 * @return this builder
		 */
		public Builder port(int port) {
			this.seed.port(port);
			return this;
		}

		/**
		 * The address to listen on (default {@code 127.0.0.1}).
		 * @param host the address
		 * @return this builder
		 */
		public Builder host(String host) {
			this.seed.host = Seed.requireText("host", host);
			return this;
		}

		/**
		 * Rate limits (default {@link RateLimits#none()}).
		 * @param rateLimits the rate limits
		 * @return this builder
		 */
		public Builder rateLimits(RateLimits rateLimits) {
			this.seed.rateLimits = Objects.requireNonNull(rateLimits, "rateLimits");
			return this;
		}

		/**
		 * Bans an address for {@code window} after {@code count} 401/403/429 (0: off).
		 * @param count how many invalid requests ban an address, 0 for no ban
		 * @param window how long the ban lasts
		 * @return this builder
		 */
		public Builder invalidRequestLimit(int count, Duration window) {
			this.seed.invalidRequestLimit(count, window);
			return this;
		}

		/**
		 * The clock for expiry and rate-limit windows.
		 * @param clock the clock
		 * @return this builder
		 */
		public Builder clock(Clock clock) {
			this.seed.clock = Objects.requireNonNull(clock, "clock");
			return this;
		}

		/**
		 * How long a code lives (default 10 minutes).
		 * @param ttl the code's lifetime
		 * @return this builder
		 */
		public Builder authorizationCodeTtl(Duration ttl) {
			this.seed.authorizationCodeTtl = Seed.nonNegative("authorizationCodeTtl", ttl);
			return this;
		}

		/**
		 * How long an access token lives (default 604800 s, as Discord).
		 * @param ttl the access token's lifetime
		 * @return this builder
		 */
		public Builder accessTokenTtl(Duration ttl) {
			this.seed.accessTokenTtl = Seed.nonNegative("accessTokenTtl", ttl);
			return this;
		}

		/**
		 * Whether a refresh leaves the old access token alive until it expires. Default
		 * false, as Discord: the old access token answers 401 at once, because a
		 * refreshed token's stale copy is invalid (discord-api-docs PR #620). Set true
		 * only to test a client against the older, lenient behaviour.
		 * @param survives true to keep old access tokens alive after a refresh
		 * @return this
		 * @since 0.1.0
		 */
		public Builder accessTokenSurvivesRefresh(boolean survives) {
			this.seed.accessTokenSurvivesRefresh = survives;
			return this;
		}

		/**
		 * The application's Webhook Events URL, as set on the developer portal's Webhooks
		 * page (default none: no events are sent). Can also be set later with
		 * {@code fake.webhookEvents().url(...)}.
		 * @param url an absolute {@code http} or {@code https} URL
		 * @return this
		 * @since 0.1.0
		 */
		public Builder webhookEventsUrl(String url) {
			this.seed.webhookEventsUrl = WebhookEvents.checkedUrl(Objects.requireNonNull(url, "url"));
			return this;
		}

		/**
		 * The Ed25519 key pair that signs webhook events (default: a fixed demo key whose
		 * public half is {@link DemoData#WEBHOOK_EVENTS_PUBLIC_KEY}), e.g.
		 * {@code KeyPairGenerator.getInstance("Ed25519").generateKeyPair()}.
		 * @param keyPair an Ed25519 key pair
		 * @return this
		 * @since 0.1.0
		 */
		public Builder webhookEventsKeyPair(KeyPair keyPair) {
			WebhookEvents.rawPublicKey(Objects.requireNonNull(keyPair, "keyPair"));
			this.seed.webhookEventsKeyPair = keyPair;
			return this;
		}

		/**
		 * Who approves on the consent screen (default: first user).
		 * @param userId a seeded user's id
		 * @return this builder
		 */
		public Builder actAs(long userId) {
			this.seed.actAs = userId;
			return this;
		}

		/**
		 * Whose client-credentials token it is (default: first user).
		 * @param userId a seeded user's id
		 * @return this builder
		 */
		public Builder applicationOwner(long userId) {
			this.seed.applicationOwner = userId;
			return this;
		}

		/**
		 * Checks the seed, naming a bad setting, and starts.
		 * @return the running fake
		 */
		public FakeDiscord start() {
			return new FakeDiscord(this.seed.checked());
		}

	}

}
