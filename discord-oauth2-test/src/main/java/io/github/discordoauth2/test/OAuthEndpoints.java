package io.github.discordoauth2.test;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * The authorize page and the token and revoke endpoints (discord-api-facts 2.2 to 2.4).
 */
final class OAuthEndpoints {

	private static final Pattern CHALLENGE = Pattern.compile("[A-Za-z0-9_-]{43}");

	private static final Pattern VERIFIER = Pattern.compile("[A-Za-z0-9._~-]{43,128}");

	private static final String FORM = "application/x-www-form-urlencoded";

	private final FakeDiscord fake;

	OAuthEndpoints(FakeDiscord fake) {
		this.fake = fake;
	}

	static boolean isValidChallenge(String challenge) {
		return CHALLENGE.matcher(challenge).matches();
	}

	// ------------------------------------------------------------------------------------------
	// authorize

	/** A validated authorization request. */
	record AuthRequest(String redirectUri, String responseType, Set<String> scopes, @Nullable String state,
			@Nullable String prompt, @Nullable String codeChallenge, @Nullable Long guildId,
			@Nullable String permissions, Map<String, String> echo) {
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
		long userId = fake.actingUser();
		FakeUser user = fake.users.get(userId);
		if (user == null) {
			return ConsentPage.error(500,
					"Nobody is signed in to FakeDiscord: seed a user with .user(...) or .demoData().");
		}
		if (post) {
			String decision = param.apply("decision");
			if ("cancel".equals(decision)) {
				Map<String, String> q = new LinkedHashMap<>();
				q.put("error", "access_denied");
				q.put("error_description", "The resource owner or authorization server denied the request");
				if (ar.state() != null) {
					q.put("state", ar.state());
				}
				return Response.redirect(appendQuery(ar.redirectUri(), q));
			}
			if (!"authorize".equals(decision)) {
				return ConsentPage.error(400, "Choose Authorize or Cancel.");
			}
			return approve(ar, userId);
		}
		Set<String> before = fake.approvedScopes.getOrDefault(userId, Set.of());
		boolean passthrough = ar.scopes().stream().anyMatch(Scopes.PASSTHROUGH::contains);
		boolean silent = "none".equals(ar.prompt()) && !passthrough && before.containsAll(ar.scopes());
		if (fake.autoApprove() || silent) {
			return approve(ar, userId);
		}
		return Response.html(200, ConsentPage.render(fake.applicationName(), user, ar, ownedGuilds(userId)))
			.header("Cache-Control", "no-store");
	}

	private Map<Long, String> ownedGuilds(long userId) {
		Map<Long, String> owned = new LinkedHashMap<>();
		for (FakeGuild g : fake.guilds.values()) {
			if (g.ownerId() == userId) {
				owned.put(g.id(), g.name());
			}
		}
		return owned;
	}

