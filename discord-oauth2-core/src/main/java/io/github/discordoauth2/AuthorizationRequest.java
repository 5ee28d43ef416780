package io.github.discordoauth2;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

import io.github.discordoauth2.model.Permissions;
import org.jspecify.annotations.Nullable;

/**
 * Everything the Discord authorize page accepts; turn it into a URL with
 * {@link Client#generateUri(AuthorizationRequest)}.
 *
 * <pre>{@code
 * String state = AuthorizationRequest.randomState();   // keep it in the user's session
 * URI authorize = client.generateUri(AuthorizationRequest.builder()
 *     .scopes(Scopes.IDENTIFY, Scopes.GUILDS)
 *     .state(state)
 *     .build());
 * }</pre>
 *
 * <p>
 * Requests Discord is known to refuse are refused by {@link Builder#build()}, before
 * anything is sent: {@link Scopes#ROLE_CONNECTIONS_WRITE} together with a PKCE
 * {@link Builder#codeChallenge(String) code challenge} or with the implicit grant
 * ({@link Builder#responseType(String) responseType("token")}).
 *
 * <p>
 * A request whose scopes are only {@link Scopes#BOT} and/or
 * {@link Scopes#APPLICATIONS_COMMANDS} is Discord's plain bot invite: its URL carries no
 * {@code response_type} and no {@code redirect_uri}, so that after adding the bot the
 * person stays on Discord instead of landing on the application's login callback. Ask for
 * Discord's advanced bot authorization (a redirect back with a {@code code} and the
 * {@code guild}) by setting {@link Builder#responseType(String) responseType("code")}, a
 * {@link Builder#redirectUri(String) redirectUri} or a PKCE challenge on the request.
 *
 * @since 0.1.0
 */
public final class AuthorizationRequest {

	private static final SecureRandom RANDOM = new SecureRandom();

	private static final Set<String> BOT_INVITE_SCOPES = Set.of(Scopes.BOT, Scopes.APPLICATIONS_COMMANDS);

	private final List<String> scopes;

	private final @Nullable String state;

	private final @Nullable Prompt prompt;

	private final @Nullable IntegrationType integrationType;

	private final String responseType;

	private final boolean responseTypeSet;

	private final @Nullable Long guildId;

	private final @Nullable Boolean disableGuildSelect;

	private final @Nullable Long permissions;

	private final @Nullable String codeChallenge;

	private final @Nullable String redirectUri;

	private AuthorizationRequest(Builder builder) {
		Args.scopes(builder.scopes, "scopes");
		refuseWhatDiscordRefuses(builder);
		this.scopes = List.copyOf(builder.scopes);
		this.state = builder.state;
		this.prompt = builder.prompt;
		this.integrationType = builder.integrationType;
		this.responseType = builder.responseType;
		this.responseTypeSet = builder.responseTypeSet;
		this.guildId = builder.guildId;
		this.disableGuildSelect = builder.disableGuildSelect;
		this.permissions = builder.permissions;
		this.codeChallenge = builder.codeChallenge;
		this.redirectUri = builder.redirectUri;
	}

