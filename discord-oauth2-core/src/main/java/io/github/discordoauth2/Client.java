package io.github.discordoauth2;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

import io.github.discordoauth2.model.Application;
import io.github.discordoauth2.model.RoleConnectionMetadata;
import io.github.discordoauth2.support.SharedCalls;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.web.client.RestClient;

/**
 * A Discord application's OAuth2 client: builds authorization URLs, exchanges codes,
 * refreshes, revokes, and manages linked-roles metadata. Thread-safe; create one per
 * application and share it.
 *
 * <pre>{@code
 * Client client = Client.builder()
 *     .clientId(1100000000000000001L)
 *     .clientSecret(System.getenv("DISCORD_CLIENT_SECRET"))
 *     .redirectUri("https://example.com/callback")
 *     .build();
 *
 * // 1. Send the user to Discord, with a state kept in their session.
 * String state = AuthorizationRequest.randomState();
 * URI authorize = client.generateUri(AuthorizationRequest.builder()
 *     .scopes(Scopes.IDENTIFY, Scopes.GUILDS)
 *     .state(state)
 *     .build());
 *
 * // 2. On the callback, check that its state equals the session's, then:
 * AccessToken token = client.exchangeCode(code);
 * User user = token.fetchIdentify();
 * }</pre>
 *
 * Plain {@code http} is for a stand-in on the loopback only: a {@code baseUrl} or
 * {@code redirectUri} over {@code http} to any other host sends the client secret, codes
 * and tokens in the clear.
 *
 * @since 0.1.0
 */
public final class Client {

	/** Discord's production base URL. */
	public static final String DEFAULT_BASE_URL = "https://discord.com";