	private Response approve(AuthRequest ar, long userId) {
		Long guildId = ar.guildId();
		if (ar.scopes().contains("bot") || ar.scopes().contains("webhook.incoming")) {
			if (guildId == null) {
				guildId = ownedGuilds(userId).keySet().stream().findFirst().orElse(null);
			}
			if (guildId == null || !fake.guilds.containsKey(guildId)) {
				return ConsentPage.error(400, "Pick a server: the bot and webhook.incoming scopes need a guild_id of a"
						+ " server you manage.");
			}
			if (ar.scopes().contains("bot")) {
				fake.botGuilds.add(guildId);
			}
		}
		fake.approvedScopes.computeIfAbsent(userId, k -> new LinkedHashSet<>()).addAll(ar.scopes());
		Map<String, String> q = new LinkedHashMap<>();
		if (ar.responseType().equals("token")) {
			Grants.Grant grant = new Grants.Grant(userId, ar.scopes());
			Grants.AccessToken at = fake.issueAccessToken(grant);
			q.put("token_type", "Bearer");
			q.put("access_token", at.token);
			q.put("expires_in", Long.toString(fake.accessTokenTtl().toSeconds()));
			q.put("scope", String.join(" ", ar.scopes()));
			if (ar.state() != null) {
				q.put("state", ar.state());
			}
			return Response.redirect(ar.redirectUri() + "#" + encode(q));
		}
		String code = fake.newCode(userId, ar.redirectUri(), ar.scopes(), ar.codeChallenge(), guildId);
		q.put("code", code);
		if (ar.state() != null) {
			q.put("state", ar.state());
		}
		if (ar.scopes().contains("bot") && guildId != null) {
			q.put("guild_id", Long.toString(guildId));
			q.put("permissions", ar.permissions() == null ? "0" : ar.permissions());
		}
		return Response.redirect(appendQuery(ar.redirectUri(), q));
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
		if (!clientId.equals(Long.toString(fake.clientId()))) {
			throw new PageError("Unknown Application: client_id " + clientId + " is not an application on this"
					+ " FakeDiscord (expected " + fake.clientId() + ").");
		}
		String redirectUri = param.apply("redirect_uri");
		if (redirectUri == null || redirectUri.isEmpty()) {
			if (fake.redirectUris().isEmpty()) {
				throw new PageError("Invalid OAuth2 redirect_uri: none given and none registered.");
			}
			redirectUri = fake.redirectUris().get(0);
		}
		else if (!isRegistered(redirectUri)) {
			throw new PageError("Invalid OAuth2 redirect_uri: " + redirectUri + " is not registered for this"
					+ " application. Registered: " + fake.redirectUris() + ".");
		}
		String responseType = param.apply("response_type");
		if (responseType == null || !(responseType.equals("code") || responseType.equals("token"))) {
			throw new PageError(
					"Unsupported response_type " + (responseType == null ? "(missing)" : "\"" + responseType + "\"")
							+ ": use code (or token for the implicit grant).");
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
		if (responseType.equals("token") && scopes.contains("role_connections.write")) {
			throw new PageError("Invalid scope: role_connections.write cannot be used with the implicit grant.");
		}
		String prompt = param.apply("prompt");
		if (prompt != null && !prompt.equals("none") && !prompt.equals("consent")) {
			throw new PageError("Invalid prompt \"" + prompt + "\": use none or consent.");
		}
		String challenge = param.apply("code_challenge");
		String method = param.apply("code_challenge_method");
		if (challenge != null) {
			if (method == null || !method.equals("S256")) {
				throw new PageError("Invalid code_challenge_method "
						+ (method == null ? "(missing)" : "\"" + method + "\"") + ": only S256 is supported.");
			}
			if (!isValidChallenge(challenge)) {
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
		return new AuthRequest(redirectUri, responseType, scopes, param.apply("state"), prompt, challenge, guildId,
				permissions, echo);
	}

	private boolean isRegistered(String redirectUri) {
		if (fake.redirectUris().contains(redirectUri)) {
			return true;
		}
		if (!fake.allowLoopbackRedirects()) {
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

	// ------------------------------------------------------------------------------------------
	// token

	Response token(Request r) {
		requireForm(r);
		authenticateClient(r);
		String grantType = r.formParam("grant_type");
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
		Grants.Code c = fake.codes.get(code);
		if (c == null || !fake.now().isBefore(c.expiresAt())) {
			if (c != null) {
				fake.codes.remove(code);
			}
			throw DiscordError.oauth(400, "invalid_grant", "Invalid \"code\" in request.");
		}
		String redirectUri = r.formParam("redirect_uri");
		if (redirectUri == null || !redirectUri.equals(c.redirectUri())) {
			throw DiscordError.oauth(400, "invalid_grant", "Invalid \"redirect_uri\" in request.");
		}
		String verifier = r.formParam("code_verifier");
		if (c.codeChallenge() != null) {
			if (verifier == null || verifier.isEmpty()) {
				throw DiscordError.oauth(400, "invalid_request", "Missing \"code_verifier\" in request.");
			}
			if (!VERIFIER.matcher(verifier).matches() || !s256(verifier).equals(c.codeChallenge())) {
				throw DiscordError.oauth(400, "invalid_grant", "Invalid \"code_verifier\" in request.");
			}
		}
		fake.codes.remove(code);
		Grants.Grant grant = new Grants.Grant(c.userId(), c.scopes());
		Json.Obj body = tokenBody(grant, true);
		if (c.guildId() != null) {
			FakeGuild guild = fake.guilds.get(c.guildId());
			if (guild != null && c.scopes().contains("bot")) {
				body.with("guild", Views.fullGuild(guild));
			}
			if (guild != null && c.scopes().contains("webhook.incoming")) {
				long id = fake.nextSnowflake();
				String token = fake.randomToken(68);
				body.with("webhook",
						Json.obj()
							.with("application_id", Long.toString(fake.clientId()))
							.with("name", fake.applicationName())
							.with("url", fake.baseUrl() + "/api/webhooks/" + id + "/" + token)
							.with("channel_id", Long.toString(fake.nextSnowflake()))
							.with("token", token)
							.with("type", 1)
							.with("avatar", null)
							.with("guild_id", Long.toString(guild.id()))
							.with("id", Long.toString(id)));
			}
		}
		return body;
	}

	private Map<String, @Nullable Object> refreshToken(Request r) {
		String refresh = r.formParam("refresh_token");
		if (refresh == null || refresh.isEmpty()) {
			throw DiscordError.oauth(400, "invalid_request", "Missing \"refresh_token\" in request.");
		}
		Grants.Grant grant = fake.refreshTokens.get(refresh);
		if (grant == null) {
			throw DiscordError.oauth(400, "invalid_grant", "Invalid \"refresh_token\" in request.");
		}
		return tokenBody(grant, true);
	}

	private Map<String, @Nullable Object> clientCredentials(Request r) {
		String scopeText = r.formParam("scope");
		if (scopeText == null || scopeText.isBlank()) {
			throw DiscordError.oauth(400, "invalid_scope", "Missing \"scope\" in request.");
		}
		Set<String> scopes = new LinkedHashSet<>();
		for (String s : scopeText.trim().split(" +")) {
			if (!Scopes.isKnown(s) || Scopes.PASSTHROUGH.contains(s)) {
				throw DiscordError.oauth(400, "invalid_scope",
						"The requested scope is invalid, unknown, or malformed.");
			}
			scopes.add(s);
		}
		if (!fake.users.containsKey(fake.ownerId())) {
			throw DiscordError.oauth(400, "invalid_client", "The application has no owner user to issue a token for.");
		}
		return tokenBody(new Grants.Grant(fake.ownerId(), scopes), false);
	}

	private Json.Obj tokenBody(Grants.Grant grant, boolean withRefresh) {
		Grants.AccessToken at = fake.issueAccessToken(grant);
		Json.Obj body = Json.obj()
			.with("access_token", at.token)
			.with("token_type", "Bearer")
			.with("expires_in", fake.accessTokenTtl().toSeconds());
		if (withRefresh) {
			body.with("refresh_token", fake.issueRefreshToken(grant));
		}
		return body.with("scope", String.join(" ", grant.scopes));
	}

	// ------------------------------------------------------------------------------------------
	// revoke

	Response revoke(Request r) {
		requireForm(r);
		authenticateClient(r);
		String token = r.formParam("token");
		if (token == null || token.isEmpty()) {
			throw DiscordError.oauth(400, "invalid_request", "Missing \"token\" in request.");
		}
		String hint = r.formParam("token_type_hint");
		if (hint != null && !hint.equals("access_token") && !hint.equals("refresh_token")) {
			throw DiscordError.oauth(400, "unsupported_token_type", "Unsupported token_type_hint: " + hint);
		}
		// RFC 7009: an unknown token is not an error. The hint is only a hint: the whole
		// grant dies.
		fake.revoke(token);
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

	private void authenticateClient(Request r) {
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
					"Missing client_id: use HTTP Basic or client_id and" + " client_secret in the form.");
		}
		if (!id.equals(Long.toString(fake.clientId()))) {
			throw DiscordError.oauth(401, "invalid_client", "Unknown client_id.");
		}
		if (secret == null || !MessageDigest.isEqual(secret.getBytes(StandardCharsets.UTF_8),
				fake.clientSecret().getBytes(StandardCharsets.UTF_8))) {
			throw DiscordError.oauth(401, "invalid_client", "Invalid client_secret.");
		}
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
