package io.github.discordoauth2.security.web;

import java.io.IOException;
import java.util.Optional;

import io.github.discordoauth2.AccessToken;
import io.github.discordoauth2.security.DiscordAuthorities;
import io.github.discordoauth2.security.DiscordAuthoritiesPolicy.Outcome;
import io.github.discordoauth2.security.DiscordOAuth2User;
import io.github.discordoauth2.security.DiscordStandingReader;
import io.github.discordoauth2.security.tokens.DiscordTokens;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.logout.SecurityContextLogoutHandler;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Keeps a Discord login's guild and role authorities fresh on the servlet stack: when
 * {@link DiscordAuthorities} says a user is due, reads Discord with the stored token
 * ({@link DiscordTokens#find(long)}, refreshed when expired) and carries out the
 * decision: the new authentication is set in the security context and saved through the
 * {@link SecurityContextRepository} (so a shared session carries it to every instance),
 * or the session ends and the user goes to the login failure handler with the reason.
 * Between checks it costs a clock read and makes no call.
 */
final class DiscordAuthoritiesFilter extends OncePerRequestFilter {

	private final DiscordAuthorities authorities;

	private final DiscordTokens tokens;

	private final DiscordStandingReader reader;

	private final SecurityContextHolderStrategy contexts;

	private final SecurityContextRepository repository;

	private final AuthenticationFailureHandler failureHandler;

	private final SecurityContextLogoutHandler logout = new SecurityContextLogoutHandler();

	DiscordAuthoritiesFilter(DiscordAuthorities authorities, DiscordTokens tokens, DiscordStandingReader reader,
			SecurityContextHolderStrategy contexts, SecurityContextRepository repository,
			AuthenticationFailureHandler failureHandler) {
		this.authorities = authorities;
		this.tokens = tokens;
		this.reader = reader;
		this.contexts = contexts;
		this.repository = repository;
		this.failureHandler = failureHandler;
		this.logout.setSecurityContextHolderStrategy(contexts);
		this.logout.setSecurityContextRepository(repository);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		OAuth2AuthenticationToken due = this.authorities.dueForCheck(this.contexts.getContext().getAuthentication());
		if (due == null) {
			chain.doFilter(request, response);
			return;
		}
		DiscordAuthorities.Result result = this.authorities.apply(due, read((DiscordOAuth2User) due.getPrincipal()));
		if (result instanceof DiscordAuthorities.Updated updated) {
			SecurityContext context = this.contexts.createEmptyContext();
			context.setAuthentication(updated.authentication());
			this.contexts.setContext(context);
			this.repository.saveContext(context, request, response);
		}
		else if (result instanceof DiscordAuthorities.Ended ended) {
			// The session ends (as a logout would end it; the stored tokens stay, as
			// discord.oauth2.token-store.on-logout applies to logouts the user asks for),
			// then the login's failure page tells the user why, from a new session.
			this.logout.logout(request, response, due);
			this.failureHandler.onAuthenticationFailure(request, response, ended.reason());
			return;
		}
		chain.doFilter(request, response);
	}

	private Outcome read(DiscordOAuth2User principal) {
		Optional<AccessToken> token;
		try {
			token = this.tokens.find(principal.id());
		}
		catch (RuntimeException ex) {
			return Outcome.failed(ex);
		}
		if (token.isEmpty()) {
			return Outcome.noToken();
		}
		return this.reader.read(token.get(), token.get().scopes());
	}

}
