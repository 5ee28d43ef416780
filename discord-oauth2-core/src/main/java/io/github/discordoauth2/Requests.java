package io.github.discordoauth2;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import io.github.discordoauth2.model.RoleConnectionMetadata;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpMethod;

/**
 * The application's calls to Discord, described once for both roads: method, route
 * template, auth kind and body of each, with the checks of arguments and configuration
 * that come before anything is sent. {@link Client} sends them on the blocking road,
 * {@link ReactiveClient} on the non-blocking one; a user's own calls are in
 * {@link UserRequests}.
 */
final class Requests {

	private static final String TOKEN = "/oauth2/token";

	private static final String METADATA = "/applications/{application_id}/role-connections/metadata";

	private final long clientId;

	private final Credentials credentials;

	private final @Nullable String redirectUri;

	Requests(ClientSettings settings) {
		this.clientId = settings.clientId();
		this.credentials = settings.credentials();
		this.redirectUri = settings.redirectUri();
	}

	/**
	 * @return the calls a user's access token allows
	 * @param accessToken the access token, already checked
	 */
	UserRequests forToken(String accessToken) {
		return new UserRequests(this.clientId, this.credentials, accessToken);
	}

	/**
	 * A code exchange with the client's redirect URI.
	 * @throws IllegalStateException when the client has none
	 */
	DiscordRequest exchangeCode(String code, @Nullable String codeVerifier) {
		if (this.redirectUri == null) {
			Args.notBlank(code, "code");
			throw new IllegalStateException("redirectUri is not configured; set Client.builder().redirectUri(..) or "
					+ "call exchangeCode(code, codeVerifier, redirectUri) with the URI used to authorize");
		}
		return exchangeCode(code, codeVerifier, this.redirectUri);
	}

	/**
	 * A code exchange: a form with Basic auth, or the client id and PKCE verifier alone
	 * for a public client. Never sent twice: a code is single-use.
	 */
	DiscordRequest exchangeCode(String code, @Nullable String codeVerifier, String redirectUri) {
		Args.notBlank(code, "code");
		Args.absoluteUri(redirectUri, "redirectUri");
		if (codeVerifier != null) {
			Args.notBlank(codeVerifier, "codeVerifier");
		}
		Map<String, String> form = new LinkedHashMap<>();
		form.put("grant_type", "authorization_code");
		form.put("code", code);
		form.put("redirect_uri", redirectUri);
		if (codeVerifier != null) {
			form.put("code_verifier", codeVerifier);
		}
		DiscordRequest.Builder request = DiscordRequest.of(HttpMethod.POST, TOKEN).notRetryable();
		if (this.credentials.hasClientSecret()) {
			request.basic();
		}
		else if (codeVerifier != null) {
			// A public client proves itself with the PKCE verifier alone.
			form.put("client_id", Long.toUnsignedString(this.clientId));
		}
		else {
			this.credentials.requireClientSecret("exchangeCode without a PKCE codeVerifier");
		}
		return request.form(form, "code", "code_verifier").build();
	}

	/** A refresh: a form with Basic auth, the refresh token kept out of messages. */
	DiscordRequest refresh(String refreshToken) {
		Args.notBlank(refreshToken, "refreshToken");
		this.credentials.requireClientSecret("refreshToken");
		Map<String, String> form = new LinkedHashMap<>();
		form.put("grant_type", "refresh_token");
		form.put("refresh_token", refreshToken);
		return DiscordRequest.of(HttpMethod.POST, TOKEN).basic().form(form, "refresh_token").build();
	}

	/** A client credentials grant for the application's owner, scopes space-separated. */
	DiscordRequest clientCredentials(Collection<String> scopes) {
		Args.scopes(scopes, "scopes");
		this.credentials.requireClientSecret("clientCredentialsGrant");
		Map<String, String> form = new LinkedHashMap<>();
		form.put("grant_type", "client_credentials");
		form.put("scope", String.join(" ", new LinkedHashSet<>(scopes)));
		return DiscordRequest.of(HttpMethod.POST, TOKEN).basic().form(form).build();
	}

	/** A revocation of an access or refresh token, with the hint when there is one. */
	DiscordRequest revoke(String token, @Nullable TokenTypeHint hint) {
		Args.notBlank(token, "token");
		this.credentials.requireClientSecret("revokeToken");
		Map<String, String> form = new LinkedHashMap<>();
		form.put("token", token);
		if (hint != null) {
			form.put("token_type_hint", hint.value());
		}
		return DiscordRequest.of(HttpMethod.POST, TOKEN + "/revoke").basic().form(form, "token").build();
	}

	/**
	 * Replaces the linked-roles metadata records (Bot auth), checked as Discord would.
	 */
	DiscordRequest updateLinkedRolesMetadata(List<RoleConnectionMetadata> records) {
		Args.notNull(records, "records");
		MetadataValues.checkRecords(records);
		this.credentials.requireBotToken("updateLinkedRolesMetadata");
		return DiscordRequest.of(HttpMethod.PUT, METADATA)
			.param("application_id", this.clientId)
			.bot()
			.json(records)
			.build();
	}

	/** Reads the linked-roles metadata records (Bot auth). */
	DiscordRequest fetchLinkedRolesMetadata() {
		this.credentials.requireBotToken("fetchLinkedRolesMetadata");
		return DiscordRequest.of(HttpMethod.GET, METADATA).param("application_id", this.clientId).bot().build();
	}

	/** Reads the bot's own application (Bot auth). */
	DiscordRequest fetchApplication() {
		this.credentials.requireBotToken("fetchApplication");
		return DiscordRequest.of(HttpMethod.GET, "/oauth2/applications/@me").bot().build();
	}

}
