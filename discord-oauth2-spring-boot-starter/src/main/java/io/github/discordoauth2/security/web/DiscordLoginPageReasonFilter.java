package io.github.discordoauth2.security.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import io.github.discordoauth2.security.DiscordAuthoritiesPolicy;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.web.WebAttributes;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;
import org.springframework.web.util.HtmlUtils;

/**
 * Puts the reason of a refused Discord login (or of a session ended because the user left
 * a required server) on Spring Security's generated login page. That page
 * ({@code DefaultLoginPageGeneratingFilter}, Spring Security 7) says "Invalid
 * credentials" after any failure, whatever the exception; the reason is in the session
 * ({@link WebAttributes#AUTHENTICATION_EXCEPTION}), where the failure handler put it.
 * Only the policy's own errors are shown: their descriptions are written for the user and
 * carry no secret. Runs only in front of the generated page ({@code /login?error}).
 */
final class DiscordLoginPageReasonFilter extends OncePerRequestFilter {

	static final String GENERIC_ALERT = "<div class=\"alert alert-danger\" role=\"alert\">Invalid credentials</div>";

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String reason = ("GET".equals(request.getMethod()) && request.getParameter("error") != null)
				? reason(request.getSession(false)) : null;
		if (reason == null) {
			chain.doFilter(request, response);
			return;
		}
		ContentCachingResponseWrapper page = new ContentCachingResponseWrapper(response);
		chain.doFilter(request, page);
		String html = new String(page.getContentAsByteArray(), StandardCharsets.UTF_8);
		if (!html.contains(GENERIC_ALERT)) {
			page.copyBodyToResponse();
			return;
		}
		byte[] changed = html
			.replace(GENERIC_ALERT,
					"<div class=\"alert alert-danger\" role=\"alert\">" + HtmlUtils.htmlEscape(reason) + "</div>")
			.getBytes(StandardCharsets.UTF_8);
		// The page went only into the wrapper, so the response itself is still unwritten.
		response.setContentLength(changed.length);
		response.getOutputStream().write(changed);
	}

	static @Nullable String reason(@Nullable HttpSession session) {
		Object failure = (session != null) ? session.getAttribute(WebAttributes.AUTHENTICATION_EXCEPTION) : null;
		if (!(failure instanceof OAuth2AuthenticationException exception)) {
			return null;
		}
		OAuth2Error error = exception.getError();
		return DiscordAuthoritiesPolicy.isPolicyError(error.getErrorCode()) ? error.getDescription() : null;
	}

}
