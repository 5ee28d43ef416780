package io.github.discordoauth2.security.web;

import io.github.discordoauth2.security.tokens.DiscordAccountLinks;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.oauth2.client.web.AuthorizationRequestRepository;
import org.springframework.security.oauth2.client.web.HttpSessionOAuth2AuthorizationRequestRepository;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;

/**
 * Where "Connect Discord" keeps a pending authorization: in the HTTP session, as Spring
 * Security's default repository does, bound to the local account that started it. A
 * callback reaching the session while another account is signed in (someone signed in
 * over the first account in the same browser, whose session then carried the pending
 * connection along) finds no pending authorization, so the code is never exchanged and
 * nobody is linked; the landing tells the user. Authorization requests without that
 * binding (the application's own {@code oauth2Client()} ones) pass through unchanged.
 */
final class DiscordConnectAuthorizationRequests implements AuthorizationRequestRepository<OAuth2AuthorizationRequest> {

	/** Attribute of the authorization request that holds the starting account's key. */
	static final String ACCOUNT_ATTRIBUTE = DiscordConnectAuthorizationRequests.class.getName() + ".ACCOUNT";

	/** Request attribute set when a pending connection belongs to another account. */
	static final String MISMATCH_ATTRIBUTE = DiscordConnectAuthorizationRequests.class.getName() + ".MISMATCH";

	private final AuthorizationRequestRepository<OAuth2AuthorizationRequest> sessions = new HttpSessionOAuth2AuthorizationRequestRepository();

	private final DiscordAccountLinks links;

	private final SecurityContextHolderStrategy contexts;

	DiscordConnectAuthorizationRequests(DiscordAccountLinks links, SecurityContextHolderStrategy contexts) {
		this.links = links;
		this.contexts = contexts;
	}

	@Override
	public @Nullable OAuth2AuthorizationRequest loadAuthorizationRequest(HttpServletRequest request) {
		OAuth2AuthorizationRequest pending = this.sessions.loadAuthorizationRequest(request);
		if (pending == null) {
			return null;
		}
		Object startedBy = pending.getAttribute(ACCOUNT_ATTRIBUTE);
		if (startedBy == null || startedBy.equals(currentAccountKey())) {
			return pending;
		}
		request.setAttribute(MISMATCH_ATTRIBUTE, Boolean.TRUE);
		return null;
	}

	@Override
	public void saveAuthorizationRequest(@Nullable OAuth2AuthorizationRequest authorizationRequest,
			HttpServletRequest request, HttpServletResponse response) {
		this.sessions.saveAuthorizationRequest(authorizationRequest, request, response);
	}

	@Override
	public @Nullable OAuth2AuthorizationRequest removeAuthorizationRequest(HttpServletRequest request,
			HttpServletResponse response) {
		if (loadAuthorizationRequest(request) == null) {
			return null;
		}
		return this.sessions.removeAuthorizationRequest(request, response);
	}

	private @Nullable String currentAccountKey() {
		Authentication authentication = this.contexts.getContext().getAuthentication();
		return (authentication != null && this.links.isLocalAccount(authentication))
				? this.links.accountKey(authentication) : null;
	}

}
