package io.github.discordoauth2.test;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

/**
 * The authorize page and the token and revoke endpoints, as Discord's OAuth2 page
 * describes them (https://discord.com/developers/docs/topics/oauth2) and as Discord is
 * known to answer (the rules in the project's {@code docs/discord-rules.md}).
 */
final class OAuthEndpoints {

	private static final String FORM = "application/x-www-form-urlencoded";

	private final FakeState state;

	private final FakeState.Application app;

	private final String baseUrl;

	private final WebhookEvents webhookEvents;

	OAuthEndpoints(FakeState state, String baseUrl, WebhookEvents webhookEvents) {
		this.state = state;
		this.app = state.app();
		this.baseUrl = baseUrl;
		this.webhookEvents = webhookEvents;
	}

	// ------------------------------------------------------------------------------------------
	// authorize

	/** A validated authorization request. */
	record AuthRequest(@Nullable String redirectUri, @Nullable String responseType, Set<String> scopes,
			@Nullable String state, @Nullable String prompt, @Nullable String codeChallenge, @Nullable Long guildId,
			@Nullable String permissions, boolean guildLocked, Map<String, String> echo) {

		/** A bot invite without a redirect: Discord keeps the user on its own page. */
		boolean plainInvite() {
			return this.responseType == null;
		}

	}

	Response authorize(Request r) {
		boolean post = r.method().equals("POST");
		if (post && !r.contentType().equals(FORM)) {
			return ConsentPage.error(400, "The consent form must be posted as " + FORM + ".");
		}
		Function<String, @Nullable String> param = post ? r::formParam : r::queryParam;
		AuthRequest ar;
		try {
			ar = validate(param);
		}
		catch (PageError e) {
			return ConsentPage.error(400, e.getMessage());
		}
		catch (RedirectError e) {
			return e.response;
		}
		long userId = this.state.actingUser();
		FakeUser user = this.state.user(userId);
		if (user == null) {
			return ConsentPage.error(500,
					"Nobody is signed in to FakeDiscord: seed a user with .user(...) or .demoData().");
		}
		if (post) {
			String decision = param.apply("decision");
			if ("cancel".equals(decision)) {
				return ar.plainInvite() ? ConsentPage.notice("Cancelled", "Nothing was added.")
						: redirectError(Objects.requireNonNull(ar.redirectUri()), false, "access_denied",
								"The resource owner or authorization server denied the request", ar.state()).response;
			}
			if (!"authorize".equals(decision)) {
				return ConsentPage.error(400, "Choose Authorize or Cancel.");
			}
			return approve(ar, userId);
		}
		boolean passthrough = ar.scopes().stream().anyMatch(Scopes.PASSTHROUGH::contains);
		boolean silent = "none".equals(ar.prompt()) && !passthrough
				&& this.state.approvedScopes(userId).containsAll(ar.scopes());
		if (this.state.autoApprove() || silent) {
			return approve(ar, userId);
		}
		return Response.html(200, ConsentPage.render(this.app.name(), user, ar, this.state.guildsManagedBy(userId)))
			.header("Cache-Control", "no-store");
	}

