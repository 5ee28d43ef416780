package io.github.discordoauth2.security.web;

import java.io.IOException;

import io.github.discordoauth2.security.tokens.DiscordAccountLinks;
import io.github.discordoauth2.security.tokens.DiscordRevocation;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpMethod;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.DefaultRedirectStrategy;
import org.springframework.security.web.RedirectStrategy;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The two ends of "Connect Discord" that Spring Security's {@code oauth2Client()} does
 * not have: the landing after the callback (Spring Security redirects to the callback URI
 * itself, without the code) and the disconnect form's target.
 */
final class DiscordConnectFilter extends OncePerRequestFilter {

	static final String ERROR_PARAMETER = "discord-connect-error";

	static final String DISCONNECT_ERROR_PARAMETER = "discord-disconnect-error";

	static final String REVOCATION_FAILED = "revocation_failed";

	private final DiscordAccountLinks links;

	private final SecurityContextHolderStrategy contexts;

	private final RequestMatcher landing;

	private final RequestMatcher disconnect;

	private final String returnUrl;

	private final RedirectStrategy redirects = new DefaultRedirectStrategy();

	DiscordConnectFilter(DiscordAccountLinks links, SecurityContextHolderStrategy contexts, String registrationId,
			String returnUrl) {
		this.links = links;
		this.contexts = contexts;
		this.landing = PathPatternRequestMatcher.withDefaults()
			.matcher(HttpMethod.GET, DiscordConnectConfigurer.CALLBACK_BASE_URI + "/" + registrationId);
		this.disconnect = PathPatternRequestMatcher.withDefaults()
			.matcher(HttpMethod.POST, DiscordConnectConfigurer.DISCONNECT_BASE_URI + "/" + registrationId);
		this.returnUrl = returnUrl;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (this.disconnect.matches(request)) {
			DiscordRevocation revocation = this.links.disconnect(this.contexts.getContext().getAuthentication());
			request.setAttribute(DiscordRevocation.ATTRIBUTE, revocation);
			// The user is told when Discord did not confirm: the application may still be
			// authorized there.
			String target = (revocation == DiscordRevocation.FAILED)
					? UriComponentsBuilder.fromUriString(this.returnUrl)
						.queryParam(DISCONNECT_ERROR_PARAMETER, REVOCATION_FAILED)
						.encode()
						.toUriString()
					: this.returnUrl;
			this.redirects.sendRedirect(request, response, target);
			return;
		}
		if (this.landing.matches(request)) {
			// Spring Security has handled (and removed) the authorization response; what
			// reaches here is its redirect after success, or after a refusal with the
			// error code.
			String error = request.getParameter("error");
			String target = (error != null) ? UriComponentsBuilder.fromUriString(this.returnUrl)
				.queryParam(ERROR_PARAMETER, error)
				.encode()
				.toUriString() : this.returnUrl;
			this.redirects.sendRedirect(request, response, target);
			return;
		}
		chain.doFilter(request, response);
	}

}
