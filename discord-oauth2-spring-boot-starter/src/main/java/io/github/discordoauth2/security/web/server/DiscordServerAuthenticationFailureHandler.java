package io.github.discordoauth2.security.web.server;

import java.net.URI;

import reactor.core.publisher.Mono;

import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.WebAttributes;
import org.springframework.security.web.server.WebFilterExchange;
import org.springframework.security.web.server.authentication.RedirectServerAuthenticationFailureHandler;
import org.springframework.security.web.server.authentication.ServerAuthenticationFailureHandler;
import org.springframework.util.Assert;

/**
 * Keeps the failure in the web session ({@link WebAttributes#AUTHENTICATION_EXCEPTION},
 * where the servlet stack's failure handler keeps it) and redirects, so that the page can
 * say why the login was refused or the session ended. Spring Security's reactive default
 * only redirects to {@code /login?error}.
 *
 * @since 0.1.0
 */
public final class DiscordServerAuthenticationFailureHandler implements ServerAuthenticationFailureHandler {

	private final RedirectServerAuthenticationFailureHandler redirect;

	/**
	 * Creates the handler.
	 * @param location where to send the user, e.g. {@code /login?error}
	 */
	public DiscordServerAuthenticationFailureHandler(String location) {
		Assert.hasText(location, "location must not be empty");
		this.redirect = new RedirectServerAuthenticationFailureHandler(location);
	}

	/**
	 * Creates the handler.
	 * @param location where to send the user
	 */
	public DiscordServerAuthenticationFailureHandler(URI location) {
		this(location.toString());
	}

	@Override
	public Mono<Void> onAuthenticationFailure(WebFilterExchange exchange, AuthenticationException exception) {
		return exchange.getExchange()
			.getSession()
			.doOnNext((session) -> session.getAttributes().put(WebAttributes.AUTHENTICATION_EXCEPTION, exception))
			.then(this.redirect.onAuthenticationFailure(exchange, exception));
	}

}
