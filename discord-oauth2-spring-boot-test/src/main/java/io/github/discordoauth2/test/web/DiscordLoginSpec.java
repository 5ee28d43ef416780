package io.github.discordoauth2.test.web;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.github.discordoauth2.security.DiscordOAuth2User;
import io.github.discordoauth2.test.DemoData;
import io.github.discordoauth2.test.FakeDiscord;
import org.jspecify.annotations.Nullable;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.core.user.OAuth2UserAuthority;
import org.springframework.util.Assert;

/**
 * Who a test logs in as with Discord, shared by the MockMvc request post-processor and
 * the WebTestClient mutator: the Discord user (by default FakeDiscord's demo user,
 * {@code 1100000000000000100} / {@code demo_user}), the granted scopes (by default those
 * of the application's Discord registration) and the tokens stored for the user (by
 * default made-up values, which work for everything but calls to Discord; with
 * {@link #tokensFrom(FakeDiscord)} real ones from the test's FakeDiscord).
 * <p>
 * The request is authenticated as a "Login with Discord" is: an
 * {@link OAuth2AuthenticationToken} whose principal is a {@link DiscordOAuth2User}, with
 * the authorities the starter grants ({@code OAUTH2_USER}, {@code SCOPE_<scope>}) and any
 * given here; the tokens are saved through the application's authorized client repository
 * (the starter's token store), so that {@code AccessToken} and
 * {@code ReactiveAccessToken} controller arguments and {@code DiscordTokens.find} resolve
 * as after a real login.
 *
 * @param <S> the concrete type, for chaining
 * @since 0.1.0
 */
public abstract class DiscordLoginSpec<S extends DiscordLoginSpec<S>> {

	private long userId = DemoData.USER_ID;

	private @Nullable String username;

	private @Nullable String globalName;

	private @Nullable Set<String> scopes;

	private @Nullable String accessToken;

	private @Nullable String refreshToken = "test-refresh-token-" + UUID.randomUUID();

	private Duration expiresIn = Duration.ofDays(7);

	private final List<GrantedAuthority> authorities = new ArrayList<>();

	private String registrationId = "discord";

	private @Nullable TokenIssuer issuer;

	private @Nullable IssuedTokens issued;

	/**
	 * Creates the spec with its defaults.
	 */
	protected DiscordLoginSpec() {
	}

	/**
	 * Logs in as this Discord user.
	 * @param id the user's snowflake ID
	 * @param username the user's unique name
	 * @return this spec
	 */
	public S user(long id, String username) {
		Assert.hasText(username, "username must not be empty");
		this.userId = id;
		this.username = username;
		return self();
	}

	/**
	 * Logs in as this Discord user, named as in the FakeDiscord of
	 * {@link #tokensFrom(FakeDiscord)}, else {@code user<id>}.
	 * @param id the user's snowflake ID
	 * @return this spec
	 */
	public S user(long id) {
		this.userId = id;
		this.username = null;
		return self();
	}

	/**
	 * Sets the user's display name.
	 * @param globalName the display name, or {@code null} for none
	 * @return this spec
	 */
	public S globalName(@Nullable String globalName) {
		this.globalName = globalName;
		return self();
	}

	/**
	 * Sets the scopes the user granted, instead of those of the Discord registration.
	 * @param scopes the scopes, e.g. {@code identify}, {@code guilds}
	 * @return this spec
	 */
	public S scopes(String... scopes) {
		Assert.notEmpty(scopes, "scopes must not be empty");
		this.scopes = new LinkedHashSet<>(Arrays.asList(scopes));
		return self();
	}

	/**
	 * Sets the access token stored for the user.
	 * @param accessToken the token value
	 * @return this spec
	 */
	public S accessToken(String accessToken) {
		Assert.hasText(accessToken, "accessToken must not be empty");
		this.accessToken = accessToken;
		return self();
	}

	/**
	 * Sets the refresh token stored for the user.
	 * @param refreshToken the token value, or {@code null} for none
	 * @return this spec
	 */
	public S refreshToken(@Nullable String refreshToken) {
		this.refreshToken = refreshToken;
		return self();
	}

	/**
	 * Sets how long the stored access token lives from the request on (7 days, as at
	 * Discord, unless set); a negative duration stores an expired token, which the
	 * starter refreshes before use.
	 * @param expiresIn the lifetime
	 * @return this spec
	 */
	public S expiresIn(Duration expiresIn) {
		Assert.notNull(expiresIn, "expiresIn must not be null");
		this.expiresIn = expiresIn;
		return self();
	}

	/**
	 * Grants authorities beside the starter's, e.g. an application role.
	 * @param authorities the authorities, e.g. {@code ROLE_ADMIN}
	 * @return this spec
	 */
	public S authorities(String... authorities) {
		for (String authority : authorities) {
			this.authorities.add(new SimpleGrantedAuthority(authority));
		}
		return self();
	}