	private Response approve(AuthRequest ar, long userId) {
		Long guildId = ar.guildId();
		if (ar.scopes().contains("bot") || ar.scopes().contains("webhook.incoming")) {
			Map<Long, String> managed = this.state.guildsManagedBy(userId);
			if (guildId == null) {
				guildId = managed.keySet().stream().findFirst().orElse(null);
			}
			if (guildId == null || !managed.containsKey(guildId)) {
				return ConsentPage.error(400, "Pick a server: the bot and webhook.incoming scopes need a guild_id of a"
						+ " server you own or have Manage Server in.");
			}
			if (ar.scopes().contains("bot")) {
				this.state.addBotTo(guildId);
			}
		}
		this.state.approve(userId, ar.scopes());
		announceAuthorization(ar, userId, guildId);
		if (ar.plainInvite()) {
			return ConsentPage.notice("Authorized", this.app.name() + " was added. You may close this page.");
		}
		String redirectUri = Objects.requireNonNull(ar.redirectUri());
		Map<String, String> q = new LinkedHashMap<>();
		if ("token".equals(ar.responseType())) {
			Grants.AccessToken at = this.state.issueAccessToken(new Grants.Grant(userId, ar.scopes()));
			q.put("token_type", "Bearer");
			q.put("access_token", at.token);
			q.put("expires_in", Long.toString(this.app.accessTokenTtl().toSeconds()));
			q.put("scope", String.join(" ", ar.scopes()));
			putIfPresent(q, "state", ar.state());
			return Response.redirect(redirectUri + "#" + encode(q));
		}
		q.put("code", this.state.newCode(userId, redirectUri, ar.scopes(), ar.codeChallenge(), guildId));
		putIfPresent(q, "state", ar.state());
		if (ar.scopes().contains("bot") && guildId != null) {
			q.put("guild_id", Long.toString(guildId));
			q.put("permissions", ar.permissions() == null ? "0" : ar.permissions());
		}
		return Response.redirect(appendQuery(redirectUri, q));
	}

	/**
	 * Sends {@code APPLICATION_AUTHORIZED} (Webhook Events, "Application Authorized"):
	 * the user, the scopes, the installation context ({@code 0} with the server for a
	 * bot, else the {@code integration_type} asked for, else {@code 1}, the user's
	 * account).
	 */
	private void announceAuthorization(AuthRequest ar, long userId, @Nullable Long guildId) {
		FakeUser user = this.state.user(userId);
		if (user == null) {
			return;
		}
		FakeGuild guild = guildId == null || !ar.scopes().contains("bot") ? null : this.state.guild(guildId);
		String asked = ar.echo().get("integration_type");
		int integrationType = guild != null ? 0 : asked != null ? Integer.parseInt(asked) : 1;
		Json.Obj data = Json.obj()
			.with("integration_type", integrationType)
			.with("scopes", new ArrayList<>(ar.scopes()))
			.with("user", Views.publicUser(user));
		if (guild != null) {
			data.with("guild", Views.fullGuild(guild, this.state.roles(guild.id())));
		}
		this.webhookEvents.applicationAuthorized(data);
	}

