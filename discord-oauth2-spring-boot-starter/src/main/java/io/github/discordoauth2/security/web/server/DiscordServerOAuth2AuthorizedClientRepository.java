package io.github.discordoauth2.security.web.server;

import java.util.Optional;

import io.github.discordoauth2.security.tokens.DiscordClientRouting;
import io.github.discordoauth2.security.tokens.DiscordClientRouting.Route;
import io.github.discordoauth2.security.tokens.DiscordTokenStore;
import io.github.discordoauth2.security.tokens.ReactiveDiscordAccountLinks;
import io.github.discordoauth2.security.tokens.ReactiveDiscordAuthorizedClients;
import io.github.discordoauth2.security.tokens.ReactiveDiscordTokens;
import io.github.discordoauth2.security.web.DiscordOAuth2AuthorizedClientRepository;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.web.server.ServerOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.client.web.server.WebSessionServerOAuth2AuthorizedClientRepository;
import org.springframework.util.Assert;
import org.springframework.web.server.ServerWebExchange;

/**
 * The {@link ServerOAuth2AuthorizedClientRepository} of a WebFlux application with
 * Discord login, with the rules of the servlet
 * {@link DiscordOAuth2AuthorizedClientRepository}, decided by the same
 * {@link DiscordClientRouting}: the Discord registration's tokens go to the
 * {@link DiscordTokenStore}, keyed by the Discord user ID, and only for an authentication
 * that came from that registration, or for a signed-in local account the Discord account
 * it has connected itself: a local account that completes a Discord authorization
 * ({@link DiscordServerConnectConfigurer}) is linked to the Discord user of that token
 * ({@link ReactiveDiscordAccountLinks}). An anonymous user's authorization stays in its
 * web session; a freshly issued pair is stored whatever its lifetime, while saving an
 * expired pair or removing the entry only makes the next use refresh, so a pair another
 * request has just rotated survives. Store access runs on a bounded elastic thread
 * ({@link ReactiveDiscordTokens}). Other registrations go to the delegate.
 *
 * @since 0.1.0
 */
public final class DiscordServerOAuth2AuthorizedClientRepository implements ServerOAuth2AuthorizedClientRepository {

	private final ReactiveDiscordAuthorizedClients tokens;

	private final ServerOAuth2AuthorizedClientRepository delegate;

	private final @Nullable ReactiveDiscordAccountLinks links;

	private final DiscordClientRouting routing;

	private final ServerOAuth2AuthorizedClientRepository sessions = new WebSessionServerOAuth2AuthorizedClientRepository();

	/**
	 * Creates the repository without "Connect Discord": a local account's completed
	 * Discord authorization stays in its web session, under no Discord user.
	 * @param tokens reads, refreshes and saves the Discord tokens
	 * @param delegate keeps the authorized clients of other registrations
	 */
	public DiscordServerOAuth2AuthorizedClientRepository(ReactiveDiscordAuthorizedClients tokens,
			ServerOAuth2AuthorizedClientRepository delegate) {
		this(tokens, delegate, null);
	}

	/**
	 * Creates the repository.
	 * @param tokens reads, refreshes and saves the Discord tokens
	 * @param delegate keeps the authorized clients of other registrations
	 * @param links the account links (the {@link ReactiveDiscordAccountLinks} bean),
	 * which connect a local account that completes a Discord authorization; {@code null}
	 * keeps such an authorization in the web session
	 */
	public DiscordServerOAuth2AuthorizedClientRepository(ReactiveDiscordAuthorizedClients tokens,
			ServerOAuth2AuthorizedClientRepository delegate, @Nullable ReactiveDiscordAccountLinks links) {
		Assert.notNull(tokens, "tokens must not be null");
		Assert.notNull(delegate, "delegate must not be null");
		this.tokens = tokens;
		this.delegate = delegate;
		this.links = links;
		this.routing = new DiscordClientRouting(tokens.registrationId());
	}

	@Override
	@SuppressWarnings("unchecked")
	public <T extends OAuth2AuthorizedClient> Mono<T> loadAuthorizedClient(String clientRegistrationId,
			@Nullable Authentication principal, ServerWebExchange exchange) {
		Route route = this.routing.route(clientRegistrationId, principal);
		return switch (route.target()) {
			case DELEGATE -> this.delegate.loadAuthorizedClient(clientRegistrationId, principal, exchange);
			case DISCORD_USER -> this.tokens.load(route.requireDiscordUserId()).map((authorized) -> (T) authorized);
			case LOCAL_ACCOUNT -> this.tokens.linkedUserIdOf(principal)
				.map(Optional::of)
				.defaultIfEmpty(Optional.empty())
				.flatMap((linked) -> linked.isPresent()
						? this.tokens.load(linked.get()).map((authorized) -> (T) authorized)
						: this.sessions.loadAuthorizedClient(clientRegistrationId, principal, exchange));
			case NONE -> this.sessions.loadAuthorizedClient(clientRegistrationId, principal, exchange);
		};
	}

	@Override
	public Mono<Void> saveAuthorizedClient(OAuth2AuthorizedClient authorizedClient, @Nullable Authentication principal,
			ServerWebExchange exchange) {
		Route route = this.routing.route(authorizedClient.getClientRegistration().getRegistrationId(), principal);
		ReactiveDiscordAccountLinks accountLinks = this.links;
		return switch (route.target()) {
			case DELEGATE -> this.delegate.saveAuthorizedClient(authorizedClient, principal, exchange);
			// A fresh login's pair is stored whatever its lifetime; a pair handed back
			// expired only asks for a refresh, on the entry as stored.
			case DISCORD_USER -> this.tokens.saveFromRepository(authorizedClient, route.requireDiscordUserId());
			// A signed-in local account completed a Discord authorization ("Connect
			// Discord", state and account checked on the callback), or hands its
			// connected pair back for a refresh.
			case LOCAL_ACCOUNT -> (accountLinks != null && principal != null)
					? accountLinks.saveAuthorized(principal, authorizedClient)
						.flatMap((saved) -> saved ? Mono.empty() : refused(exchange))
					: this.sessions.saveAuthorizedClient(authorizedClient, principal, exchange);
			case NONE -> this.sessions.saveAuthorizedClient(authorizedClient, principal, exchange);
		};
	}

	@Override
	public Mono<Void> removeAuthorizedClient(String clientRegistrationId, @Nullable Authentication principal,
			ServerWebExchange exchange) {
		Route route = this.routing.route(clientRegistrationId, principal);
		return switch (route.target()) {
			case DELEGATE -> this.delegate.removeAuthorizedClient(clientRegistrationId, principal, exchange);
			case DISCORD_USER -> this.tokens.invalidateAccessToken(route.requireDiscordUserId());
			case LOCAL_ACCOUNT -> this.tokens.linkedUserIdOf(principal)
				.flatMap((userId) -> this.tokens.invalidateAccessToken(userId).thenReturn(true))
				.switchIfEmpty(
						Mono.defer(() -> this.sessions.removeAuthorizedClient(clientRegistrationId, principal, exchange)
							.thenReturn(false)))
				.then();
			case NONE -> this.sessions.removeAuthorizedClient(clientRegistrationId, principal, exchange);
		};
	}

	/**
	 * The Discord account is connected to as many local accounts as allowed: the landing
	 * after the callback tells the user.
	 */
	private static Mono<Void> refused(ServerWebExchange exchange) {
		return exchange.getSession()
			.doOnNext((session) -> session.getAttributes()
				.put(DiscordServerConnectWebFilter.REFUSED_ATTRIBUTE, DiscordServerConnectWebFilter.ALREADY_LINKED))
			.then();
	}

}
