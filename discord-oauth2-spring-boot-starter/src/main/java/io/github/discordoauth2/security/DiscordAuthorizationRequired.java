package io.github.discordoauth2.security;

import io.github.discordoauth2.security.web.DiscordAccountRequiredException;
import org.jspecify.annotations.Nullable;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.ClientAuthorizationRequiredException;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;

/**
 * What to do when a request needs the user's Discord token and none is usable: send an
 * anonymous user, or one logged in with Discord, through the Discord login (which comes
 * back to the same page); refuse anyone else, whose identity that login would replace.
 * <p>
 * Public only for the starter's stack-specific auto-configurations; not an API to build
 * on.
 *
 * @since 0.1.0
 */
public final class DiscordAuthorizationRequired {

	private DiscordAuthorizationRequired() {
	}

	/**
	 * The exception to throw for this principal.
	 * @param principal the current authentication, or {@code null}
	 * @param registrationId the ID of the Discord registration
	 * @return {@link ClientAuthorizationRequiredException} (Spring Security starts the
	 * login) or {@link DiscordAccountRequiredException} (HTTP 403)
	 */
	public static RuntimeException exceptionFor(@Nullable Authentication principal, String registrationId) {
		if (principal == null || principal instanceof AnonymousAuthenticationToken || !principal.isAuthenticated()
				|| isDiscordLogin(principal, registrationId)) {
			return new ClientAuthorizationRequiredException(registrationId);
		}
		return new DiscordAccountRequiredException(registrationId);
	}

	private static boolean isDiscordLogin(Authentication principal, String registrationId) {
		return principal instanceof OAuth2AuthenticationToken oauth2
				&& registrationId.equals(oauth2.getAuthorizedClientRegistrationId());
	}

}