	private AuthRequest validate(Function<String, @Nullable String> param) {
		Map<String, String> echo = new LinkedHashMap<>();
		for (String name : new String[] { "client_id", "redirect_uri", "response_type", "scope", "state", "prompt",
				"code_challenge", "code_challenge_method", "guild_id", "permissions", "integration_type",
				"disable_guild_select" }) {
			String v = param.apply(name);
			if (v != null) {
				echo.put(name, v);
			}
		}
		String clientId = param.apply("client_id");
		if (clientId == null || clientId.isBlank()) {
			throw new PageError("Missing client_id: the authorize URL needs client_id=<your application id>.");
		}
		if (!clientId.equals(Long.toString(this.app.clientId()))) {
			throw new PageError("Unknown Application: client_id " + clientId + " is not an application on this"
					+ " FakeDiscord (expected " + this.app.clientId() + ").");
		}
		String scopeText = param.apply("scope");
		if (scopeText == null || scopeText.isBlank()) {
			throw new PageError("Invalid scope: no scope requested (e.g. scope=identify).");
		}
		Set<String> scopes = new LinkedHashSet<>();
		for (String s : scopeText.trim().split("[ +]+")) {
			if (!Scopes.isKnown(s) || Scopes.CLIENT_CREDENTIALS_ONLY.contains(s)) {
				throw new PageError("Invalid scope: " + s);
			}
			scopes.add(s);
		}
		String responseType = param.apply("response_type");
		// The plain bot invite: no response_type, no redirect, Discord keeps the user.
		boolean invite = responseType == null && Rules.INVITE_SCOPES.containsAll(scopes);
		String redirectUri = param.apply("redirect_uri");
		if (redirectUri == null || redirectUri.isEmpty()) {
			// Omitted, Discord uses the first registered URI (discord-api-docs PR #4749).
			if (this.app.redirectUris().isEmpty() && !invite) {
				throw new PageError("Invalid OAuth2 redirect_uri: none given and none registered.");
			}
			redirectUri = invite ? null : this.app.redirectUris().get(0);
		}
		else if (!isRegistered(redirectUri)) {
			throw new PageError("Invalid OAuth2 redirect_uri: " + redirectUri + " is not registered for this"
					+ " application. Registered: " + this.app.redirectUris() + ".");
		}
		if (!invite && (responseType == null || !(responseType.equals("code") || responseType.equals("token")))) {
			throw new PageError(
					"Unsupported response_type " + (responseType == null ? "(missing)" : "\"" + responseType + "\"")
							+ ": use code (or token for the implicit grant; leave it out only for a bot invite).");
		}
		String state = param.apply("state");
		boolean implicit = "token".equals(responseType);
		String challenge = param.apply("code_challenge");
		if (redirectUri != null && Rules.pkceRefused(scopes) && (implicit || challenge != null)) {
			// Discord sends the user back with invalid_scope (discord-api-docs #5751, PR
			// #5885).
			throw redirectError(redirectUri, implicit, "invalid_scope", Rules.INVALID_SCOPE, state);
		}
		String prompt = param.apply("prompt");
		if (prompt != null && !prompt.equals("none") && !prompt.equals("consent")) {
			throw new PageError("Invalid prompt \"" + prompt + "\": use none or consent.");
		}
		String method = param.apply("code_challenge_method");
		if (challenge != null) {
			if (redirectUri == null) {
				throw new PageError("code_challenge needs response_type=code: a bot invite has no code to protect.");
			}
			if (method == null || !method.equals("S256")) {
				// Discord supports S256 only (discord-api-docs PR #7046).
				throw redirectError(redirectUri, implicit, "invalid_request", "Unsupported \"code_challenge_method\"",
						state);
			}
			if (!Rules.isValidChallenge(challenge)) {
				throw new PageError("Invalid code_challenge: it must be 43 base64url characters (SHA-256 of the"
						+ " verifier, no padding).");
			}
		}
		else if (method != null) {
			throw new PageError("code_challenge_method given without code_challenge.");
		}
		Long guildId = null;
		String guild = param.apply("guild_id");
		if (guild != null && !guild.isEmpty()) {
			try {
				guildId = Long.parseLong(guild);
			}
			catch (NumberFormatException e) {
				throw new PageError("Invalid guild_id \"" + guild + "\": it must be a snowflake.");
			}
		}
		String permissions = param.apply("permissions");
		if (permissions != null && !permissions.matches("\\d{1,20}")) {
			throw new PageError("Invalid permissions \"" + permissions + "\": a decimal permission bitset.");
		}
		String integrationType = param.apply("integration_type");
		if (integrationType != null && !integrationType.equals("0") && !integrationType.equals("1")) {
			throw new PageError("Invalid integration_type \"" + integrationType + "\": 0 (guild) or 1 (user).");
		}
		String lock = param.apply("disable_guild_select");
		if (lock != null && !lock.matches("true|True|1|false|False|0")) {
			throw new PageError("Invalid disable_guild_select \"" + lock + "\": true or false.");
		}
		boolean locked = lock != null && lock.matches("true|True|1");
		if (locked && guildId == null) {
			throw new PageError("disable_guild_select=true needs a guild_id to lock the server picker to.");
		}
		return new AuthRequest(redirectUri, invite ? null : responseType, scopes, state, prompt, challenge, guildId,
				permissions, locked, echo);
	}

