package io.github.discordoauth2.autoconfigure;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.github.discordoauth2.Prompt;
import io.github.discordoauth2.Scopes;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.StringUtils;

/**
 * Configuration properties for Discord OAuth2 ({@code discord.oauth2.*}).
 *
 * <p>
 * Setting {@code client-id} switches the starter on: it then needs {@code client-secret}
 * as well. Everything else has a default. Values are checked once at startup; a bad one
 * stops the application with a message that names the property and the fix (see
 * {@link DiscordOAuth2ConfigurationException}).
 *
 * @since 0.1.0
 */
@ConfigurationProperties(DiscordOAuth2Properties.PREFIX)
public class DiscordOAuth2Properties implements InitializingBean {

	private static final Log logger = LogFactory.getLog(DiscordOAuth2Properties.class);

	/**
	 * Prefix of every property of the starter.
	 */
	public static final String PREFIX = "discord.oauth2";

	/**
	 * Default redirect URI: Spring Security's callback, expanded per request.
	 */
	public static final String DEFAULT_REDIRECT_URI = "{baseUrl}/login/oauth2/code/{registrationId}";

	/**
	 * Application (client) ID from the Discord developer portal, a numeric snowflake.
	 * Setting it switches the Discord client and login on.
	 */
	private @Nullable String clientId;

	/**
	 * Client secret from the Discord developer portal ("OAuth2" page). Required when
	 * client-id is set.
	 */
	private @Nullable String clientSecret;

	/**
	 * Redirect URI registered in the Discord developer portal. Either absolute or Spring
	 * Security's template starting with "{baseUrl}", which is expanded from the current
	 * request.
	 */
	private String redirectUri = DEFAULT_REDIRECT_URI;

	/**
	 * Comma-separated list of OAuth2 scopes the login asks for.
	 */
	private List<String> scopes = new ArrayList<>(List.of("identify"));

	/**
	 * Bot token of the same application. Needed only to add users to guilds and to edit
	 * linked-roles metadata.
	 */
	private @Nullable String botToken;

	/**
	 * Base URL of Discord. REST calls go to "{base-url}/api/v10", the authorize page is
	 * "{base-url}/oauth2/authorize". Change it only to point at a stand-in such as
	 * FakeDiscord.
	 */
	private String baseUrl = "https://discord.com";

	/**
	 * Whether and how Discord asks the user to approve the login again. When not set,
	 * Discord's own default applies (it asks again only if the scopes changed).
	 */
	private @Nullable Prompt prompt;

	/**
	 * Whether to protect the authorization code with PKCE (an S256 code challenge).
	 * Defaults to true, except when the scopes ask for role_connections.write, which
	 * Discord refuses together with PKCE.
	 */
	private @Nullable Boolean pkce;

	/**
	 * Registration ID of the Discord login in Spring Security. It is part of the login
	 * URL "/oauth2/authorization/{registration-id}" and of the default callback.
	 */
	private String registrationId = "discord";

	private final Login login = new Login();

	private final RateLimit rateLimit = new RateLimit();

	private final Http http = new Http();

	private final Linking linking = new Linking();

	/**
	 * Returns the value of {@code discord.oauth2.client-id}.
	 * @return the configured value, or {@code null} when not set
	 */
	public @Nullable String getClientId() {
		return this.clientId;
	}

	/**
	 * Sets {@code discord.oauth2.client-id}.
	 * @param clientId the new value
	 */
	public void setClientId(@Nullable String clientId) {
		this.clientId = clientId;
	}

	/**
	 * Returns the value of {@code discord.oauth2.client-secret}.
	 * @return the configured value, or {@code null} when not set
	 */
	public @Nullable String getClientSecret() {
		return this.clientSecret;
	}

	/**
	 * Sets {@code discord.oauth2.client-secret}.
	 * @param clientSecret the new value
	 */
	public void setClientSecret(@Nullable String clientSecret) {
		this.clientSecret = clientSecret;
	}

	/**
	 * Returns the value of {@code discord.oauth2.redirect-uri}.
	 * @return the configured value
	 */
	public String getRedirectUri() {
		return this.redirectUri;
	}

	/**
	 * Sets {@code discord.oauth2.redirect-uri}.
	 * @param redirectUri the new value
	 */
	public void setRedirectUri(String redirectUri) {
		this.redirectUri = redirectUri;
	}