	/** How long a call waits for a connection unless the builder says otherwise. */
	public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);

	/**
	 * How long a call waits for each read of an answer unless the builder says otherwise.
	 */
	public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(30);

	/** The REST API version every call uses. */
	public static final int API_VERSION = 10;

	/** The project URL sent in the {@code User-Agent}. */
	public static final String PROJECT_URL = "https://github.com/discord-oauth2/discord-oauth2-java";

	private final ClientSettings settings;

	private final Requests requests;

	private final DiscordHttp http;

	private final SharedCalls<AccessToken> refreshes = new SharedCalls<>();

	private Client(Builder builder) {
		this.settings = new ClientSettings(builder.clientId,
				new Credentials(builder.clientId, builder.clientSecret, builder.botToken), builder.redirectUri,
				builder.baseUrl, builder.clock, rateLimitHook(builder), builder.rateLimitMaxWait,
				builder.connectTimeout, builder.readTimeout);
		this.requests = new Requests(this.settings);
		this.http = new DiscordHttp(RestClients.create(builder.restClientBuilder, builder.timeoutsSet,
				builder.connectTimeout, builder.readTimeout, builder.observationRegistry), this.settings);
	}

	/**
	 * @return a new builder; {@code clientId} is required
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * @return the {@code User-Agent} sent with every request:
	 * {@code DiscordBot (<project url>, <version>)}
	 */
	public static String userAgent() {
		return "DiscordBot (" + PROJECT_URL + ", " + Version.VALUE + ")";
	}

	/**
	 * @return the application's client id
	 */
	public long clientId() {
		return this.settings.clientId();
	}

	/**
	 * @return the base URL, for example {@code https://discord.com} (no trailing slash)
	 */
	public String baseUrl() {
		return this.settings.baseUrl();
	}

	/**
	 * @return the default redirect URI, if configured
	 */
	public Optional<String> redirectUri() {
		return Optional.ofNullable(this.settings.redirectUri());
	}

	/**
	 * @return the authorize page, {@code {baseUrl}/oauth2/authorize}
	 */
	public URI authorizationEndpoint() {
		return URI.create(this.settings.baseUrl() + "/oauth2/authorize");
	}

	/**
	 * @return the token endpoint, {@code {baseUrl}/api/v10/oauth2/token}
	 */
	public URI tokenEndpoint() {
		return URI.create(this.settings.apiBase() + "/oauth2/token");
	}

	/**
	 * @return whether a bot token is configured (needed to add guild members and manage
	 * metadata records)
	 */
	public boolean hasBotToken() {
		return this.settings.credentials().hasBotToken();
	}

	/**
	 * @return whether a client secret is configured
	 */
	public boolean hasClientSecret() {
		return this.settings.credentials().hasClientSecret();
	}

	/**
	 * Builds the authorize URL for the given scopes with the client's redirect URI and
	 * {@code response_type=code} (for only {@code bot}/{@code applications.commands}:
	 * Discord's plain bot invite, without either).
	 * <p>
	 * A shortcut that leaves things out: no {@code state} (so nothing ties the callback
	 * to the user's session: no CSRF protection) and no PKCE challenge. It is fine for a
	 * bot invite, which comes back to no callback, and for links whose callback your own
	 * code does not trust (Spring Security adds its own state). For a login, use
	 * {@link #generateUri(AuthorizationRequest)} with
	 * {@link AuthorizationRequest#randomState()}.
	 * @param scopes at least one scope, for example {@link Scopes#IDENTIFY}
	 * @return the URL to send the user to
	 */
	public URI generateUri(String... scopes) {
		return generateUri(AuthorizationRequest.builder().scopes(scopes).build());
	}

	/**
	 * Builds the authorize URL for a full request: scopes joined by {@code %20}, then
	 * state, prompt, integration type (only when set), permissions, guild id,
	 * disable-guild-select and the PKCE challenge. A bot-only request is Discord's plain
	 * invite, without {@code response_type} and {@code redirect_uri} unless the request
	 * asks for them (see {@link AuthorizationRequest}).
	 * @param request what to ask for
	 * @return the URL to send the user to
	 */
	public URI generateUri(AuthorizationRequest request) {
		Args.notNull(request, "request");
		return AuthorizeUris.of(authorizationEndpoint().toString(), clientId(), this.settings.redirectUri(), request);
	}

	/**
	 * Exchanges an authorization code for a token, with the client's redirect URI. Never
	 * retried: a code is single-use.
	 * @param code the {@code code} from the redirect
	 * @return the token
	 * @throws io.github.discordoauth2.exceptions.InvalidGrantException when the code is
	 * invalid, expired or used
	 */
	public AccessToken exchangeCode(String code) {
		return exchangeCode(code, null);
	}

	/**
	 * Exchanges an authorization code obtained with a PKCE challenge, with the client's
	 * redirect URI.
	 * @param code the {@code code} from the redirect
	 * @param codeVerifier the PKCE verifier ({@link Pkce#verifier()}), or {@code null}
	 * without PKCE
	 * @return the token
	 */
	public AccessToken exchangeCode(String code, @Nullable String codeVerifier) {
		return tokenRequest(this.requests.exchangeCode(code, codeVerifier));
	}

	/**
	 * Exchanges an authorization code with the redirect URI of that very authorization.
	 * @param code the {@code code} from the redirect
	 * @param codeVerifier the PKCE verifier, or {@code null} without PKCE
	 * @param redirectUri the absolute redirect URI used in the authorize URL
	 * @return the token
	 */
	public AccessToken exchangeCode(String code, @Nullable String codeVerifier, String redirectUri) {
		return tokenRequest(this.requests.exchangeCode(code, codeVerifier, redirectUri));
	}

	/**
	 * Trades a refresh token for a new token; Discord rotates the refresh token, so store
	 * the new one. Concurrent calls with the same refresh token share one request.
	 * @param refreshToken the refresh token
	 * @return the new token
	 * @throws io.github.discordoauth2.exceptions.InvalidGrantException when the refresh
	 * token is no longer valid
	 */
	public AccessToken refreshToken(String refreshToken) {
		DiscordRequest request = this.requests.refresh(refreshToken);
		return this.refreshes.call(Secrets.identity(refreshToken), () -> tokenRequest(request));
	}

	/**
	 * Gets a token for the application's owner (client credentials grant, HTTP Basic). It
	 * has no refresh token.
	 * @param scopes at least one scope; team-owned apps may only use {@code identify} and
	 * {@code applications.commands.update}
	 * @return the token
	 */
	public AccessToken clientCredentialsGrant(String... scopes) {
		return clientCredentialsGrant(List.of(Args.notNull(scopes, "scopes")));
	}

	/**
	 * Gets a token for the application's owner (client credentials grant, HTTP Basic).
	 * @param scopes at least one scope
	 * @return the token
	 */
	public AccessToken clientCredentialsGrant(Collection<String> scopes) {
		return tokenRequest(this.requests.clientCredentials(scopes));
	}

	/**
	 * Wraps a stored access token so its user endpoints can be called; sends nothing.
	 * @param accessToken the access token
	 * @return the token handle
	 */
	public PartialAccessToken fromAccessToken(String accessToken) {
		return new PartialAccessToken(this, Args.notBlank(accessToken, "accessToken"));
	}

	/**
	 * Rebuilds a full token the application stored (or that Spring Security holds); sends
	 * nothing.
	 * @param accessToken the access token
	 * @param refreshToken the refresh token, or {@code null}
	 * @param expiresAt when the access token expires, or {@code null} if unknown
	 * @param scopes the granted scopes (may be empty if unknown)
	 * @return the token
	 */
	public AccessToken restoreAccessToken(String accessToken, @Nullable String refreshToken,
			@Nullable Instant expiresAt, Collection<String> scopes) {
		Args.notBlank(accessToken, "accessToken");
		if (refreshToken != null) {
			Args.notBlank(refreshToken, "refreshToken");
		}
		Args.notNull(scopes, "scopes");
		return new AccessToken(this, accessToken, "Bearer", refreshToken, expiresAt, new LinkedHashSet<>(scopes), null,
				null, null);
	}

	/**
	 * Revokes a token; Discord then revokes every access and refresh token of that
	 * authorization.
	 * @param token an access or refresh token
	 */
	public void revokeToken(String token) {
		revoke(token, null);
	}

	/**
	 * Revokes a token, telling Discord which kind it is; either way the whole
	 * authorization is revoked.
	 * @param token an access or refresh token
	 * @param hint which kind of token it is
	 */
	public void revokeToken(String token, TokenTypeHint hint) {
		revoke(token, Args.notNull(hint, "hint"));
	}

	/**
	 * Replaces the application's linked-roles metadata records (Bot auth) after checking
	 * them as Discord would.
	 * @param records at most 5 records
	 * @return the records Discord stored
	 */
	public List<RoleConnectionMetadata> updateLinkedRolesMetadata(List<RoleConnectionMetadata> records) {
		return this.http.sendList(this.requests.updateLinkedRolesMetadata(records), RoleConnectionMetadata.class);
	}

	/**
	 * Reads the application's registered linked-roles metadata records (Bot auth).
	 * @return the records
	 */
	public List<RoleConnectionMetadata> fetchLinkedRolesMetadata() {
		return this.http.sendList(this.requests.fetchLinkedRolesMetadata(), RoleConnectionMetadata.class);
	}

	/**
	 * Reads the application this client's bot belongs to
	 * ({@code GET /oauth2/applications/@me}, Bot auth); a cheap check that the bot token
	 * is valid and belongs to this client id.
	 * @return the application
	 */
	public Application fetchApplication() {
		return this.http.send(this.requests.fetchApplication(), Application.class);
	}

	/**
	 * @return a description with the secret and bot token masked
	 */
	@Override
	public String toString() {
		return "Client[clientId=" + Long.toUnsignedString(clientId()) + ", baseUrl=" + baseUrl() + ", redirectUri="
				+ this.settings.redirectUri() + ", " + this.settings.credentials() + "]";
	}

	DiscordHttp http() {
		return this.http;
	}

	Clock clock() {
		return this.settings.clock();
	}

	/** What this client was built with, for a {@link ReactiveClient} made from it. */
	ClientSettings settings() {
		return this.settings;
	}

	/** The application's calls, described once for both roads. */
	Requests requests() {
		return this.requests;
	}

	/**
	 * @return how many refreshes are running (for tests of bounded state)
	 */
	int refreshesInFlight() {
		return this.refreshes.size();
	}

	private void revoke(String token, @Nullable TokenTypeHint hint) {
		this.http.send(this.requests.revoke(token, hint));
	}

	private AccessToken tokenRequest(DiscordRequest request) {
		DiscordResponse response = this.http.send(request);
		return TokenResponses.read(this, request, response, this.settings.clock().instant());
	}

	private static RateLimitHook rateLimitHook(Builder builder) {
		RateLimitHook hook = (builder.rateLimitHook != null) ? builder.rateLimitHook
				: new RateLimiter(builder.rateLimitMaxWait);
		return (builder.rateLimitListener != null) ? new ListeningRateLimitHook(hook, builder.rateLimitListener) : hook;
	}

	/**
	 * Builds a {@link Client}. Only {@code clientId} is required; the rest is needed by
	 * the calls that use it.
	 *
	 * @since 0.1.0
	 */
	public static final class Builder {

		private long clientId;

		private @Nullable String clientSecret;

		private @Nullable String redirectUri;

		private @Nullable String botToken;

		private String baseUrl = DEFAULT_BASE_URL;

		private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;

		private Duration readTimeout = DEFAULT_READ_TIMEOUT;

		private boolean timeoutsSet;

		private Duration rateLimitMaxWait = Duration.ofSeconds(10);

		private RestClient.@Nullable Builder restClientBuilder;

		private Clock clock = Clock.systemUTC();

		private @Nullable RateLimitHook rateLimitHook;

		private @Nullable ObservationRegistry observationRegistry;

		private @Nullable RateLimitListener rateLimitListener;

		private Builder() {
		}

		/**
		 * Sets the application's client id (the application id).
		 * @param clientId a positive snowflake
		 * @return this builder
		 */
		public Builder clientId(long clientId) {
			this.clientId = Args.positive(clientId, "clientId");
			return this;
		}

		/**
		 * Sets the client secret; needed for token exchange (unless PKCE public client),
		 * refresh, client credentials and revoke.
		 * @param clientSecret the secret from the developer portal
		 * @return this builder
		 */
		public Builder clientSecret(String clientSecret) {
			this.clientSecret = Args.notBlank(clientSecret, "clientSecret");
			return this;
		}

		/**
		 * Sets the default redirect URI, used by {@link Client#generateUri}-style calls
		 * and {@code exchangeCode(code)}. Use {@code https} for any host but the loopback
		 * ({@code localhost}, {@code 127.0.0.1}): over plain {@code http} the
		 * authorization code travels in the clear and anyone on the path can exchange it
		 * first.
		 * @param redirectUri an absolute URI registered in the developer portal
		 * @return this builder
		 */
		public Builder redirectUri(String redirectUri) {
			Args.absoluteUri(redirectUri, "redirectUri");
			this.redirectUri = redirectUri;
			return this;
		}

		/**
		 * Sets the bot token of this same application; needed to add users to guilds and
		 * manage metadata records.
		 * @param botToken the bot token
		 * @return this builder
		 */
		public Builder botToken(String botToken) {
			this.botToken = Args.notBlank(botToken, "botToken");
			return this;
		}

		/**
		 * Sets where Discord lives (tests point this at a stand-in). REST calls go to
		 * {@code {baseUrl}/api/v10}. Plain {@code http} is safe only to the loopback (a
		 * stand-in such as FakeDiscord): to any other host the client secret, the bot
		 * token, codes and every access and refresh token would travel in the clear.
		 * @param baseUrl an absolute URL, default {@code https://discord.com}
		 * @return this builder
		 */
		public Builder baseUrl(String baseUrl) {
			Args.absoluteUri(baseUrl, "baseUrl");
			String trimmed = baseUrl;
			while (trimmed.endsWith("/")) {
				trimmed = trimmed.substring(0, trimmed.length() - 1);
			}
			this.baseUrl = trimmed;
			return this;
		}

		/**
		 * Sets the connect timeout (default 10 s); with {@link #restClientBuilder} set,
		 * replaces its request factory.
		 * @param connectTimeout a positive duration
		 * @return this builder
		 */
		public Builder connectTimeout(Duration connectTimeout) {
			this.connectTimeout = positive(connectTimeout, "connectTimeout");
			this.timeoutsSet = true;
			return this;
		}

		/**
		 * Sets the read timeout (default 30 s); with {@link #restClientBuilder} set,
		 * replaces its request factory.
		 * @param readTimeout a positive duration
		 * @return this builder
		 */
		public Builder readTimeout(Duration readTimeout) {
			this.readTimeout = positive(readTimeout, "readTimeout");
			this.timeoutsSet = true;
			return this;
		}

		/**
		 * Sets the longest a call may wait for Discord's rate limits, retries included
		 * (default 10 s: most buckets reset within seconds, and a web request should
		 * rather fail fast than hang). A call that would wait longer fails at once with
		 * {@code RateLimitedException}, without sending.
		 * @param rateLimitMaxWait {@link Duration#ZERO} = never wait, fail with
		 * {@code RateLimitedException}
		 * @return this builder
		 */
		public Builder rateLimitMaxWait(Duration rateLimitMaxWait) {
			Args.notNull(rateLimitMaxWait, "rateLimitMaxWait");
			if (rateLimitMaxWait.isNegative()) {
				throw new IllegalArgumentException("rateLimitMaxWait must not be negative, got " + rateLimitMaxWait);
			}
			this.rateLimitMaxWait = rateLimitMaxWait;
			return this;
		}

		/**
		 * Builds the HTTP client from this builder (proxies, SSL, observations, request
		 * factory); it is cloned, not changed. The core never uses its message
		 * converters.
		 * @param restClientBuilder the builder, for example Spring Boot's
		 * @return this builder
		 */
		public Builder restClientBuilder(RestClient.Builder restClientBuilder) {
			this.restClientBuilder = Args.notNull(restClientBuilder, "restClientBuilder");
			return this;
		}

		/**
		 * Sets the clock used to compute token expiry (tests use a fixed clock).
		 * @param clock the clock, default UTC system clock
		 * @return this builder
		 */
		public Builder clock(Clock clock) {
			this.clock = Args.notNull(clock, "clock");
			return this;
		}

		/**
		 * Observes every call to Discord as Spring's {@code http.client.requests}
		 * (method, route template, status, outcome; no id or token in the tags), on
		 * whichever RestClient and request factory the client uses.
		 * @param observationRegistry the registry, for example the application's
		 * @return this builder
		 */
		public Builder observationRegistry(ObservationRegistry observationRegistry) {
			this.observationRegistry = Args.notNull(observationRegistry, "observationRegistry");
			return this;
		}

		/**
		 * Sets who hears about rate-limit waits and HTTP 429 answers (for metrics).
		 * @param rateLimitListener the listener
		 * @return this builder
		 */
		public Builder rateLimitListener(RateLimitListener rateLimitListener) {
			this.rateLimitListener = Args.notNull(rateLimitListener, "rateLimitListener");
			return this;
		}

		Builder rateLimitHook(RateLimitHook rateLimitHook) {
			this.rateLimitHook = Args.notNull(rateLimitHook, "rateLimitHook");
			return this;
		}

		/**
		 * Builds the client.
		 * @return the client
		 * @throws IllegalStateException when {@code clientId} is not set
		 */
		public Client build() {
			if (this.clientId == 0) {
				throw new IllegalStateException("clientId is required; set it with Client.builder().clientId(..) "
						+ "(the application id from the Discord developer portal)");
			}
			return new Client(this);
		}

		@Override
		public String toString() {
			return "Client.Builder[clientId=" + this.clientId + ", baseUrl=" + this.baseUrl + ", clientSecret="
					+ Secrets.mask(this.clientSecret) + ", botToken=" + Secrets.mask(this.botToken) + "]";
		}

		private static Duration positive(Duration duration, String name) {
			Args.notNull(duration, name);
			if (duration.isNegative() || duration.isZero()) {
				throw new IllegalArgumentException(name + " must be positive, got " + duration);
			}
			return duration;
		}

	}

}