	private boolean isRegistered(String redirectUri) {
		if (this.app.redirectUris().contains(redirectUri)) {
			return true;
		}
		if (!this.app.allowLoopbackRedirects()) {
			return false;
		}
		try {
			URI uri = new URI(redirectUri);
			String host = uri.getHost();
			return "http".equals(uri.getScheme()) && host != null && uri.getFragment() == null
					&& (host.equals("localhost") || host.equals("127.0.0.1") || host.equals("[::1]"));
		}
		catch (URISyntaxException e) {
			return false;
		}
	}

	/**
	 * An error Discord reports by sending the user back: query for code, fragment for
	 * token.
	 */
	private static RedirectError redirectError(String redirectUri, boolean fragment, String error, String description,
			@Nullable String state) {
		Map<String, String> q = new LinkedHashMap<>();
		q.put("error", error);
		q.put("error_description", description);
		putIfPresent(q, "state", state);
		return new RedirectError(
				Response.redirect(fragment ? redirectUri + "#" + encode(q) : appendQuery(redirectUri, q)));
	}

	private static void putIfPresent(Map<String, String> q, String name, @Nullable String value) {
		if (value != null) {
			q.put(name, value);
		}
	}

	// ------------------------------------------------------------------------------------------
	// token

	Response token(Request r) {
		requireForm(r);
		String grantType = r.formParam("grant_type");
		boolean secretOptional = false;
		if ("authorization_code".equals(grantType)) {
			// PKCE replaces the secret in the code exchange (OAuth2 docs;
			// discord-api-docs PR #7046).
			Grants.Code c = this.state.liveCode(nonNull(r.formParam("code")));
			secretOptional = c != null && c.codeChallenge() != null;
		}
		else if ("refresh_token".equals(grantType)) {
			// Only a "Public Client" app may refresh without its secret (discord-api-docs
			// #5531).
			secretOptional = this.app.publicClient();
		}
		authenticateClient(r, secretOptional);
		if (grantType == null || grantType.isEmpty()) {
			throw DiscordError.oauth(400, "unsupported_grant_type", "Unsupported grant type: None");
		}
		Map<String, @Nullable Object> body = switch (grantType) {
			case "authorization_code" -> authorizationCode(r);
			case "refresh_token" -> refreshToken(r);
			case "client_credentials" -> clientCredentials(r);
			default -> throw DiscordError.oauth(400, "unsupported_grant_type", "Unsupported grant type: " + grantType);
		};
		return Response.json(200, body).header("Cache-Control", "no-store").header("Pragma", "no-cache");
	}

	private Map<String, @Nullable Object> authorizationCode(Request r) {
		String code = r.formParam("code");
		if (code == null || code.isEmpty()) {
			throw DiscordError.oauth(400, "invalid_request", "Missing \"code\" in request.");
		}
		Grants.Code c = this.state.liveCode(code);
		if (c == null) {
			throw DiscordError.oauth(400, "invalid_grant", "Invalid \"code\" in request.");
		}
		// The exchange may leave redirect_uri out; if it names one, it must be the
		// authorization's (discord-api-docs PR #4749).
		String redirectUri = r.formParam("redirect_uri");
		if (redirectUri != null && !redirectUri.equals(c.redirectUri())) {
			throw DiscordError.oauth(400, "invalid_grant", "Invalid \"redirect_uri\" in request.");
		}
		String verifier = r.formParam("code_verifier");
		if (c.codeChallenge() != null) {
			if (verifier == null || verifier.isEmpty()) {
				throw DiscordError.oauth(400, "invalid_request", "Missing \"code_verifier\" in request.");
			}
			if (!Rules.isValidVerifier(verifier)) {
				// 43 to 128 unreserved characters, strictly (discord-api-docs #5254).
				throw DiscordError.oauth(400, "invalid_request", "Invalid \"code_verifier\"");
			}
			if (!s256(verifier).equals(c.codeChallenge())) {
				throw DiscordError.oauth(400, "invalid_grant", "Invalid \"code_verifier\" in request.");
			}
		}
		this.state.spendCode(code);
		Grants.Grant grant = new Grants.Grant(c.userId(), c.scopes());
		Json.Obj body = tokenBody(grant, true);
		FakeGuild guild = c.guildId() == null ? null : this.state.guild(c.guildId());
		if (guild != null && c.scopes().contains("bot")) {
			body.with("guild", Views.fullGuild(guild, this.state.roles(guild.id())));
		}
		if (guild != null && c.scopes().contains("webhook.incoming")) {
			body.with("webhook", webhook(guild));
		}
		return body;
	}

