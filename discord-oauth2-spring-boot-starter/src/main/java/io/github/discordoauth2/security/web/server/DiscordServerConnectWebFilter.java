package io.github.discordoauth2.security.web.server;

import java.net.URI;
import java.util.concurrent.atomic.AtomicBoolean;

import io.github.discordoauth2.security.tokens.DiscordRevocation;
import io.github.discordoauth2.security.tokens.ReactiveDiscordAccountLinks;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpMethod;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.server.DefaultServerRedirectStrategy;
import org.springframework.security.web.server.ServerRedirectStrategy;
import org.springframework.util.MultiValueMap;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * "Connect Discord" on WebFlux, after the application's authorization rules: the start (a
 * form's POST, CSRF checked, handed to a redirect filter of its own), the callback
 * (handed to Spring Security's code grant filter, whose success lands on the callback URI
 * without the code), the landing and the disconnect form's target; the servlet
 * {@code DiscordConnectFilter}'s twin.
 */
final class DiscordServerConnectWebFilter implements WebFilter {

	static final String ERROR_PARAMETER = "discord-connect-error";

	/** Web session attribute that carries a refused connection to the landing. */
	static final String REFUSED_ATTRIBUTE = DiscordServerConnectWebFilter.class.getName() + ".REFUSED";

	static final String ALREADY_LINKED = "already_linked";

	static final String DISCONNECT_ERROR_PARAMETER = "discord-disconnect-error";

	static final String REVOCATION_FAILED = "revocation_failed";

	private final ReactiveDiscordAccountLinks links;

	private final String startPath;

	private final String callbackPath;

	private final String disconnectPath;

	private final String returnUrl;

	private final WebFilter startFilter;

	private final WebFilter codeGrantFilter;

	private final ServerRedirectStrategy redirects = new DefaultServerRedirectStrategy();

	DiscordServerConnectWebFilter(ReactiveDiscordAccountLinks links, String registrationId, String returnUrl,
			WebFilter startFilter, WebFilter codeGrantFilter) {
		this.links = links;
		this.startPath = DiscordServerConnectConfigurer.CONNECT_BASE_URI + "/" + registrationId;
		this.callbackPath = DiscordServerConnectConfigurer.CALLBACK_BASE_URI + "/" + registrationId;
		this.disconnectPath = DiscordServerConnectConfigurer.DISCONNECT_BASE_URI + "/" + registrationId;
		this.returnUrl = returnUrl;
		this.startFilter = startFilter;
		this.codeGrantFilter = codeGrantFilter;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		ServerHttpRequest request = exchange.getRequest();
		if (matches(request, HttpMethod.POST, this.disconnectPath)) {
			return disconnect(exchange);
		}
		if (matches(request, HttpMethod.POST, this.startPath)) {
			// Past the application's rules and the CSRF check: send the local account to
			// Discord.
			return this.startFilter.filter(exchange, chain);
		}
		if (matches(request, HttpMethod.GET, this.callbackPath)) {
			return callback(exchange);
		}
		return chain.filter(exchange);
	}

	private Mono<Void> disconnect(ServerWebExchange exchange) {
		return ReactiveSecurityContextHolder.getContext()
			.mapNotNull(SecurityContext::getAuthentication)
			.flatMap(this.links::disconnect)
			.defaultIfEmpty(DiscordRevocation.NOTHING_STORED)
			.flatMap((revocation) -> {
				exchange.getAttributes().put(DiscordRevocation.ATTRIBUTE, revocation);
				// The user is told when Discord did not confirm: the application may
				// still
				// be authorized there.
				return redirect(exchange, (revocation == DiscordRevocation.FAILED)
						? withParameter(DISCONNECT_ERROR_PARAMETER, REVOCATION_FAILED) : this.returnUrl);
			});
	}

	/**
	 * Spring Security's code grant filter takes a callback that a pending connection of
	 * the signed-in account matches; anything it does not take (its own redirect after
	 * success, a callback nobody started, one started by another account) lands here.
	 */
	private Mono<Void> callback(ServerWebExchange exchange) {
		AtomicBoolean notTaken = new AtomicBoolean();
		// Lazily: the code grant filter assembles its fallback to the chain before it
		// knows whether it takes the callback.
		return this.codeGrantFilter.filter(exchange, (passed) -> Mono.fromRunnable(() -> notTaken.set(true)))
			.onErrorResume(OAuth2AuthenticationException.class,
					(ex) -> redirect(exchange, withParameter(ERROR_PARAMETER, ex.getError().getErrorCode())))
			.then(Mono.defer(() -> notTaken.get() ? land(exchange) : Mono.empty()));
	}

	private Mono<Void> land(ServerWebExchange exchange) {
		MultiValueMap<String, String> query = exchange.getRequest().getQueryParams();
		String error = query.getFirst("error");
		if (error != null) {
			return redirect(exchange, withParameter(ERROR_PARAMETER, error));
		}
		return exchange.getSession().flatMap((session) -> {
			Object refused = session.getAttributes().remove(REFUSED_ATTRIBUTE);
			if (refused instanceof String code) {
				return redirect(exchange, withParameter(ERROR_PARAMETER, code));
			}
			if (query.getFirst("code") != null || query.getFirst("state") != null) {
				return redirect(exchange, withParameter(ERROR_PARAMETER,
						(exchange.getAttribute(DiscordServerConnectAuthorizationRequests.MISMATCH_ATTRIBUTE) != null)
								? "account_mismatch" : "invalid_state"));
			}
			return redirect(exchange, this.returnUrl);
		});
	}

	private String withParameter(String name, @Nullable String value) {
		return UriComponentsBuilder.fromUriString(this.returnUrl).queryParam(name, value).encode().toUriString();
	}

	private Mono<Void> redirect(ServerWebExchange exchange, String target) {
		return this.redirects.sendRedirect(exchange, URI.create(target));
	}

	private static boolean matches(ServerHttpRequest request, HttpMethod method, String path) {
		return method.equals(request.getMethod()) && path.equals(request.getPath().pathWithinApplication().value());
	}

}
