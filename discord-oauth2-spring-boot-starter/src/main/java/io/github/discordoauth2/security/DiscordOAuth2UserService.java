package io.github.discordoauth2.security;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import io.github.discordoauth2.AccessToken;
import io.github.discordoauth2.Client;
import io.github.discordoauth2.model.User;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.client.userinfo.DefaultOAuth2UserService;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserRequest;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.user.OAuth2User;
import org.springframework.security.oauth2.core.user.OAuth2UserAuthority;
import org.springframework.util.Assert;
import org.springframework.util.function.SingletonSupplier;

/**
 * Loads the user of a Discord login through the core {@link Client}
 * ({@code GET /users/@me}) into a {@link DiscordOAuth2User} and publishes a
 * {@link DiscordLoginEvent}. Registrations of other providers go to a delegate (by
 * default Spring Security's {@link DefaultOAuth2UserService}).
 *
 * <p>
 * With {@link #setAuthorities(DiscordAuthorities, DiscordStandingReader)} the login also
 * adds the user to the configured servers, reads the user's servers and roles into
 * authorities, and refuses a user who is a member of none of the required servers (an
 * {@code OAuth2AuthenticationException} with
 * {@link DiscordAuthoritiesPolicy#GUILD_REQUIRED}), before the login event.
 *
 * @since 0.1.0
 */
public final class DiscordOAuth2UserService implements OAuth2UserService<OAuth2UserRequest, OAuth2User> {

	private static final String INVALID_USER_INFO_RESPONSE = "invalid_user_info_response";

	private final Client client;

	private final String registrationId;

	private final ApplicationEventPublisher eventPublisher;

	private @Nullable DiscordAuthorities authorities;

	private @Nullable DiscordStandingReader standingReader;

	// Spring Security's default service builds its own RestTemplate: only when another
	// provider needs it.
	private Supplier<OAuth2UserService<OAuth2UserRequest, OAuth2User>> delegate = SingletonSupplier
		.of(DefaultOAuth2UserService::new);

	/**
	 * Creates the service.
	 * @param client the core client that talks to Discord
	 * @param registrationId the ID of the Discord registration, e.g. {@code discord}
	 * @param eventPublisher where to publish {@link DiscordLoginEvent}s
	 */
	public DiscordOAuth2UserService(Client client, String registrationId, ApplicationEventPublisher eventPublisher) {
		Assert.notNull(client, "client must not be null");
		Assert.hasText(registrationId, "registrationId must not be empty");
		Assert.notNull(eventPublisher, "eventPublisher must not be null");
		this.client = client;
		this.registrationId = registrationId;
		this.eventPublisher = eventPublisher;
	}

	/**
	 * Sets the user service for registrations other than Discord's.
	 * @param delegate the user service for other providers
	 */
	public void setDelegate(OAuth2UserService<OAuth2UserRequest, OAuth2User> delegate) {
		Assert.notNull(delegate, "delegate must not be null");
		this.delegate = () -> delegate;
	}

	/**
	 * Reads the user's Discord servers and roles into authorities at login, and applies
	 * the login gate of required servers.
	 * @param authorities the policy and its settings
	 * @param standingReader reads the servers and roles with the login's token
	 * @since 0.1.0
	 */
	public void setAuthorities(DiscordAuthorities authorities, DiscordStandingReader standingReader) {
		Assert.notNull(authorities, "authorities must not be null");
		Assert.notNull(standingReader, "standingReader must not be null");
		this.authorities = authorities;
		this.standingReader = standingReader;
	}

	@Override
	public OAuth2User loadUser(OAuth2UserRequest userRequest) {
		String requestRegistrationId = userRequest.getClientRegistration().getRegistrationId();
		if (!this.registrationId.equals(requestRegistrationId)) {
			return this.delegate.get().loadUser(userRequest);
		}
		AccessToken token = accessToken(userRequest, this.client);
		User user;
		try {
			user = token.fetchIdentify();
		}
		catch (RuntimeException ex) {
			throw loadFailure(ex);
		}
		DiscordOAuth2User principal = principal(user, token);
		DiscordAuthorities authorities = this.authorities;
		DiscordStandingReader reader = this.standingReader;
		if (authorities != null && reader != null) {
			reader.joinGuilds(token, user.id(), authorities.joinGuilds());
			if (authorities.checksGuilds()) {
				principal = authorities.atLogin(principal, reader.read(token, token.scopes()));
			}
		}
		this.eventPublisher.publishEvent(new DiscordLoginEvent(this, this.registrationId, user, token));
		return principal;
	}

	/**
	 * The principal of a Discord login: the user, Discord's JSON attributes, and the
	 * authorities of the granted scopes.
	 */
	static DiscordOAuth2User principal(User user, AccessToken token) {
		Map<String, Object> attributes = DiscordUserAttributes.toAttributes(user);
		return new DiscordOAuth2User(user, attributes, authorities(attributes, token));
	}

	/**
	 * What a failed {@code GET /users/@me} does to the login.
	 */
	static OAuth2AuthenticationException loadFailure(Throwable ex) {
		OAuth2Error error = new OAuth2Error(INVALID_USER_INFO_RESPONSE,
				"Could not load the Discord user (GET /users/@me): " + ex.getClass().getSimpleName(), null);
		return new OAuth2AuthenticationException(error, error.toString(), ex);
	}

	/**
	 * The core token of a user request: the one the Discord token response client put
	 * into the additional parameters, else rebuilt from Spring Security's.
	 */
	static AccessToken accessToken(OAuth2UserRequest userRequest, Client client) {
		if (userRequest.getAdditionalParameters()
			.get(DiscordTokenResponses.ACCESS_TOKEN_PARAMETER) instanceof AccessToken token) {
			return token;
		}
		// The token came from another token response client: rebuild it (without refresh
		// token, which Spring Security does not hand to the user service).
		OAuth2AccessToken accessToken = userRequest.getAccessToken();
		return client.restoreAccessToken(accessToken.getTokenValue(), null, accessToken.getExpiresAt(),
				accessToken.getScopes());
	}

	private static List<GrantedAuthority> authorities(Map<String, Object> attributes, AccessToken token) {
		List<GrantedAuthority> authorities = new ArrayList<>();
		authorities.add(new OAuth2UserAuthority(attributes, DiscordClientRegistrations.USER_NAME_ATTRIBUTE));
		Set<String> scopes = new LinkedHashSet<>(token.scopes());
		for (String scope : scopes) {
			authorities.add(new SimpleGrantedAuthority("SCOPE_" + scope));
		}
		return authorities;
	}

}