	/**
	 * Returns the value of {@code discord.oauth2.scopes}.
	 * @return the configured value
	 */
	public List<String> getScopes() {
		return this.scopes;
	}

	/**
	 * Sets {@code discord.oauth2.scopes}.
	 * @param scopes the new value
	 */
	public void setScopes(List<String> scopes) {
		this.scopes = scopes;
	}

	/**
	 * Returns the value of {@code discord.oauth2.bot-token}.
	 * @return the configured value, or {@code null} when not set
	 */
	public @Nullable String getBotToken() {
		return this.botToken;
	}

	/**
	 * Sets {@code discord.oauth2.bot-token}.
	 * @param botToken the new value
	 */
	public void setBotToken(@Nullable String botToken) {
		this.botToken = botToken;
	}

	/**
	 * Returns the value of {@code discord.oauth2.base-url}.
	 * @return the configured value
	 */
	public String getBaseUrl() {
		return this.baseUrl;
	}

	/**
	 * Sets {@code discord.oauth2.base-url}.
	 * @param baseUrl the new value
	 */
	public void setBaseUrl(String baseUrl) {
		this.baseUrl = baseUrl;
	}

	/**
	 * Returns the value of {@code discord.oauth2.prompt}.
	 * @return the configured value, or {@code null} when not set
	 */
	public @Nullable Prompt getPrompt() {
		return this.prompt;
	}

	/**
	 * Sets {@code discord.oauth2.prompt}.
	 * @param prompt the new value
	 */
	public void setPrompt(@Nullable Prompt prompt) {
		this.prompt = prompt;
	}

	/**
	 * Returns the value of {@code discord.oauth2.pkce}.
	 * @return the configured value, or {@code null} when not set (see {@link #usePkce()})
	 */
	public @Nullable Boolean getPkce() {
		return this.pkce;
	}

	/**
	 * Sets {@code discord.oauth2.pkce}.
	 * @param pkce the new value
	 */
	public void setPkce(@Nullable Boolean pkce) {
		this.pkce = pkce;
	}

	/**
	 * Whether the login sends a PKCE code challenge: as configured, else on unless the
	 * scopes ask for {@code role_connections.write}. Discord sends the user back with
	 * {@code error=invalid_scope} for that scope with PKCE (discord-api-docs issue 5751;
	 * the implicit grant likewise, pull request 5885), since a PKCE flow would let a user
	 * mint their own token for it and write their own linked-roles metadata.
	 * @return whether the authorize URL carries a code challenge
	 */
	public boolean usePkce() {
		Boolean configured = this.pkce;
		return (configured != null) ? configured : !asksForRoleConnectionsWrite();
	}

	/**
	 * Whether PKCE is off only because the scopes ask for {@code role_connections.write}
	 * while {@code discord.oauth2.pkce} is not set, which the starter says at startup.
	 * @return whether the default was switched off for that scope
	 */
	public boolean isPkceOffForRoleConnectionsWrite() {
		return this.pkce == null && asksForRoleConnectionsWrite();
	}

	private boolean asksForRoleConnectionsWrite() {
		return scopeList().stream().anyMatch(Scopes.ROLE_CONNECTIONS_WRITE::equalsIgnoreCase);
	}

	/**
	 * Returns the value of {@code discord.oauth2.registration-id}.
	 * @return the configured value
	 */
	public String getRegistrationId() {
		return this.registrationId;
	}

	/**
	 * Sets {@code discord.oauth2.registration-id}.
	 * @param registrationId the new value
	 */
	public void setRegistrationId(String registrationId) {
		this.registrationId = registrationId;
	}

	/**
	 * Returns the {@code discord.oauth2.login.*} settings.
	 * @return the nested settings
	 */
	public Login getLogin() {
		return this.login;
	}

	/**
	 * Returns the {@code discord.oauth2.rate-limit.*} settings.
	 * @return the nested settings
	 */
	public RateLimit getRateLimit() {
		return this.rateLimit;
	}

	/**
	 * Returns the {@code discord.oauth2.http.*} settings.
	 * @return the nested settings
	 */
	public Http getHttp() {
		return this.http;
	}

	/**
	 * Returns the {@code discord.oauth2.linking.*} settings.
	 * @return the nested settings
	 */
	public Linking getLinking() {
		return this.linking;
	}

	/**
	 * Whether a client ID is configured, which is what switches the starter on.
	 * @return {@code true} when {@code discord.oauth2.client-id} has text
	 */
	public boolean hasClientId() {
		return StringUtils.hasText(this.clientId);
	}

