package io.github.discordoauth2.samples.demo;

import io.github.discordoauth2.Client;
import io.github.discordoauth2.exceptions.DiscordOAuth2Exception;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.security.web.authentication.logout.LogoutHandler;
import org.springframework.stereotype.Component;

/**
 * On logout, revokes the user's token at Discord (which ends the whole authorization, refresh token
 * included) and forgets it here, so that logging out really means the app can no longer act for
 * the user. A failed revocation does not stop the logout: it is logged, without the token.
 */
@Component
final class RevokeTokenLogoutHandler implements LogoutHandler {

    private static final Log log = LogFactory.getLog(RevokeTokenLogoutHandler.class);

    private final Client client;

    private final OAuth2AuthorizedClientRepository authorizedClients;

    RevokeTokenLogoutHandler(Client client, OAuth2AuthorizedClientRepository authorizedClients) {
        this.client = client;
        this.authorizedClients = authorizedClients;
    }

    @Override
    public void logout(HttpServletRequest request, HttpServletResponse response,
            @Nullable Authentication authentication) {
        if (!(authentication instanceof OAuth2AuthenticationToken login)) {
            return;
        }
        String registrationId = login.getAuthorizedClientRegistrationId();
        OAuth2AuthorizedClient authorized =
                authorizedClients.loadAuthorizedClient(registrationId, authentication, request);
        if (authorized == null) {
            return;
        }
        try {
            client.revokeToken(authorized.getAccessToken().getTokenValue());
            log.info("Revoked the Discord token of user " + authentication.getName() + " at logout");
        }
        catch (DiscordOAuth2Exception ex) {
            log.warn("Could not revoke the Discord token of user " + authentication.getName() + " at logout: "
                    + ex.getMessage());
        }
        finally {
            authorizedClients.removeAuthorizedClient(registrationId, authentication, request, response);
        }
    }
}
