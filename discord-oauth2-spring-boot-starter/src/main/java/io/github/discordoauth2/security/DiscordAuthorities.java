package io.github.discordoauth2.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.github.discordoauth2.security.DiscordAuthoritiesPolicy.Decision;
import io.github.discordoauth2.security.DiscordAuthoritiesPolicy.Failed;
import io.github.discordoauth2.security.DiscordAuthoritiesPolicy.Keep;
import io.github.discordoauth2.security.DiscordAuthoritiesPolicy.LogOut;
import io.github.discordoauth2.security.DiscordAuthoritiesPolicy.Outcome;
import io.github.discordoauth2.security.DiscordAuthoritiesPolicy.Replace;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.util.Assert;

/**
 * Discord servers and roles as Spring Security authorities, kept fresh: the stack-neutral
 * part that the user services (at login) and the servlet and WebFlux filters (on later
 * requests) share. It applies the {@link DiscordAuthoritiesPolicy} with a clock, builds
 * the new authentication, remembers per instance when a failing user may be asked again,
 * and publishes {@link DiscordAuthoritiesChangedEvent}s. Reading Discord and storing the
 * security context are the stacks' business.
 *
 * <p>
 * Between checks a request costs a clock read and a comparison: the time of the last
 * check travels in the principal ({@link DiscordOAuth2User#authoritiesCheckedAt()}), so
 * that every instance sharing the session knows it without asking anyone.
 *
 * @since 0.1.0
 */
public final class DiscordAuthorities {

	private static final Log logger = LogFactory.getLog(DiscordAuthorities.class);

	/**
	 * How long a check in progress keeps other requests of the same user on this instance
	 * from starting another one.
	 */
	private static final Duration IN_FLIGHT = Duration.ofSeconds(30);

	private static final int DEFAULT_MAX_TRACKED_USERS = 10_000;

	private final DiscordAuthoritiesPolicy policy;

	private final String registrationId;

	private final List<Long> joinGuilds;

	private final Clock clock;

	private final ApplicationEventPublisher events;

	private final int maxTrackedUsers;

	// Per instance and bounded: when each user whose check is running or failed may be
	// checked again. Lock-free reads, so that the WebFlux filter can use it on an event
	// loop.
	private final Map<Long, Attempt> attempts = new ConcurrentHashMap<>();

	/**
	 * Creates the service.
	 * @param policy what Discord's answers mean
	 * @param registrationId the ID of the Discord registration, e.g. {@code discord}
	 * @param joinGuilds servers the user is added to at login (scope {@code guilds.join}
	 * and the bot token), before the required membership is checked
	 * @param clock the time source of the checks
	 * @param events where {@link DiscordAuthoritiesChangedEvent}s go
	 */
	public DiscordAuthorities(DiscordAuthoritiesPolicy policy, String registrationId, Collection<Long> joinGuilds,
			Clock clock, ApplicationEventPublisher events) {
		this(policy, registrationId, joinGuilds, clock, events, DEFAULT_MAX_TRACKED_USERS);
	}

	DiscordAuthorities(DiscordAuthoritiesPolicy policy, String registrationId, Collection<Long> joinGuilds, Clock clock,
			ApplicationEventPublisher events, int maxTrackedUsers) {
		Assert.notNull(policy, "policy must not be null");
		Assert.hasText(registrationId, "registrationId must not be empty");
		Assert.notNull(joinGuilds, "joinGuilds must not be null");
		Assert.notNull(clock, "clock must not be null");
		Assert.notNull(events, "events must not be null");
		Assert.isTrue(maxTrackedUsers > 0, "maxTrackedUsers must be positive");
		this.policy = policy;
		this.registrationId = registrationId;
		this.joinGuilds = List.copyOf(joinGuilds);
		this.clock = clock;
		this.events = events;
		this.maxTrackedUsers = maxTrackedUsers;
	}

	/**
	 * The policy in force.
	 * @return the policy
	 */
	public DiscordAuthoritiesPolicy policy() {
		return this.policy;
	}

	/**
	 * The ID of the Discord registration whose logins are checked.
	 * @return e.g. {@code discord}
	 */
	public String registrationId() {
		return this.registrationId;
	}

	/**
	 * Servers the user is added to at login.
	 * @return guild IDs; empty when none
	 */
	public List<Long> joinGuilds() {
		return this.joinGuilds;
	}