	/**
	 * The client ID as Discord's numeric snowflake.
	 * @return the application ID
	 * @throws DiscordOAuth2ConfigurationException if no client ID is set or it is not a
	 * number
	 */
	public long clientIdAsLong() {
		if (!hasClientId()) {
			throw new DiscordOAuth2ConfigurationException(PREFIX + ".client-id", "is not set",
					"Set " + PREFIX + ".client-id to the application ID shown in the Discord developer portal.");
		}
		return Long.parseLong(snowflakeClientId());
	}

	/**
	 * The client secret without surrounding blanks, for the beans that need one.
	 * @return the secret
	 * @throws DiscordOAuth2ConfigurationException naming the property when it is not set
	 */
	public String clientSecretStripped() {
		String secret = this.clientSecret;
		if (secret == null || !StringUtils.hasText(secret)) {
			throw new DiscordOAuth2ConfigurationException(PREFIX + ".client-secret",
					"is not set, although " + PREFIX + ".client-id is",
					"Set " + PREFIX + ".client-secret to the client secret from the Discord developer portal "
							+ "(OAuth2 > Client Secret), preferably from an environment variable such as "
							+ "DISCORD_CLIENT_SECRET: client-secret: ${DISCORD_CLIENT_SECRET}");
		}
		return secret.strip();
	}

	/**
	 * Scopes with blanks removed, in the configured order.
	 * @return the scopes the login asks for
	 */
	public List<String> scopeList() {
		return this.scopes.stream().map(String::strip).filter(StringUtils::hasText).distinct().toList();
	}

	@Override
	public void afterPropertiesSet() {
		validate();
		if (hasClientId()) {
			plainHttpWarnings().forEach(logger::warn);
		}
	}

	/**
	 * Warnings for URLs that would carry the client secret or users' tokens in clear:
	 * plain {@code http} to a host other than the loopback interface.
	 * @return one sentence per such property, naming it; empty when all is well
	 */
	List<String> plainHttpWarnings() {
		List<String> warnings = new ArrayList<>();
		if (isPlainHttpOffLoopback(this.baseUrl)) {
			warnings.add(PREFIX + ".base-url uses plain http to a host that is not loopback: the client secret and "
					+ "users' tokens would cross the network in clear. Use https (Discord is https://discord.com).");
		}
		if (!isRedirectUriTemplate() && isPlainHttpOffLoopback(this.redirectUri)) {
			warnings.add(PREFIX + ".redirect-uri uses plain http to a host that is not loopback: authorization codes "
					+ "would cross the network in clear. Use an https redirect URI outside local development.");
		}
		return warnings;
	}

	private static boolean isPlainHttpOffLoopback(@Nullable String value) {
		URI uri = parse(value);
		if (uri == null || !"http".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
			return false;
		}
		String host = uri.getHost().toLowerCase(Locale.ROOT);
		return !(host.equals("localhost") || host.endsWith(".localhost") || host.startsWith("127.")
				|| host.equals("[::1]") || host.equals("::1"));
	}

	/**
	 * Checks the properties as a whole, so that a mistake stops the application at
	 * startup rather than at the first login.
	 * @throws DiscordOAuth2ConfigurationException naming the first bad property and its
	 * fix
	 */
	public void validate() {
		if (!hasClientId()) {
			if (StringUtils.hasText(this.clientSecret) || StringUtils.hasText(this.botToken)) {
				String given = StringUtils.hasText(this.clientSecret) ? "client-secret" : "bot-token";
				throw new DiscordOAuth2ConfigurationException(PREFIX + ".client-id",
						"is not set, although " + PREFIX + "." + given + " is",
						"Set " + PREFIX + ".client-id to the application ID shown in the Discord developer portal "
								+ "(General Information > Application ID), or remove " + PREFIX + "." + given + ".");
			}
			// Without a client ID the starter stays off: nothing else matters.
			return;
		}
		snowflakeClientId();
		clientSecretStripped();
		validateBaseUrl();
		validateRedirectUri();
		validateScopes();
		if (!StringUtils.hasText(this.registrationId)) {
			throw new DiscordOAuth2ConfigurationException(PREFIX + ".registration-id", "is empty",
					"Remove " + PREFIX + ".registration-id to use the default 'discord', or give it a name.");
		}
		this.rateLimit.validate();
		this.http.validate();
		this.linking.validate();
	}