	/**
	 * A new webhook in the chosen server, as the code exchange returns it (OAuth2 docs,
	 * "Webhooks").
	 */
	private Json.Obj webhook(FakeGuild guild) {
		long id = this.state.nextSnowflake();
		String token = this.state.randomToken(68);
		return Json.obj()
			.with("application_id", Long.toString(this.app.clientId()))
			.with("name", this.app.name())
			.with("url", this.baseUrl + "/api/webhooks/" + id + "/" + token)
			.with("channel_id", Long.toString(this.state.nextSnowflake()))
			.with("token", token)
			.with("type", 1)
			.with("avatar", null)
			.with("guild_id", Long.toString(guild.id()))
			.with("id", Long.toString(id));
	}

	private Map<String, @Nullable Object> refreshToken(Request r) {
		String refresh = r.formParam("refresh_token");
		if (refresh == null || refresh.isEmpty()) {
			throw DiscordError.oauth(400, "invalid_request", "Missing \"refresh_token\" in request.");
		}
		Grants.Grant grant = this.state.refreshGrant(refresh);
		if (grant == null) {
			throw DiscordError.oauth(400, "invalid_grant", "Invalid \"refresh_token\" in request.");
		}
		this.state.retireAccessTokensOnRefresh(grant);
		return tokenBody(grant, true);
	}

	private Map<String, @Nullable Object> clientCredentials(Request r) {
		String scopeText = r.formParam("scope");
		if (scopeText == null || scopeText.isBlank()) {
			throw DiscordError.oauth(400, "invalid_scope", "Missing \"scope\" in request.");
		}
		Set<String> scopes = new LinkedHashSet<>();
		for (String s : scopeText.trim().split(" +")) {
			if (!Scopes.isKnown(s) || Scopes.PASSTHROUGH.contains(s)
					|| (this.app.team() && !Rules.TEAM_CLIENT_CREDENTIALS_SCOPES.contains(s))) {
				throw DiscordError.oauth(400, "invalid_scope", Rules.INVALID_SCOPE);
			}
			scopes.add(s);
		}
		if (this.state.user(this.app.ownerId()) == null) {
			throw DiscordError.oauth(400, "invalid_client", "The application has no owner user to issue a token for.");
		}
		// The token is the app owner's, without a refresh token (OAuth2 docs, "Client
		// Credentials Grant").
		return tokenBody(new Grants.Grant(this.app.ownerId(), scopes, true), false);
	}

	private Json.Obj tokenBody(Grants.Grant grant, boolean withRefresh) {
		Grants.AccessToken at = this.state.issueAccessToken(grant);
		Json.Obj body = Json.obj()
			.with("access_token", at.token)
			.with("token_type", "Bearer")
			.with("expires_in", this.app.accessTokenTtl().toSeconds());
		if (withRefresh) {
			body.with("refresh_token", this.state.issueRefreshToken(grant));
		}
		return body.with("scope", String.join(" ", grant.scopes));
	}

	// ------------------------------------------------------------------------------------------
	// revoke

