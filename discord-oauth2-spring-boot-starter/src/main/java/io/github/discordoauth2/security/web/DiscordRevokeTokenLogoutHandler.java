package io.github.discordoauth2.security.web;

import io.github.discordoauth2.Client;
import io.github.discordoauth2.TokenTypeHint;
import io.github.discordoauth2.security.tokens.DiscordRevocation;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.security.web.authentication.logout.LogoutHandler;
import org.springframework.util.Assert;

/**
 * Revokes the user's Discord authorization on logout and forgets the stored authorized
 * client, so that "log out" also disconnects the application from the user's Discord
 * account (the next login asks for consent again). Add it with
 * {@code http.logout((logout) -> logout.addLogoutHandler(handler))}, or set
 * {@code discord.oauth2.login.revoke-on-logout=true} for the starter's filter chains.
 *
 * <p>
 * With the starter's token store, prefer {@link DiscordTokensLogoutHandler}
 * ({@code discord.oauth2.token-store.on-logout=revoke}, which the starter's filter chains
 * and {@code discordLogin().revokeTokenOnLogout(true)} use): through the store's
 * repository this handler can only mark the stored tokens for a refresh, which Discord
 * then refuses and the entry goes.
 *
 * <p>
 * Revoking either token revokes the whole authorization at Discord. A failed revocation
 * does not stop the logout; it is logged at WARN level without the token, and the
 * {@link DiscordRevocation} is left in the request attribute
 * {@link DiscordRevocation#ATTRIBUTE}.
 *
 * @since 0.1.0
 */
public final class DiscordRevokeTokenLogoutHandler implements LogoutHandler {

	private static final Log logger = LogFactory.getLog(DiscordRevokeTokenLogoutHandler.class);

	private final Client client;

	private final String registrationId;

	private final OAuth2AuthorizedClientRepository authorizedClientRepository;

	/**
	 * Creates the handler.
	 * @param client the core client that revokes the token
	 * @param registrationId the ID of the Discord registration, e.g. {@code discord}
	 * @param authorizedClientRepository where Spring Security keeps the user's tokens
	 */
	public DiscordRevokeTokenLogoutHandler(Client client, String registrationId,
			OAuth2AuthorizedClientRepository authorizedClientRepository) {
		Assert.notNull(client, "client must not be null");
		Assert.hasText(registrationId, "registrationId must not be empty");
		Assert.notNull(authorizedClientRepository, "authorizedClientRepository must not be null");
		this.client = client;
		this.registrationId = registrationId;
		this.authorizedClientRepository = authorizedClientRepository;
	}

	@Override
	public void logout(HttpServletRequest request, HttpServletResponse response,
			@Nullable Authentication authentication) {
		if (authentication == null) {
			return;
		}
		OAuth2AuthorizedClient authorized = this.authorizedClientRepository.loadAuthorizedClient(this.registrationId,
				authentication, request);
		if (authorized == null) {
			return;
		}
		DiscordRevocation revocation = DiscordRevocation.REVOKED;
		try {
			if (authorized.getRefreshToken() != null) {
				// The refresh token outlives the access token, so it revokes even after
				// the access token expired.
				this.client.revokeToken(authorized.getRefreshToken().getTokenValue(), TokenTypeHint.REFRESH_TOKEN);
			}
			else {
				this.client.revokeToken(authorized.getAccessToken().getTokenValue(), TokenTypeHint.ACCESS_TOKEN);
			}
		}
		catch (RuntimeException ex) {
			logger.warn("Could not revoke the Discord authorization of the user logging out ("
					+ ex.getClass().getSimpleName() + "); it may stay authorized at Discord");
			revocation = DiscordRevocation.FAILED;
		}
		request.setAttribute(DiscordRevocation.ATTRIBUTE, revocation);
		this.authorizedClientRepository.removeAuthorizedClient(this.registrationId, authentication, request, response);
	}

}