	/**
	 * @return a new builder; at least one scope is required
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * @return a random, URL-safe state value (32 bytes from {@link SecureRandom}) to bind
	 * to the user's session
	 */
	public static String randomState() {
		byte[] bytes = new byte[32];
		RANDOM.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	/**
	 * @return the requested scopes, in order, without duplicates
	 */
	public List<String> scopes() {
		return this.scopes;
	}

	/**
	 * @return the state value, if any
	 */
	public Optional<String> state() {
		return Optional.ofNullable(this.state);
	}

	/**
	 * @return the prompt, if any
	 */
	public Optional<Prompt> prompt() {
		return Optional.ofNullable(this.prompt);
	}

	/**
	 * @return the integration type, if one was asked for
	 */
	public Optional<IntegrationType> integrationType() {
		return Optional.ofNullable(this.integrationType);
	}

	/**
	 * @return the response type, {@code code} unless set
	 */
	public String responseType() {
		return this.responseType;
	}

	/**
	 * @return the pre-selected guild id, if any
	 */
	public OptionalLong guildId() {
		return (this.guildId != null) ? OptionalLong.of(this.guildId) : OptionalLong.empty();
	}

	/**
	 * @return whether the guild picker is locked, if set
	 */
	public Optional<Boolean> disableGuildSelect() {
		return Optional.ofNullable(this.disableGuildSelect);
	}

	/**
	 * @return the bot permissions, if set
	 */
	public OptionalLong permissions() {
		return (this.permissions != null) ? OptionalLong.of(this.permissions) : OptionalLong.empty();
	}

	/**
	 * @return the S256 PKCE challenge, if set
	 */
	public Optional<String> codeChallenge() {
		return Optional.ofNullable(this.codeChallenge);
	}

	/**
	 * @return the redirect URI for this request, if it overrides the client's
	 */
	public Optional<String> redirectUri() {
		return Optional.ofNullable(this.redirectUri);
	}

	/**
	 * @return whether this is Discord's plain bot invite: only {@code bot} and/or
	 * {@code applications.commands}, with neither a response type nor a redirect URI
	 * asked for explicitly
	 */
	boolean isPlainBotInvite() {
		return !this.responseTypeSet && this.redirectUri == null && this.codeChallenge == null
				&& BOT_INVITE_SCOPES.containsAll(this.scopes);
	}

	private static void refuseWhatDiscordRefuses(Builder builder) {
		if (!builder.scopes.contains(Scopes.ROLE_CONNECTIONS_WRITE)) {
			return;
		}
		String how;
		if (builder.codeChallenge != null) {
			how = "together with a PKCE code challenge: PKCE would let the user mint a token for that scope without "
					+ "the client secret";
		}
		else if ("token".equals(builder.responseType)) {
			how = "with responseType(\"token\") (the implicit grant): the user would get the token for that scope in "
					+ "the URL";
		}
		else {
			return;
		}
		throw new IllegalArgumentException("scope " + Scopes.ROLE_CONNECTIONS_WRITE + " cannot be asked for " + how
				+ ", and with it fake their own linked-roles metadata; Discord therefore refuses it and sends the user back with "
				+ "error=invalid_scope (discord-api-docs issue #5751, pull request #5885). Ask for it with the "
				+ "confidential code flow: responseType \"code\" without codeChallenge(..), and exchange the code "
				+ "with the client secret");
	}

	@Override
	public String toString() {
		return "AuthorizationRequest[scopes=" + this.scopes + ", responseType=" + this.responseType + ", prompt="
				+ this.prompt + ", integrationType=" + this.integrationType + "]";
	}

	/**
	 * Builds an {@link AuthorizationRequest}.
	 *
	 * @since 0.1.0
	 */
	public static final class Builder {

		private final Collection<String> scopes = new LinkedHashSet<>();

		private @Nullable String state;

		private @Nullable Prompt prompt;

		private @Nullable IntegrationType integrationType;

		private String responseType = "code";

		private boolean responseTypeSet;

		private @Nullable Long guildId;

		private @Nullable Boolean disableGuildSelect;

		private @Nullable Long permissions;

		private @Nullable String codeChallenge;

		private @Nullable String redirectUri;

		private Builder() {
		}

		/**
		 * Adds scopes, for example {@link Scopes#IDENTIFY}.
		 * @param scopes scope names
		 * @return this builder
		 */
		public Builder scopes(String... scopes) {
			return scopes(List.of(Args.notNull(scopes, "scopes")));
		}

		/**
		 * Adds scopes.
		 * @param scopes scope names
		 * @return this builder
		 */
		public Builder scopes(Collection<String> scopes) {
			List<String> copy = new ArrayList<>(Args.notNull(scopes, "scopes"));
			Args.scopes(copy, "scopes");
			this.scopes.addAll(copy);
			return this;
		}

		/**
		 * Sets the anti-CSRF state Discord echoes back; see
		 * {@link AuthorizationRequest#randomState()}.
		 * @param state an opaque value
		 * @return this builder
		 */
		public Builder state(String state) {
			this.state = Args.notBlank(state, "state");
			return this;
		}

		/**
		 * Sets whether the consent screen is always shown ({@link Prompt#CONSENT}) or
		 * skipped when possible ({@link Prompt#NONE}).
		 * @param prompt the prompt
		 * @return this builder
		 */
		public Builder prompt(Prompt prompt) {
			this.prompt = Args.notNull(prompt, "prompt");
			return this;
		}

		/**
		 * Sets the installation context; sent only when set.
		 * @param integrationType guild or user install
		 * @return this builder
		 */
		public Builder integrationType(IntegrationType integrationType) {
			this.integrationType = Args.notNull(integrationType, "integrationType");
			return this;
		}

		/**
		 * Sets the response type: {@code code} (default) or {@code token} (implicit
		 * grant, token in the URL fragment; refused together with
		 * {@code role_connections.write}). Set on a bot-only request
		 * ({@code bot}/{@code applications.commands}), {@code code} asks for Discord's
		 * advanced bot authorization: the URL then carries {@code response_type=code} and
		 * the redirect URI, and Discord redirects back with a code and the guild.
		 * @param responseType {@code code} or {@code token}
		 * @return this builder
		 */
		public Builder responseType(String responseType) {
			Args.notBlank(responseType, "responseType");
			if (!responseType.equals("code") && !responseType.equals("token")) {
				throw new IllegalArgumentException(
						"responseType must be 'code' or 'token', got '" + responseType + "'");
			}
			this.responseType = responseType;
			this.responseTypeSet = true;
			return this;
		}

		/**
		 * Pre-selects a guild in the bot picker.
		 * @param guildId the guild's snowflake id
		 * @return this builder
		 */
		public Builder guildId(long guildId) {
			this.guildId = Args.positive(guildId, "guildId");
			return this;
		}

		/**
		 * Locks the guild picker to {@link #guildId(long)}.
		 * @param disableGuildSelect whether the user may pick another guild
		 * @return this builder
		 */
		public Builder disableGuildSelect(boolean disableGuildSelect) {
			this.disableGuildSelect = disableGuildSelect;
			return this;
		}

		/**
		 * Sets the permissions the bot asks for (with the {@code bot} scope).
		 * @param permissions the permission bit set
		 * @return this builder
		 */
		public Builder permissions(long permissions) {
			if (permissions < 0) {
				throw new IllegalArgumentException("permissions must not be negative, got " + permissions);
			}
			this.permissions = permissions;
			return this;
		}

		/**
		 * Sets the permissions the bot asks for (with the {@code bot} scope), for example
		 * {@code Permissions.of(Permission.MANAGE_ROLES)}.
		 * @param permissions the permissions
		 * @return this builder
		 * @throws IllegalArgumentException when a bit beyond 62 is set, which no
		 * permission uses yet
		 * @since 0.1.0
		 */
		public Builder permissions(Permissions permissions) {
			Args.notNull(permissions, "permissions");
			if (permissions.value().bitLength() > 63) {
				throw new IllegalArgumentException("permissions beyond 63 bits are not supported, got " + permissions);
			}
			return permissions(permissions.value().longValue());
		}

		/**
		 * Sets the PKCE challenge (S256); see {@link Pkce#challenge()}. Refused together
		 * with {@code role_connections.write}, which Discord grants only to the
		 * confidential code flow.
		 * @param codeChallenge the S256 challenge
		 * @return this builder
		 */
		public Builder codeChallenge(String codeChallenge) {
			this.codeChallenge = Args.notBlank(codeChallenge, "codeChallenge");
			return this;
		}

		/**
		 * Overrides the client's redirect URI for this request; the exchange must then
		 * use the same URI. On a bot-only request it asks for Discord's advanced bot
		 * authorization (see {@link #responseType(String)}). Use {@code https} for any
		 * host but the loopback: Discord sends the code there in the clear otherwise.
		 * @param redirectUri an absolute URI registered in the developer portal
		 * @return this builder
		 */
		public Builder redirectUri(String redirectUri) {
			Args.absoluteUri(redirectUri, "redirectUri");
			this.redirectUri = redirectUri;
			return this;
		}

		/**
		 * @return the request
		 * @throws IllegalArgumentException for a combination Discord refuses
		 * ({@code role_connections.write} with a PKCE challenge or the implicit grant)
		 */
		public AuthorizationRequest build() {
			return new AuthorizationRequest(this);
		}

	}

}