	/**
	 * Whether the redirect URI is a Spring Security template such as the default, which
	 * only Spring Security can expand (per request); any other value passed
	 * {@link #validate()} as an absolute http(s) URI.
	 */
	boolean isRedirectUriTemplate() {
		return this.redirectUri != null && this.redirectUri.strip().startsWith("{");
	}

	private String snowflakeClientId() {
		String id = (this.clientId != null) ? this.clientId.strip() : "";
		if (!isSnowflake(id)) {
			// The value is not echoed: a secret pasted into the wrong property must not
			// reach a log.
			throw new DiscordOAuth2ConfigurationException(PREFIX + ".client-id",
					"is not a numeric application ID (" + id.length() + " characters, not all digits)",
					"Set " + PREFIX + ".client-id to the application ID shown in the Discord developer portal "
							+ "(General Information > Application ID), a number such as 1100000000000000001. "
							+ "The client secret goes into " + PREFIX + ".client-secret.");
		}
		return id;
	}

	private void validateBaseUrl() {
		URI uri = parse(this.baseUrl);
		if (uri == null || !uri.isAbsolute() || !isHttp(uri) || uri.getHost() == null) {
			throw new DiscordOAuth2ConfigurationException(PREFIX + ".base-url", "is not an absolute http(s) URL",
					"Remove " + PREFIX + ".base-url to use https://discord.com, or set it to an absolute URL "
							+ "such as http://127.0.0.1:8090 for a local stand-in.");
		}
	}

	private void validateRedirectUri() {
		if (isRedirectUriTemplate()) {
			// Spring Security's template ({baseUrl}, {baseScheme}://{baseHost}...),
			// expanded per request.
			return;
		}
		String value = (this.redirectUri != null) ? this.redirectUri.strip() : "";
		URI uri = parse(value);
		if (uri == null || !uri.isAbsolute() || !isHttp(uri)) {
			throw new DiscordOAuth2ConfigurationException(PREFIX + ".redirect-uri",
					"is not an absolute http(s) URI" + (value.startsWith("/") ? " (it is a relative path)" : ""),
					"Discord compares the redirect URI with the ones registered in the developer portal "
							+ "(OAuth2 > Redirects), so it must be absolute: set " + PREFIX
							+ ".redirect-uri to e.g. https://example.com/login/oauth2/code/discord, or remove it to "
							+ "use " + DEFAULT_REDIRECT_URI + ", which is built from the current request.");
		}
	}

	private void validateScopes() {
		List<String> list = scopeList();
		if (list.isEmpty()) {
			throw new DiscordOAuth2ConfigurationException(PREFIX + ".scopes", "is empty",
					"Remove " + PREFIX + ".scopes to ask for 'identify', or list the scopes the app needs, "
							+ "e.g. scopes: identify, email, guilds");
		}
		if (Boolean.TRUE.equals(this.pkce) && asksForRoleConnectionsWrite()) {
			throw new DiscordOAuth2ConfigurationException(PREFIX + ".pkce",
					"is true while " + PREFIX + ".scopes asks for " + Scopes.ROLE_CONNECTIONS_WRITE,
					"Discord refuses " + Scopes.ROLE_CONNECTIONS_WRITE + " together with PKCE (the login comes back "
							+ "with error=invalid_scope). Remove " + PREFIX + ".pkce (the starter then leaves PKCE "
							+ "off for this login) or remove " + Scopes.ROLE_CONNECTIONS_WRITE + " from " + PREFIX
							+ ".scopes.");
		}
		if (list.stream().anyMatch((scope) -> scope.toLowerCase(Locale.ROOT).equals("openid"))) {
			throw new DiscordOAuth2ConfigurationException(PREFIX + ".scopes", "contains 'openid'",
					"Remove 'openid' from " + PREFIX + ".scopes: with it Spring Security treats the login as "
							+ "OpenID Connect, which this starter does not configure. 'identify' gives the user.");
		}
	}

	private static boolean isSnowflake(String value) {
		if (value.isEmpty() || value.length() > 20 || !value.chars().allMatch(Character::isDigit)) {
			return false;
		}
		try {
			// Snowflakes are positive 63-bit numbers.
			return Long.parseLong(value) > 0;
		}
		catch (NumberFormatException ex) {
			return false;
		}
	}

	private static @Nullable URI parse(@Nullable String value) {
		if (!StringUtils.hasText(value)) {
			return null;
		}
		try {
			return new URI(value.strip());
		}
		catch (Exception ex) {
			return null;
		}
	}

