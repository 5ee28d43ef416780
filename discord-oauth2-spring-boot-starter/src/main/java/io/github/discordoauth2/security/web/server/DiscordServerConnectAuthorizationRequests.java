package io.github.discordoauth2.security.web.server;

import java.util.Optional;

import io.github.discordoauth2.security.tokens.ReactiveDiscordAccountLinks;
import reactor.core.publisher.Mono;

import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.oauth2.client.web.server.ServerAuthorizationRequestRepository;
import org.springframework.security.oauth2.client.web.server.WebSessionOAuth2ServerAuthorizationRequestRepository;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.web.server.ServerWebExchange;

/**
 * Where "Connect Discord" keeps a pending authorization on WebFlux: in the web session,
 * as Spring Security's default repository does, bound to the local account that started
 * it, as the servlet {@code DiscordConnectAuthorizationRequests} does. A callback
 * reaching the session while another account is signed in finds no pending authorization,
 * so the code is never exchanged and nobody is linked; the landing tells the user.
 * Authorization requests without that binding pass through unchanged.
 */
final class DiscordServerConnectAuthorizationRequests
		implements ServerAuthorizationRequestRepository<OAuth2AuthorizationRequest> {

	/** Attribute of the authorization request that holds the starting account's key. */
	static final String ACCOUNT_ATTRIBUTE = DiscordServerConnectAuthorizationRequests.class.getName() + ".ACCOUNT";

	/** Exchange attribute set when a pending connection belongs to another account. */
	static final String MISMATCH_ATTRIBUTE = DiscordServerConnectAuthorizationRequests.class.getName() + ".MISMATCH";

	private final ServerAuthorizationRequestRepository<OAuth2AuthorizationRequest> sessions = new WebSessionOAuth2ServerAuthorizationRequestRepository();

	private final ReactiveDiscordAccountLinks links;

	DiscordServerConnectAuthorizationRequests(ReactiveDiscordAccountLinks links) {
		this.links = links;
	}

	@Override
	public Mono<OAuth2AuthorizationRequest> loadAuthorizationRequest(ServerWebExchange exchange) {
		return this.sessions.loadAuthorizationRequest(exchange).flatMap((pending) -> {
			Object startedBy = pending.getAttribute(ACCOUNT_ATTRIBUTE);
			if (startedBy == null) {
				return Mono.just(pending);
			}
			return currentAccountKey().flatMap((current) -> {
				if (current.isPresent() && startedBy.equals(current.get())) {
					return Mono.just(pending);
				}
				exchange.getAttributes().put(MISMATCH_ATTRIBUTE, Boolean.TRUE);
				return Mono.empty();
			});
		});
	}

	@Override
	public Mono<Void> saveAuthorizationRequest(OAuth2AuthorizationRequest authorizationRequest,
			ServerWebExchange exchange) {
		return this.sessions.saveAuthorizationRequest(authorizationRequest, exchange);
	}

	@Override
	public Mono<OAuth2AuthorizationRequest> removeAuthorizationRequest(ServerWebExchange exchange) {
		return loadAuthorizationRequest(exchange)
			.flatMap((pending) -> this.sessions.removeAuthorizationRequest(exchange));
	}

	private Mono<Optional<String>> currentAccountKey() {
		return ReactiveSecurityContextHolder.getContext()
			.mapNotNull(SecurityContext::getAuthentication)
			.filter(this.links::isLocalAccount)
			.map((authentication) -> Optional.of(this.links.accountKey(authentication)))
			.defaultIfEmpty(Optional.empty());
	}

}
