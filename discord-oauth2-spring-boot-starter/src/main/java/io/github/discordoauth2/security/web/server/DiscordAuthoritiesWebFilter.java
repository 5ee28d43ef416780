package io.github.discordoauth2.security.web.server;

import java.util.Optional;

import io.github.discordoauth2.security.DiscordAuthorities;
import io.github.discordoauth2.security.DiscordAuthoritiesPolicy.Outcome;
import io.github.discordoauth2.security.DiscordOAuth2User;
import io.github.discordoauth2.security.ReactiveDiscordStandingReader;
import io.github.discordoauth2.security.tokens.ReactiveDiscordTokens;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.web.server.WebFilterExchange;
import org.springframework.security.web.server.authentication.ServerAuthenticationFailureHandler;
import org.springframework.security.web.server.context.ServerSecurityContextRepository;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.server.WebSession;

/**
 * Keeps a Discord login's guild and role authorities fresh on WebFlux, as the servlet
 * filter does: when {@link DiscordAuthorities} says a user is due, reads Discord with the
 * stored token ({@link ReactiveDiscordTokens#find(long)}) and carries out the decision:
 * the new authentication goes on with the request and is saved through the
 * {@link ServerSecurityContextRepository} (a shared session carries it to every
 * instance), or the session ends and the user goes to the failure handler with the
 * reason. Between checks it costs a clock read and makes no call; nothing blocks the
 * event loop (the token store is read on a bounded elastic thread, Discord through the
 * non-blocking client, and events are published on a bounded elastic thread).
 */
final class DiscordAuthoritiesWebFilter implements WebFilter {

	private final DiscordAuthorities authorities;

	private final ReactiveDiscordTokens tokens;

	private final ReactiveDiscordStandingReader reader;

	private final ServerSecurityContextRepository repository;

	private final ServerAuthenticationFailureHandler failureHandler;

	DiscordAuthoritiesWebFilter(DiscordAuthorities authorities, ReactiveDiscordTokens tokens,
			ReactiveDiscordStandingReader reader, ServerSecurityContextRepository repository,
			ServerAuthenticationFailureHandler failureHandler) {
		this.authorities = authorities;
		this.tokens = tokens;
		this.reader = reader;
		this.repository = repository;
		this.failureHandler = failureHandler;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		return ReactiveSecurityContextHolder.getContext()
			.map((context) -> Optional.ofNullable(this.authorities.dueForCheck(context.getAuthentication())))
			.defaultIfEmpty(Optional.empty())
			.flatMap((due) -> due.isPresent() ? check(due.get(), exchange, chain) : chain.filter(exchange));
	}

	private Mono<Void> check(OAuth2AuthenticationToken due, ServerWebExchange exchange, WebFilterChain chain) {
		long userId = ((DiscordOAuth2User) due.getPrincipal()).id();
		return this.tokens.find(userId)
			.flatMap((token) -> this.reader.read(token, token.scopes()))
			.defaultIfEmpty(Outcome.noToken())
			.onErrorResume((ex) -> Mono.just(Outcome.failed(ex)))
			// Listeners of DiscordAuthoritiesChangedEvent (audit logs) may block.
			.publishOn(Schedulers.boundedElastic())
			.map((outcome) -> this.authorities.apply(due, outcome))
			.flatMap((result) -> {
				if (result instanceof DiscordAuthorities.Updated updated) {
					SecurityContext context = new SecurityContextImpl(updated.authentication());
					return this.repository.save(exchange, context)
						.then(chain.filter(exchange)
							.contextWrite(ReactiveSecurityContextHolder.withSecurityContext(Mono.just(context))));
				}
				if (result instanceof DiscordAuthorities.Ended ended) {
					return endSession(exchange).then(this.failureHandler
						.onAuthenticationFailure(new WebFilterExchange(exchange, chain), ended.reason()));
				}
				return chain.filter(exchange);
			});
	}

	/**
	 * Ends the session's state: the security context and every other attribute go, and
	 * the session ID changes, so the old cookie opens nothing. (A WebFlux exchange keeps
	 * the one session it started with, so the same session, under a new ID, carries the
	 * reason to the failure page.)
	 */
	private Mono<Void> endSession(ServerWebExchange exchange) {
		return this.repository.save(exchange, null).then(exchange.getSession()).flatMap((WebSession session) -> {
			session.getAttributes().clear();
			return session.changeSessionId();
		});
	}

}
