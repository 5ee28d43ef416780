package io.github.discordoauth2.security.web;

import io.github.discordoauth2.security.tokens.DiscordAccountLinks;
import io.github.discordoauth2.security.tokens.DiscordAuthorizedClients;
import io.github.discordoauth2.security.tokens.DiscordClientRouting;
import io.github.discordoauth2.security.tokens.DiscordClientRouting.Route;
import io.github.discordoauth2.security.tokens.DiscordClientRouting.Target;
import io.github.discordoauth2.security.tokens.DiscordTokenStore;
import io.github.discordoauth2.security.tokens.DiscordTokens;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.web.HttpSessionOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.util.Assert;

/**
 * The {@link OAuth2AuthorizedClientRepository} of an application with Discord login: the
 * Discord registration's tokens go to the {@link DiscordTokenStore}, keyed by the Discord
 * user ID, and only for an authentication that came from that registration. Any other
 * authentication (a form login whose user name happens to be someone's Discord ID) never
 * reads a stored Discord token, except the one of the Discord account it has connected
 * itself: a signed-in local account that completes a Discord authorization (Spring
 * Security's {@code oauth2Client()}, see {@link DiscordConnectConfigurer}) is linked to
 * the Discord user of that token ({@link DiscordAccountLinks}). An anonymous user's
 * authorization stays in its HTTP session. Other registrations go to the delegate. Which
 * of these a principal is, {@link DiscordClientRouting} decides, for the WebFlux
 * repository as well.
 *
 * <p>
 * A freshly issued pair saved through this repository is stored whatever its lifetime;
 * saving an expired pair, or the pair as stored, only marks the stored entry for a
 * refresh ({@link DiscordAuthorizedClients#saveFromRepository}), and removing the Discord
 * entry through this repository, as Spring Security's
 * {@code RemoveAuthorizedClientOAuth2AuthorizationFailureHandler} does after a failed
 * call, only makes the next use refresh the token (or forgets a token that cannot be
 * refreshed): the repository knows neither which token failed nor whether another request
 * has just rotated it, and must not delete a fresh pair. Tokens Discord refuses are
 * removed by {@link DiscordTokens}.
 *
 * @since 0.1.0
 */
public final class DiscordOAuth2AuthorizedClientRepository implements OAuth2AuthorizedClientRepository {

	private final DiscordTokens tokens;

	private final OAuth2AuthorizedClientRepository delegate;

	private final DiscordAccountLinks links;

	private final DiscordClientRouting routing;

	private final OAuth2AuthorizedClientRepository sessions = new HttpSessionOAuth2AuthorizedClientRepository();

	/**
	 * Creates the repository, with account links on their defaults
	 * ({@link DiscordAccountLinks#DiscordAccountLinks(DiscordTokens)}).
	 * @param tokens reads and refreshes the Discord tokens
	 * @param delegate keeps the authorized clients of other registrations
	 */
	public DiscordOAuth2AuthorizedClientRepository(DiscordTokens tokens, OAuth2AuthorizedClientRepository delegate) {
		this(tokens, delegate, new DiscordAccountLinks(tokens));
	}

	/**
	 * Creates the repository.
	 * @param tokens reads and refreshes the Discord tokens
	 * @param delegate keeps the authorized clients of other registrations
	 * @param links the account links (the {@link DiscordAccountLinks} bean)
	 */
	public DiscordOAuth2AuthorizedClientRepository(DiscordTokens tokens, OAuth2AuthorizedClientRepository delegate,
			DiscordAccountLinks links) {
		Assert.notNull(tokens, "tokens must not be null");
		Assert.notNull(delegate, "delegate must not be null");
		Assert.notNull(links, "links must not be null");
		this.tokens = tokens;
		this.delegate = delegate;
		this.links = links;
		this.routing = new DiscordClientRouting(tokens.registrationId());
	}

	@Override
	@SuppressWarnings("unchecked")
	public <T extends OAuth2AuthorizedClient> @Nullable T loadAuthorizedClient(String clientRegistrationId,
			@Nullable Authentication principal, HttpServletRequest request) {
		Route route = this.routing.route(clientRegistrationId, principal);
		return switch (route.target()) {
			case DELEGATE -> this.delegate.loadAuthorizedClient(clientRegistrationId, principal, request);
			// The store, never this instance's copy: whoever loads through the repository
			// (the
			// 401 handling) wants what is stored now.
			case DISCORD_USER -> (T) this.tokens.load(route.requireDiscordUserId());
			case LOCAL_ACCOUNT -> {
				Long linked = this.links.userIdOf(principal);
				yield (linked != null) ? (T) this.tokens.load(linked)
						: this.sessions.loadAuthorizedClient(clientRegistrationId, principal, request);
			}
			case NONE -> this.sessions.loadAuthorizedClient(clientRegistrationId, principal, request);
		};
	}

	@Override
	public void saveAuthorizedClient(OAuth2AuthorizedClient authorizedClient, @Nullable Authentication principal,
			HttpServletRequest request, HttpServletResponse response) {
		Route route = this.routing.route(authorizedClient.getClientRegistration().getRegistrationId(), principal);
		switch (route.target()) {
			case DELEGATE -> this.delegate.saveAuthorizedClient(authorizedClient, principal, request, response);
			// A fresh login's pair is stored whatever its lifetime; a pair handed back
			// expired only asks for a refresh, on the entry as stored, so a pair another
			// request rotated meanwhile survives.
			case DISCORD_USER -> this.tokens.saveFromRepository(authorizedClient, route.requireDiscordUserId());
			case LOCAL_ACCOUNT -> {
				// A signed-in local account completed a Discord authorization ("Connect
				// Discord", state and account checked on the callback), or hands its
				// connected pair back for a refresh.
				if (principal != null && !this.links.saveAuthorized(principal, authorizedClient)) {
					// The Discord account is connected to as many local accounts as
					// allowed: the landing after the callback tells the user.
					request.getSession().setAttribute(DiscordConnectFilter.REFUSED_ATTRIBUTE, "already_linked");
				}
			}
			case NONE -> this.sessions.saveAuthorizedClient(authorizedClient, principal, request, response);
		}
	}

	@Override
	public void removeAuthorizedClient(String clientRegistrationId, @Nullable Authentication principal,
			HttpServletRequest request, HttpServletResponse response) {
		Route route = this.routing.route(clientRegistrationId, principal);
		Long userId = switch (route.target()) {
			case DELEGATE -> {
				this.delegate.removeAuthorizedClient(clientRegistrationId, principal, request, response);
				yield null;
			}
			case DISCORD_USER -> route.requireDiscordUserId();
			case LOCAL_ACCOUNT -> this.links.userIdOf(principal);
			case NONE -> null;
		};
		if (userId != null) {
			this.tokens.invalidateAccessToken(userId);
		}
		else if (route.target() != Target.DELEGATE) {
			this.sessions.removeAuthorizedClient(clientRegistrationId, principal, request, response);
		}
	}

}