	/**
	 * Whether any server is checked (else only {@link #joinGuilds()} applies).
	 * @return {@code true} when there are guild or role authorities or required servers
	 */
	public boolean checksGuilds() {
		return !this.policy.guilds().isEmpty();
	}

	/**
	 * The principal of a login with its Discord authorities, or a refused login.
	 * @param principal the user as loaded from Discord
	 * @param outcome what reading Discord with the login's token gave
	 * @return the principal with the Discord-derived authorities and the time of the
	 * check
	 * @throws OAuth2AuthenticationException with
	 * {@link OAuth2AuthenticationException#getError()}
	 * {@link DiscordAuthoritiesPolicy#GUILD_REQUIRED} (or
	 * {@link DiscordAuthoritiesPolicy#GUILD_CHECK_FAILED}) and a description for the
	 * user, also as the message, when the user may not log in
	 */
	public DiscordOAuth2User atLogin(DiscordOAuth2User principal, Outcome outcome) {
		Instant now = this.clock.instant();
		Decision decision = this.policy.atLogin(now, outcome);
		if (decision instanceof LogOut logOut) {
			logger.info("Discord login of user " + principal.id() + " refused: " + logOut.reason().getErrorCode());
			throw new OAuth2AuthenticationException(logOut.reason(), logOut.reason().getDescription());
		}
		if (decision instanceof Replace replace) {
			// A fresh answer: whatever this instance remembered of earlier failures is
			// moot.
			this.attempts.remove(principal.id());
			return principal.withAuthorities(merge(principal.getAuthorities(), replace.authorities()),
					replace.checkedAt());
		}
		if (outcome instanceof Failed failed) {
			logger
				.debug("Could not read the Discord servers of user " + principal.id() + " at login: " + failed.cause());
			this.attempts.put(principal.id(), new Attempt(this.policy.nextAttempt(now, 1, failed.retryAfter()), 1));
		}
		return principal.withAuthorities(merge(principal.getAuthorities(), Set.of()), null);
	}

	/**
	 * The authentication to check now, if any: a Discord login of this registration whose
	 * authorities are due, and which this instance is not already checking or waiting to
	 * retry. Calling it claims the check for this instance until {@link #apply} is called
	 * (or for 30 seconds).
	 * @param authentication the current authentication, or {@code null}
	 * @return the authentication to check, or {@code null} to let the request pass as it
	 * is
	 */
	public @Nullable OAuth2AuthenticationToken dueForCheck(@Nullable Authentication authentication) {
		if (!(authentication instanceof OAuth2AuthenticationToken token)
				|| !(token.getPrincipal() instanceof DiscordOAuth2User principal)
				|| !this.registrationId.equals(token.getAuthorizedClientRegistrationId()) || !checksGuilds()) {
			return null;
		}
		Instant now = this.clock.instant();
		if (!this.policy.isDue(principal.authoritiesCheckedAt(), now)) {
			return null;
		}
		boolean[] claimed = new boolean[1];
		this.attempts.compute(principal.id(), (id, attempt) -> {
			if (attempt != null && now.isBefore(attempt.notBefore())) {
				return attempt;
			}
			claimed[0] = true;
			return new Attempt(now.plus(IN_FLIGHT), (attempt != null) ? attempt.failures() : 0);
		});
		if (!claimed[0]) {
			return null;
		}
		trim(now);
		return token;
	}

	/**
	 * Applies the policy to a re-read and builds what the request goes on with.
	 * @param current the authentication that {@link #dueForCheck} returned
	 * @param outcome what reading Discord with the user's stored token gave
	 * @return {@link Unchanged}, {@link Updated} (set it as the request's authentication
	 * and save it in the session) or {@link Ended} (end the session and send the user to
	 * the login failure page with the reason)
	 */
	public Result apply(OAuth2AuthenticationToken current, Outcome outcome) {
		Assert.isInstanceOf(DiscordOAuth2User.class, current.getPrincipal(), "not a Discord login");
		DiscordOAuth2User principal = (DiscordOAuth2User) current.getPrincipal();
		Instant now = this.clock.instant();
		Decision decision = this.policy.decide(principal, now, outcome);
		recordAttempt(principal.id(), now, outcome);
		Set<String> before = discordNames(current.getAuthorities());
		if (decision instanceof Keep) {
			return new Unchanged();
		}
		if (decision instanceof LogOut logOut) {
			logger.info("Session of Discord user " + principal.id() + " ended: " + logOut.reason().getErrorCode());
			publishIfChanged(principal.id(), before, Set.of());
			return new Ended(new OAuth2AuthenticationException(logOut.reason(), logOut.reason().getDescription()));
		}
		Set<GrantedAuthority> discord = (decision instanceof Replace replace) ? replace.authorities() : Set.of();
		Instant checkedAt = (decision instanceof Replace replace) ? replace.checkedAt()
				: principal.authoritiesCheckedAt();
		Set<String> after = discordNames(discord);
		if (!(decision instanceof Replace) && before.isEmpty()) {
			// Dropped, with nothing to drop: the session need not be written.
			return new Unchanged();
		}
		DiscordOAuth2User next = principal.withAuthorities(merge(principal.getAuthorities(), discord), checkedAt);
		OAuth2AuthenticationToken authentication = (OAuth2AuthenticationToken) current.toBuilder()
			.principal(next)
			.authorities((authorities) -> {
				authorities.removeIf(this.policy::isDiscordAuthority);
				authorities.addAll(discord);
			})
			.build();
		publishIfChanged(principal.id(), before, after);
		return new Updated(authentication);
	}