	private static boolean isHttp(URI uri) {
		String scheme = uri.getScheme();
		return "http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme);
	}

	private static void requirePositive(@Nullable Duration value, String property, String fix) {
		if (value != null && (value.isNegative() || value.isZero())) {
			throw new DiscordOAuth2ConfigurationException(PREFIX + "." + property, "must be positive", fix);
		}
	}

	/**
	 * Login settings.
	 *
	 * @since 0.1.0
	 */
	public static class Login {

		/**
		 * Whether to offer "Login with Discord" through Spring Security when a client ID
		 * is set.
		 */
		private boolean enabled = true;

		/**
		 * Whether logging out also revokes the user's authorization at Discord, so the
		 * next login asks for consent again. Applies to the starter's default filter
		 * chain and to chains built with DiscordOAuth2LoginConfigurer.
		 */
		private boolean revokeOnLogout;

		/**
		 * Whether a request whose controller got HTTP 401 from Discord for the user's
		 * token (the token died before its recorded expiry, e.g. the user removed the
		 * application) sets the token aside and, for GET, refreshes it or logs the user
		 * in again and runs once more; other methods are answered 401 naming the cause.
		 * When false, the ForbiddenException reaches the application.
		 */
		private boolean refreshOnUnauthorized = true;

		/**
		 * IDs of Discord servers (guilds) of which a user must be a member, of at least
		 * one, to log in and to stay logged in. Needs the scope guilds.members.read or
		 * guilds; checked again as discord.oauth2.authorities.refresh-interval says.
		 */
		private List<Long> requiredGuilds = new ArrayList<>();

		/**
		 * IDs of Discord servers the user is added to at login, before required-guilds is
		 * checked. Needs the scope guilds.join and the bot token; the bot must be in each
		 * server.
		 */
		private List<Long> joinGuilds = new ArrayList<>();

		/**
		 * Returns the value of {@code discord.oauth2.login.enabled}.
		 * @return the configured value
		 */
		public boolean isEnabled() {
			return this.enabled;
		}

		/**
		 * Sets {@code discord.oauth2.login.enabled}.
		 * @param enabled the new value
		 */
		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		/**
		 * Returns the value of {@code discord.oauth2.login.revoke-on-logout}.
		 * @return the configured value
		 */
		public boolean isRevokeOnLogout() {
			return this.revokeOnLogout;
		}

		/**
		 * Sets {@code discord.oauth2.login.revoke-on-logout}.
		 * @param revokeOnLogout the new value
		 */
		public void setRevokeOnLogout(boolean revokeOnLogout) {
			this.revokeOnLogout = revokeOnLogout;
		}

		/**
		 * Returns the value of {@code discord.oauth2.login.refresh-on-unauthorized}.
		 * @return the configured value
		 */
		public boolean isRefreshOnUnauthorized() {
			return this.refreshOnUnauthorized;
		}

		/**
		 * Sets {@code discord.oauth2.login.refresh-on-unauthorized}.
		 * @param refreshOnUnauthorized the new value
		 */
		public void setRefreshOnUnauthorized(boolean refreshOnUnauthorized) {
			this.refreshOnUnauthorized = refreshOnUnauthorized;
		}

		/**
		 * Returns the value of {@code discord.oauth2.login.required-guilds}.
		 * @return the configured value
		 * @since 0.1.0
		 */
		public List<Long> getRequiredGuilds() {
			return this.requiredGuilds;
		}

		/**
		 * Sets {@code discord.oauth2.login.required-guilds}.
		 * @param requiredGuilds the new value
		 * @since 0.1.0
		 */
		public void setRequiredGuilds(List<Long> requiredGuilds) {
			this.requiredGuilds = requiredGuilds;
		}

		/**
		 * Returns the value of {@code discord.oauth2.login.join-guilds}.
		 * @return the configured value
		 * @since 0.1.0
		 */
		public List<Long> getJoinGuilds() {
			return this.joinGuilds;
		}

		/**
		 * Sets {@code discord.oauth2.login.join-guilds}.
		 * @param joinGuilds the new value
		 * @since 0.1.0
		 */
		public void setJoinGuilds(List<Long> joinGuilds) {
			this.joinGuilds = joinGuilds;
		}

	}

	/**
	 * Rate-limit settings of the Discord client.
	 *
	 * @since 0.1.0
	 */
	public static class RateLimit {