	Response revoke(Request r) {
		requireForm(r);
		authenticateClient(r, false);
		String token = r.formParam("token");
		if (token == null || token.isEmpty()) {
			throw DiscordError.oauth(400, "invalid_request", "Missing \"token\" in request.");
		}
		String hint = r.formParam("token_type_hint");
		if (hint != null && !hint.equals("access_token") && !hint.equals("refresh_token")) {
			throw DiscordError.oauth(400, "unsupported_token_type", "Unsupported token_type_hint: " + hint);
		}
		// RFC 7009: an unknown token is not an error. The hint is only a hint: the whole
		// authorization dies (OAuth2 docs, "Token Revocation"; discord-api-docs PR
		// #6356).
		this.state.revoke(token);
		return Response.json(200, Json.obj());
	}

	// ------------------------------------------------------------------------------------------
	// helpers

	private static void requireForm(Request r) {
		if (!r.contentType().equals(FORM)) {
			throw DiscordError.oauth(400, "invalid_request",
					"The request body must be application/x-www-form-urlencoded, not "
							+ (r.contentType().isEmpty() ? "empty" : r.contentType()) + ".");
		}
	}

	private void authenticateClient(Request r, boolean secretOptional) {
		String[] basic = r.basicCredentials();
		String formId = r.formParam("client_id");
		String id;
		String secret;
		if (basic != null) {
			id = basic[0];
			secret = basic[1];
			if (formId != null && !formId.equals(id)) {
				throw DiscordError.oauth(401, "invalid_client", "client_id in the body and in Basic auth differ.");
			}
		}
		else if (r.header("Authorization") != null && r.credentials("Basic") != null) {
			throw DiscordError.oauth(401, "invalid_client", "Unreadable Basic credentials.");
		}
		else {
			id = formId;
			secret = r.formParam("client_secret");
		}
		if (id == null || id.isEmpty()) {
			throw DiscordError.oauth(401, "invalid_client",
					"Missing client_id: use HTTP Basic or client_id and client_secret in the form.");
		}
		if (!id.equals(Long.toString(this.app.clientId()))) {
			throw DiscordError.oauth(401, "invalid_client", "Unknown client_id.");
		}
		if ((secret == null || secret.isEmpty()) && secretOptional) {
			return;
		}
		if (secret == null || !MessageDigest.isEqual(secret.getBytes(StandardCharsets.UTF_8),
				this.app.clientSecret().getBytes(StandardCharsets.UTF_8))) {
			throw DiscordError.oauth(401, "invalid_client", "Invalid client_secret.");
		}
	}

	private static String nonNull(@Nullable String s) {
		return s == null ? "" : s;
	}

	static String s256(String verifier) {
		try {
			byte[] hash = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
			return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException("SHA-256 is always available", e);
		}
	}

	static String appendQuery(String uri, Map<String, String> params) {
		int hash = uri.indexOf('#');
		String base = hash >= 0 ? uri.substring(0, hash) : uri;
		String sep = base.contains("?") ? (base.endsWith("?") || base.endsWith("&") ? "" : "&") : "?";
		return base + sep + encode(params);
	}

	private static String encode(Map<String, String> params) {
		StringBuilder sb = new StringBuilder();
		params.forEach((k, v) -> {
			if (sb.length() > 0) {
				sb.append('&');
			}
			sb.append(URLEncoder.encode(k, StandardCharsets.UTF_8))
				.append('=')
				.append(URLEncoder.encode(v, StandardCharsets.UTF_8).replace("+", "%20"));
		});
		return sb.toString();
	}

	/**
	 * An authorize problem Discord answers by sending the user back to the redirect URI.
	 */
	static final class RedirectError extends RuntimeException {

		private static final long serialVersionUID = 1L;

		final transient Response response;

		RedirectError(Response response) {
			super(null, null, false, false);
			this.response = response;
		}

	}

	/**
	 * A problem with an authorize request, shown on an error page (never redirected to an
	 * unchecked URI).
	 */
	static final class PageError extends RuntimeException {

		private static final long serialVersionUID = 1L;

		PageError(String message) {
			super(message, null, false, false);
		}

	}

}