	private void recordAttempt(long userId, Instant now, Outcome outcome) {
		if (!(outcome instanceof Failed failed)) {
			this.attempts.remove(userId);
			return;
		}
		Attempt previous = this.attempts.get(userId);
		int failures = ((previous != null) ? previous.failures() : 0) + 1;
		Instant next = this.policy.nextAttempt(now, failures, failed.retryAfter());
		logger.debug("Could not read the Discord servers of user " + userId + " (" + failed.cause() + ", failure "
				+ failures + "); next attempt at " + next);
		this.attempts.put(userId, new Attempt(next, failures));
		trim(now);
	}

	private void trim(Instant now) {
		if (this.attempts.size() <= this.maxTrackedUsers) {
			return;
		}
		this.attempts.values().removeIf((attempt) -> !now.isBefore(attempt.notBefore()));
		Iterator<Long> users = this.attempts.keySet().iterator();
		while (this.attempts.size() > this.maxTrackedUsers && users.hasNext()) {
			// Forgetting a user costs at most one early retry.
			users.next();
			users.remove();
		}
	}

	int trackedUsers() {
		return this.attempts.size();
	}

	private void publishIfChanged(long userId, Set<String> before, Set<String> after) {
		if (!before.equals(after)) {
			this.events
				.publishEvent(new DiscordAuthoritiesChangedEvent(this, this.registrationId, userId, before, after));
		}
	}

	private Set<GrantedAuthority> merge(Collection<? extends GrantedAuthority> authorities,
			Set<GrantedAuthority> discord) {
		Set<GrantedAuthority> merged = new LinkedHashSet<>();
		for (GrantedAuthority authority : authorities) {
			if (!this.policy.isDiscordAuthority(authority)) {
				merged.add(authority);
			}
		}
		merged.addAll(discord);
		return merged;
	}

	private Set<String> discordNames(Collection<? extends GrantedAuthority> authorities) {
		Set<String> names = new LinkedHashSet<>();
		for (GrantedAuthority authority : authorities) {
			String name = authority.getAuthority();
			if (name != null && this.policy.isDiscordAuthority(authority)) {
				names.add(name);
			}
		}
		return Collections.unmodifiableSet(names);
	}

	@Override
	public String toString() {
		return "DiscordAuthorities[" + this.policy + ", joinGuilds=" + new ArrayList<>(this.joinGuilds) + "]";
	}

	/**
	 * When a user may be checked again, and how many checks in a row failed.
	 */
	private record Attempt(Instant notBefore, int failures) {

	}

	/**
	 * What the request goes on with after a check.
	 */
	public sealed interface Result permits Unchanged, Updated, Ended {

	}

	/**
	 * The authentication stays as it is.
	 */
	public record Unchanged() implements Result {

	}

	/**
	 * A new authentication, with the new Discord-derived authorities and the time of the
	 * check in its principal: the request goes on with it, and it is saved in the session
	 * so that every instance sharing the session sees it.
	 *
	 * @param authentication the new authentication
	 */
	public record Updated(OAuth2AuthenticationToken authentication) implements Result {

	}

	/**
	 * The session ends: the user is no longer a member of any required server, or their
	 * Discord authorization is gone.
	 *
	 * @param reason the exception for the login failure handler, with the OAuth2 error
	 * and a description for the user
	 */
	public record Ended(OAuth2AuthenticationException reason) implements Result {

	}

}
