package io.github.discordoauth2.security.web;

import java.io.IOException;

import io.github.discordoauth2.security.tokens.DiscordAccountLinks;
import io.github.discordoauth2.security.tokens.DiscordRevocation;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.http.HttpMethod;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.DefaultRedirectStrategy;
import org.springframework.security.web.RedirectStrategy;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The ends of "Connect Discord" that Spring Security's {@code oauth2Client()} does not
 * have, after the application's authorization rules: the start (a form's POST, CSRF
 * checked, handed to a redirect filter of its own), the landing after the callback
 * (Spring Security redirects to the callback URI itself, without the code) and the
 * disconnect form's target.
 */
final class DiscordConnectFilter extends OncePerRequestFilter {

	static final String ERROR_PARAMETER = "discord-connect-error";

	/** Session attribute that carries a refused connection to the landing. */
	static final String REFUSED_ATTRIBUTE = DiscordConnectFilter.class.getName() + ".REFUSED";

	static final String DISCONNECT_ERROR_PARAMETER = "discord-disconnect-error";

	static final String REVOCATION_FAILED = "revocation_failed";

	private final DiscordAccountLinks links;

	private final SecurityContextHolderStrategy contexts;

	private final RequestMatcher start;

	private final Filter startFilter;

	private final RequestMatcher landing;

	private final RequestMatcher disconnect;

	private final String returnUrl;

	private final RedirectStrategy redirects = new DefaultRedirectStrategy();

	DiscordConnectFilter(DiscordAccountLinks links, SecurityContextHolderStrategy contexts, String registrationId,
			String returnUrl, Filter startFilter) {
		this.links = links;
		this.contexts = contexts;
		this.start = PathPatternRequestMatcher.withDefaults()
			.matcher(HttpMethod.POST, DiscordConnectConfigurer.CONNECT_BASE_URI + "/" + registrationId);
		this.startFilter = startFilter;
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
		if (this.start.matches(request)) {
			// Past the application's rules and the CSRF check: send the local account to
			// Discord.
			this.startFilter.doFilter(request, response, chain);
			return;
		}
		if (this.landing.matches(request)) {
			this.redirects.sendRedirect(request, response, landingUrl(request));
			return;
		}
		chain.doFilter(request, response);
	}

	/**
	 * Spring Security has handled (and removed) the authorization response; what reaches
	 * here is its redirect after success, or after a refusal with the error code, or a
	 * callback that no pending connection of the signed-in account took.
	 */
	private String landingUrl(HttpServletRequest request) {
		String error = request.getParameter("error");
		HttpSession session = request.getSession(false);
		if (error == null && session != null && session.getAttribute(REFUSED_ATTRIBUTE) instanceof String refused) {
			session.removeAttribute(REFUSED_ATTRIBUTE);
			error = refused;
		}
		else if (error == null && (request.getParameter("code") != null || request.getParameter("state") != null)) {
			error = (request.getAttribute(DiscordConnectAuthorizationRequests.MISMATCH_ATTRIBUTE) != null)
					? "account_mismatch" : "invalid_state";
		}
		return (error != null) ? UriComponentsBuilder.fromUriString(this.returnUrl)
			.queryParam(ERROR_PARAMETER, error)
			.encode()
			.toUriString() : this.returnUrl;
	}

}