		/**
		 * Longest time a request waits for its rate-limit bucket to refill before it
		 * fails with RateLimitedException. Zero means never wait.
		 */
		private Duration maxWait = Duration.ofSeconds(10);

		/**
		 * Returns the value of {@code discord.oauth2.rate-limit.max-wait}.
		 * @return the configured value
		 */
		public Duration getMaxWait() {
			return this.maxWait;
		}

		/**
		 * Sets {@code discord.oauth2.rate-limit.max-wait}.
		 * @param maxWait the new value
		 */
		public void setMaxWait(Duration maxWait) {
			this.maxWait = maxWait;
		}

		void validate() {
			if (this.maxWait == null || this.maxWait.isNegative()) {
				throw new DiscordOAuth2ConfigurationException(PREFIX + ".rate-limit.max-wait", "must not be negative",
						"Set " + PREFIX + ".rate-limit.max-wait to a duration such as 10s, or 0 to never wait.");
			}
		}

	}

	/**
	 * HTTP settings of the Discord client.
	 *
	 * @since 0.1.0
	 */
	public static class Http {

		/**
		 * Connect timeout for calls to Discord. When not set, the application's HTTP
		 * client settings apply (spring.http.clients.connect-timeout), or else 10
		 * seconds. Setting it changes only this value of those settings.
		 */
		private @Nullable Duration connectTimeout;

		/**
		 * Read timeout for calls to Discord. When not set, the application's HTTP client
		 * settings apply (spring.http.clients.read-timeout), or else 30 seconds. Setting
		 * it changes only this value of those settings.
		 */
		private @Nullable Duration readTimeout;

		/**
		 * Returns the value of {@code discord.oauth2.http.connect-timeout}.
		 * @return the configured value, or {@code null} when not set
		 */
		public @Nullable Duration getConnectTimeout() {
			return this.connectTimeout;
		}

		/**
		 * Sets {@code discord.oauth2.http.connect-timeout}.
		 * @param connectTimeout the new value
		 */
		public void setConnectTimeout(@Nullable Duration connectTimeout) {
			this.connectTimeout = connectTimeout;
		}

		/**
		 * Returns the value of {@code discord.oauth2.http.read-timeout}.
		 * @return the configured value, or {@code null} when not set
		 */
		public @Nullable Duration getReadTimeout() {
			return this.readTimeout;
		}

		/**
		 * Sets {@code discord.oauth2.http.read-timeout}.
		 * @param readTimeout the new value
		 */
		public void setReadTimeout(@Nullable Duration readTimeout) {
			this.readTimeout = readTimeout;
		}

		void validate() {
			requirePositive(this.connectTimeout, "http.connect-timeout",
					"Set " + PREFIX + ".http.connect-timeout to a positive duration such as 10s, or remove it.");
			requirePositive(this.readTimeout, "http.read-timeout",
					"Set " + PREFIX + ".http.read-timeout to a positive duration such as 30s, or remove it.");
		}

	}

	/**
	 * Account linking ("Connect Discord" for local accounts).
	 *
	 * @since 0.1.0
	 */
	public static class Linking {

		/**
		 * Most local accounts one Discord account may be connected to. A connection
		 * beyond it is refused (the user lands on the return URL with
		 * discord-connect-error=already_linked). 1 means one Discord account, one local
		 * account.
		 */
		private int maxAccountsPerDiscordUser = 1;

		/**
		 * Returns the value of
		 * {@code discord.oauth2.linking.max-accounts-per-discord-user}.
		 * @return the configured value
		 */
		public int getMaxAccountsPerDiscordUser() {
			return this.maxAccountsPerDiscordUser;
		}

		/**
		 * Sets {@code discord.oauth2.linking.max-accounts-per-discord-user}.
		 * @param maxAccountsPerDiscordUser the new value
		 */
		public void setMaxAccountsPerDiscordUser(int maxAccountsPerDiscordUser) {
			this.maxAccountsPerDiscordUser = maxAccountsPerDiscordUser;
		}

		void validate() {
			if (this.maxAccountsPerDiscordUser < 1) {
				throw new DiscordOAuth2ConfigurationException(PREFIX + ".linking.max-accounts-per-discord-user",
						"must be at least 1",
						"Set " + PREFIX + ".linking.max-accounts-per-discord-user to 1 (one local account per Discord "
								+ "account, the default) or to the number of local accounts one Discord account may "
								+ "be connected to.");
			}
		}

	}

}
