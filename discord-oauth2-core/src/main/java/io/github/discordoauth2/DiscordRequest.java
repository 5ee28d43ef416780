package io.github.discordoauth2;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.discordoauth2.exceptions.Credential;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpMethod;

/**
 * One call to Discord, described before it is sent: method, route template with its
 * parameters, query, auth kind and body. Only {@link DiscordHttp} turns it into a
 * connection.
 */
final class DiscordRequest {

	/**
	 * How the request authenticates.
	 */
	enum Auth {

		/** No {@code Authorization} header (public client token exchange). */
		NONE(Credential.NONE),

		/** HTTP Basic with the client id and secret (token and revoke endpoints). */
		BASIC(Credential.CLIENT_SECRET),

		/** {@code Bearer} with the user's access token. */
		BEARER(Credential.USER_TOKEN),

		/** {@code Bot} with the application's bot token. */
		BOT(Credential.BOT_TOKEN);

		/** What an exception about the call says it used. */
		final Credential credential;

		Auth(Credential credential) {
			this.credential = credential;
		}

	}

	final HttpMethod method;

	final String route;

	final Map<String, String> params;

	final Map<String, String> query;

	final Auth auth;

	final @Nullable String bearerToken;

	/** {@code Bearer <token>}, kept by the token handle so it is built once. */
	final @Nullable String bearerAuthorization;

	/** The rate-limit identity of {@link #bearerAuthorization}, hashed once. */
	final @Nullable String bearerIdentity;

	final @Nullable Map<String, String> form;

	final @Nullable Object json;

	final boolean retryable;

	final List<String> secrets;

	private DiscordRequest(Builder builder) {
		this.method = builder.method;
		this.route = builder.route;
		this.params = Collections.unmodifiableMap(new LinkedHashMap<>(builder.params));
		this.query = Collections.unmodifiableMap(new LinkedHashMap<>(builder.query));
		this.auth = builder.auth;
		this.bearerToken = builder.bearerToken;
		this.bearerAuthorization = builder.bearerAuthorization;
		this.bearerIdentity = builder.bearerIdentity;
		this.form = (builder.form != null) ? Collections.unmodifiableMap(new LinkedHashMap<>(builder.form)) : null;
		this.json = builder.json;
		this.retryable = builder.retryable;
		this.secrets = List.copyOf(builder.secrets);
	}

	static Builder of(HttpMethod method, String route) {
		return new Builder(method, route);
	}

	/**
	 * @return {@code METHOD /route/{template}}: safe to log, carries no id or secret
	 */
	String describe() {
		return this.method.name() + " " + this.route;
	}

	static final class Builder {

		private final HttpMethod method;

		private final String route;

		private final Map<String, String> params = new LinkedHashMap<>();

		private final Map<String, String> query = new LinkedHashMap<>();

		private Auth auth = Auth.NONE;

		private @Nullable String bearerToken;

		private @Nullable String bearerAuthorization;

		private @Nullable String bearerIdentity;

		private @Nullable Map<String, String> form;

		private @Nullable Object json;

		private boolean retryable = true;

		private final List<String> secrets = new ArrayList<>();

		private Builder(HttpMethod method, String route) {
			this.method = method;
			this.route = route;
		}

		/** Fills {@code {name}} in the route template. */
		Builder param(String name, long value) {
			this.params.put(name, Long.toUnsignedString(value));
			return this;
		}

		Builder query(String name, String value) {
			this.query.put(name, value);
			return this;
		}

		Builder basic() {
			this.auth = Auth.BASIC;
			return this;
		}

		Builder bot() {
			this.auth = Auth.BOT;
			return this;
		}

		/**
		 * Bearer auth with the user's token, its {@code Authorization} value and that
		 * value's rate-limit identity (see {@link Secrets#identity}).
		 */
		Builder bearer(String accessToken, String authorization, String identity) {
			this.auth = Auth.BEARER;
			this.bearerToken = accessToken;
			this.bearerAuthorization = authorization;
			this.bearerIdentity = identity;
			return this;
		}

		/**
		 * A form body; values named in {@code secretFields} are kept out of every
		 * message.
		 */
		Builder form(Map<String, String> form, String... secretFields) {
			this.form = form;
			for (String field : secretFields) {
				String value = form.get(field);
				if (value != null) {
					this.secrets.add(value);
				}
			}
			return this;
		}

		Builder json(Object body) {
			this.json = body;
			return this;
		}

		/**
		 * Marks a value (for example an access token inside a JSON body) that must never
		 * appear in a message.
		 */
		Builder secret(String value) {
			this.secrets.add(value);
			return this;
		}

		/**
		 * The request must be sent at most once (an authorization code can be spent only
		 * once).
		 */
		Builder notRetryable() {
			this.retryable = false;
			return this;
		}

		DiscordRequest build() {
			return new DiscordRequest(this);
		}

	}

}
