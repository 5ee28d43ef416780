package io.github.discordoauth2.samples.demo;

import io.github.discordoauth2.exceptions.RateLimitedException;
import io.github.discordoauth2.security.DiscordAuthoritiesPolicy;
import jakarta.servlet.http.HttpSession;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.WebAttributes;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.servlet.ModelAndView;

/**
 * Explains a failed login. Spring Security redirects here (see
 * {@link SecurityConfiguration}) with the failure in the session: {@code access_denied}
 * when the user chose Cancel on the consent screen, a state mismatch when the callback
 * does not belong to a login this browser started, and so on. The starter also sends a
 * user here whose session ended because Discord's answer about their servers changed.
 */
@Controller
final class LoginFailureController {

	/** Where failed logins end. */
	static final String PATH = "/login-failed";

	private static final Log log = LogFactory.getLog(LoginFailureController.class);

	private final LayoutModelAdvice layout;

	LoginFailureController(LayoutModelAdvice layout) {
		this.layout = layout;
	}

	@GetMapping(PATH)
	ModelAndView loginFailed(@Nullable HttpSession session) {
		Object failure = session == null ? null : session.getAttribute(WebAttributes.AUTHENTICATION_EXCEPTION);
		if (session != null) {
			// Shown once: a reload or a later visit should not repeat an old failure.
			session.removeAttribute(WebAttributes.AUTHENTICATION_EXCEPTION);
		}
		return this.layout.problemPage(explain(failure instanceof AuthenticationException ex ? ex : null));
	}

	private static Problem explain(@Nullable AuthenticationException failure) {
		if (failure == null) {
			return Problem.loginExpired();
		}
		RateLimitedException rateLimited = find(failure, RateLimitedException.class);
		if (rateLimited != null) {
			return Problem.rateLimited(rateLimited.retryAfter());
		}
		String code = failure instanceof OAuth2AuthenticationException oauth ? oauth.getError().getErrorCode() : "";
		log.info("Login failed: " + code);
		String description = failure instanceof OAuth2AuthenticationException oauth ? oauth.getError().getDescription()
				: null;
		if (DiscordAuthoritiesPolicy.isPolicyError(code) && description != null) {
			// Not a member (any more), or the Discord authorization is gone: the
			// starter's description is written for the user.
			return Problem.discordAccessEnded(description);
		}
		return switch (code) {
			case "access_denied" -> Problem.loginCancelled();
			case "authorization_request_not_found", "invalid_state_parameter" -> Problem.loginExpired();
			default -> Problem.loginFailed();
		};
	}

	private static <T extends Throwable> @Nullable T find(Throwable failure, Class<T> type) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
			if (type.isInstance(cause)) {
				return type.cast(cause);
			}
		}
		return null;
	}

}
