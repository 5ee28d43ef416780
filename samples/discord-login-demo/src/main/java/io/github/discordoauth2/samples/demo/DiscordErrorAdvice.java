package io.github.discordoauth2.samples.demo;

import io.github.discordoauth2.exceptions.Credential;
import io.github.discordoauth2.exceptions.DiscordIoException;
import io.github.discordoauth2.exceptions.ForbiddenException;
import io.github.discordoauth2.exceptions.HttpException;
import io.github.discordoauth2.exceptions.InvalidGrantException;
import io.github.discordoauth2.exceptions.RateLimitedException;
import io.github.discordoauth2.security.web.DiscordAccountRequiredException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.http.HttpHeaders;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.security.web.authentication.logout.SecurityContextLogoutHandler;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;

/**
 * Turns the errors a user can cause while using Discord (a missing scope, an expired or
 * revoked token, a local account without Discord, rate limiting, Discord being down) into
 * the friendly problem page. Everything else falls through to Boot's error handling,
 * which renders {@code error.html}.
 */
@ControllerAdvice
final class DiscordErrorAdvice {

	private static final Log log = LogFactory.getLog(DiscordErrorAdvice.class);

	private final OAuth2AuthorizedClientRepository authorizedClients;

	private final LayoutModelAdvice layout;

	DiscordErrorAdvice(OAuth2AuthorizedClientRepository authorizedClients, LayoutModelAdvice layout) {
		this.authorizedClients = authorizedClients;
		this.layout = layout;
	}

	@ExceptionHandler(MissingScopeException.class)
	ModelAndView missingScope(MissingScopeException ex) {
		log.info("The user's token lacks the scope " + ex.scope());
		return page(Problem.missingScope(ex.scope()));
	}

	/** The local account has not connected Discord (or its tokens are gone): offer it. */
	@ExceptionHandler(DiscordAccountRequiredException.class)
	ModelAndView discordAccountRequired(DiscordAccountRequiredException ex, HttpServletRequest request) {
		// The starter sends a failed or cancelled connection back here with its error
		// code.
		return page(Problem.connectDiscord(ex.registrationId(), request.getParameter("discord-connect-error")));
	}

	@ExceptionHandler(RateLimitedException.class)
	ModelAndView rateLimited(RateLimitedException ex, HttpServletResponse response) {
		log.info("Discord rate limited a request; retry after " + ex.retryAfter());
		long seconds = Math.max(1, (ex.retryAfter().toMillis() + 999) / 1000);
		response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
		return page(Problem.rateLimited(ex.retryAfter()));
	}

	/**
	 * A 401 on the bot token is the app's setup, not the user: the user stays logged in.
	 * A 401 on the user's token means that token is dead: log out here too, so the button
	 * starts a clean login.
	 */
	@ExceptionHandler(ForbiddenException.class)
	ModelAndView forbidden(ForbiddenException ex, HttpServletRequest request, HttpServletResponse response) {
		if (ex.status() == 401 && ex.credential() == Credential.BOT_TOKEN) {
			log.warn("Discord refused the bot token (401): check discord.oauth2.bot-token / DISCORD_BOT_TOKEN");
			return page(Problem.botTokenRejected());
		}
		if (ex.status() == 401) {
			log.info("Discord rejected the user's token (401); ending the local session");
			endSession(request, response);
			return page(Problem.tokenRejected());
		}
		log.info("Discord refused a request (403, code " + ex.code() + ")");
		String detail = ex.discordMessage() != null ? ex.discordMessage() : "HTTP " + ex.status();
		return page(Problem.missingPermission(detail));
	}

	/**
	 * A refresh that Discord refused: the authorization is gone, only a new login helps.
	 */
	@ExceptionHandler(InvalidGrantException.class)
	ModelAndView invalidGrant(InvalidGrantException ex, HttpServletRequest request, HttpServletResponse response) {
		log.info("Discord refused the user's grant; ending the local session");
		endSession(request, response);
		return page(Problem.tokenRejected());
	}

	@ExceptionHandler(HttpException.class)
	ModelAndView httpError(HttpException ex) {
		log.warn("Discord answered " + ex.status() + ": " + ex.getMessage());
		return page(Problem.discordError(ex.status()));
	}

	@ExceptionHandler(DiscordIoException.class)
	ModelAndView unreachable(DiscordIoException ex) {
		log.warn("Discord could not be reached: " + ex.getMessage());
		return page(Problem.discordUnreachable());
	}

	private void endSession(HttpServletRequest request, HttpServletResponse response) {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication instanceof OAuth2AuthenticationToken login) {
			this.authorizedClients.removeAuthorizedClient(login.getAuthorizedClientRegistrationId(), authentication,
					request, response);
		}
		new SecurityContextLogoutHandler().logout(request, response, authentication);
	}

	private ModelAndView page(Problem problem) {
		return this.layout.problemPage(problem);
	}

}
