package io.github.discordoauth2.security.web.server;

import java.util.Map;
import java.util.Optional;

import io.github.discordoauth2.security.tokens.ReactiveDiscordAccountLinks;
import reactor.core.publisher.Mono;

import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.oauth2.client.web.server.ServerAuthorizationRequestRepository;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebSession;

/**
 * Where "Connect Discord" keeps a pending authorization on WebFlux: in the web session,
 * bound to the local account that started it, as the servlet
 * {@code DiscordConnectAuthorizationRequests} does. A callback reaching the session while
 * another account is signed in finds no pending authorization, so the code is never
 * exchanged and nobody is linked; the landing tells the user.
 *
 * <p>
 * It lives under a session attribute of its own, not Spring Security's: a chain with
 * {@code oauth2Client()} or {@code oauth2Login()} of its own has code grant filters
 * before the connect filter, and one that found the pending connection would complete it
 * without asking whose it is.
 */
final class DiscordServerConnectAuthorizationRequests
		implements ServerAuthorizationRequestRepository<OAuth2AuthorizationRequest> {

	/** Attribute of the authorization request that holds the starting account's key. */
	static final String ACCOUNT_ATTRIBUTE = DiscordServerConnectAuthorizationRequests.class.getName() + ".ACCOUNT";

	/** Exchange attribute set when a pending connection belongs to another account. */
	static final String MISMATCH_ATTRIBUTE = DiscordServerConnectAuthorizationRequests.class.getName() + ".MISMATCH";

	/** Web session attribute that holds the pending connection. */
	static final String SESSION_ATTRIBUTE = DiscordServerConnectAuthorizationRequests.class.getName() + ".PENDING";

	private final ReactiveDiscordAccountLinks links;

	DiscordServerConnectAuthorizationRequests(ReactiveDiscordAccountLinks links) {
		this.links = links;
	}

	@Override
	public Mono<OAuth2AuthorizationRequest> loadAuthorizationRequest(ServerWebExchange exchange) {
		return pending(exchange).flatMap((pending) -> {
			Object startedBy = pending.getAttribute(ACCOUNT_ATTRIBUTE);
			return currentAccountKey().flatMap((current) -> {
				if (startedBy != null && current.isPresent() && startedBy.equals(current.get())) {
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
		return exchange.getSession()
			.doOnNext((session) -> session.getAttributes().put(SESSION_ATTRIBUTE, authorizationRequest))
			.then();
	}

	@Override
	public Mono<OAuth2AuthorizationRequest> removeAuthorizationRequest(ServerWebExchange exchange) {
		return loadAuthorizationRequest(exchange).flatMap((pending) -> exchange.getSession()
			.doOnNext((session) -> session.getAttributes().remove(SESSION_ATTRIBUTE))
			.thenReturn(pending));
	}

	/** The pending connection whose {@code state} the callback carries. */
	private static Mono<OAuth2AuthorizationRequest> pending(ServerWebExchange exchange) {
		String state = exchange.getRequest().getQueryParams().getFirst(OAuth2ParameterNames.STATE);
		if (state == null) {
			return Mono.empty();
		}
		return exchange.getSession()
			.map(WebSession::getAttributes)
			.mapNotNull((Map<String, Object> attributes) -> attributes.get(SESSION_ATTRIBUTE))
			.ofType(OAuth2AuthorizationRequest.class)
			.filter((pending) -> state.equals(pending.getState()));
	}

	private Mono<Optional<String>> currentAccountKey() {
		return ReactiveSecurityContextHolder.getContext()
			.mapNotNull(SecurityContext::getAuthentication)
			.filter(this.links::isLocalAccount)
			.map((authentication) -> Optional.of(this.links.accountKey(authentication)))
			.defaultIfEmpty(Optional.empty());
	}

}