	/**
	 * Sets the registration ID of the Discord login, when the application changed
	 * {@code discord.oauth2.registration-id}.
	 * @param registrationId the registration ID
	 * @return this spec
	 */
	public S registrationId(String registrationId) {
		Assert.hasText(registrationId, "registrationId must not be empty");
		this.registrationId = registrationId;
		return self();
	}

	/**
	 * Stores tokens that the test's FakeDiscord issued for the user (with the scopes of
	 * this spec), so that the application's calls to Discord with them work; the user
	 * must exist in the fake, and the application must point at it
	 * ({@code FakeDiscordProperties.register}). The user's name is the fake's unless set
	 * with {@link #user(long, String)}.
	 * @param fake the running FakeDiscord
	 * @return this spec
	 */
	public S tokensFrom(FakeDiscord fake) {
		Assert.notNull(fake, "fake must not be null");
		this.issuer = new FakeDiscordTokens(fake);
		return self();
	}

	/**
	 * The registration ID of the Discord login.
	 * @return e.g. {@code discord}
	 */
	protected final String registrationId() {
		return this.registrationId;
	}

	/**
	 * The authentication of the logged-in user, as the starter's login builds it.
	 * @param registration the application's Discord registration
	 * @return the authentication
	 */
	protected final OAuth2AuthenticationToken authentication(ClientRegistration registration) {
		Map<String, Object> attributes = new LinkedHashMap<>();
		attributes.put("id", Long.toString(this.userId));
		attributes.put("username", username());
		attributes.put("discriminator", "0");
		String displayName = globalName();
		if (displayName != null) {
			attributes.put("global_name", displayName);
		}
		List<GrantedAuthority> granted = new ArrayList<>();
		granted.add(new OAuth2UserAuthority(attributes, "id"));
		for (String scope : scopes(registration)) {
			granted.add(new SimpleGrantedAuthority("SCOPE_" + scope));
		}
		granted.addAll(this.authorities);
		DiscordOAuth2User user = new DiscordOAuth2User(attributes, granted);
		return new OAuth2AuthenticationToken(user, granted, registration.getRegistrationId());
	}

	/**
	 * The user's tokens, as the store keeps them after a login.
	 * @param registration the application's Discord registration
	 * @return the authorized client
	 */
	protected final OAuth2AuthorizedClient authorizedClient(ClientRegistration registration) {
		IssuedTokens tokens = tokens(scopes(registration));
		Instant now = Instant.now();
		Instant expiresAt = now.plus(this.expiresIn);
		Instant issuedAt = expiresAt.isAfter(now) ? now : expiresAt.minusSeconds(1);
		OAuth2AccessToken access = new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, tokens.accessToken(),
				issuedAt, expiresAt, scopes(registration));
		String refresh = tokens.refreshToken();
		return new OAuth2AuthorizedClient(registration, Long.toString(this.userId), access,
				(refresh != null) ? new OAuth2RefreshToken(refresh, issuedAt) : null);
	}

	@SuppressWarnings("unchecked")
	private S self() {
		return (S) this;
	}

	private synchronized IssuedTokens tokens(Set<String> scopes) {
		IssuedTokens tokens = this.issued;
		if (tokens == null) {
			TokenIssuer issuer = this.issuer;
			String access = this.accessToken;
			if (issuer != null) {
				tokens = issuer.issue(this.userId, scopes);
			}
			else {
				tokens = new IssuedTokens(
						(access != null) ? access : "test-access-token-" + this.userId + "-" + UUID.randomUUID(),
						this.refreshToken);
			}
			this.issued = tokens;
		}
		return tokens;
	}

	private String username() {
		String name = this.username;
		if (name != null) {
			return name;
		}
		TokenIssuer issuer = this.issuer;
		String known = (issuer != null) ? issuer.username(this.userId) : null;
		if (known != null) {
			return known;
		}
		return (this.userId == DemoData.USER_ID) ? DemoData.USERNAME : "user" + this.userId;
	}

	private @Nullable String globalName() {
		if (this.globalName != null || this.username != null) {
			return this.globalName;
		}
		TokenIssuer issuer = this.issuer;
		if (issuer != null) {
			return issuer.globalName(this.userId);
		}
		return (this.userId == DemoData.USER_ID) ? DemoData.GLOBAL_NAME : null;
	}

	private Set<String> scopes(ClientRegistration registration) {
		Set<String> chosen = this.scopes;
		return (chosen != null) ? chosen : registration.getScopes();
	}

	/**
	 * Where tokens come from other than this spec.
	 */
	interface TokenIssuer {

		IssuedTokens issue(long userId, Set<String> scopes);

		@Nullable String username(long userId);

		@Nullable String globalName(long userId);

	}

	/**
	 * A user's access and refresh token.
	 */
	record IssuedTokens(String accessToken, @Nullable String refreshToken) {

	}

}
