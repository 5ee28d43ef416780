package io.github.discordoauth2.security;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.discordoauth2.exceptions.HttpException;
import io.github.discordoauth2.exceptions.RateLimitedException;
import org.jspecify.annotations.Nullable;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.util.Assert;
import org.springframework.util.StringUtils;

/**
 * Decides, once for both web stacks, what Discord's answer about a user's servers and
 * roles means for the logged-in user: which authorities they carry, whether they may log
 * in, and, when the authorities are read again, whether to keep them, replace them, drop
 * the Discord-derived ones or end the session.
 *
 * <p>
 * For each checked server the user is a member of, the authorities are
 * {@code DISCORD_GUILD_<guildId>}, {@code DISCORD_ROLE_<roleId>} for each role held
 * there, and the application's name for a mapped role (e.g. {@code ROLE_MODERATOR}).
 * Discord-derived authorities are exactly these; the others (scopes, the application's
 * own) are never touched.
 *
 * <p>
 * The policy is a pure function of its settings, the principal, the time and the outcome
 * of a read: no clock, no I/O, no state. The servlet filter and the WebFlux filter only
 * read Discord and carry out its {@link Decision}.
 *
 * @since 0.1.0
 */
public final class DiscordAuthoritiesPolicy {

	/**
	 * Prefix of the membership authority, {@code DISCORD_GUILD_<guildId>}.
	 */
	public static final String GUILD_AUTHORITY_PREFIX = "DISCORD_GUILD_";

	/**
	 * Prefix of a role authority, {@code DISCORD_ROLE_<roleId>}.
	 */
	public static final String ROLE_AUTHORITY_PREFIX = "DISCORD_ROLE_";

	/**
	 * OAuth2 error code of a login refused, or a session ended, because the user is a
	 * member of none of the required servers.
	 */
	public static final String GUILD_REQUIRED = "discord_guild_required";

	/**
	 * OAuth2 error code of a login refused because Discord could not confirm the
	 * membership that the login requires (Discord failed or rate-limited the read).
	 */
	public static final String GUILD_CHECK_FAILED = "discord_guild_check_failed";

	/**
	 * OAuth2 error code of a session ended because the user's Discord authorization is
	 * gone (the app was removed or revoked in Discord, or the stored token no longer
	 * reads what the application needs).
	 */
	public static final String AUTHORIZATION_ENDED = "discord_authorization_ended";

	/**
	 * Wait before the first retry after a failed read; it doubles with each further
	 * failure, up to the refresh interval.
	 */
	static final Duration FIRST_RETRY = Duration.ofSeconds(15);

	private static final Set<String> ERROR_CODES = Set.of(GUILD_REQUIRED, GUILD_CHECK_FAILED, AUTHORIZATION_ENDED);

	private final Set<Long> guilds;

	private final Set<Long> requiredGuilds;

	private final Map<Long, String> roleAuthorities;

	private final Set<String> mappedNames;

	private final Duration refreshInterval;

	private final OnFailure onFailure;

	private final Duration maxStale;

	private DiscordAuthoritiesPolicy(Builder builder) {
		Set<Long> all = new LinkedHashSet<>(builder.guilds);
		all.addAll(builder.requiredGuilds);
		this.guilds = Collections.unmodifiableSet(all);
		this.requiredGuilds = Collections.unmodifiableSet(new LinkedHashSet<>(builder.requiredGuilds));
		this.roleAuthorities = Collections.unmodifiableMap(new LinkedHashMap<>(builder.roleAuthorities));
		this.mappedNames = Set.copyOf(builder.roleAuthorities.values());
		this.refreshInterval = builder.refreshInterval;
		this.onFailure = builder.onFailure;
		this.maxStale = builder.maxStale;
	}

	/**
	 * Starts a policy.
	 * @return a builder with the defaults: no server, a refresh interval of five minutes,
	 * {@link OnFailure#KEEP} for at most one hour
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Whether an OAuth2 error code is one of the policy's, whose description is written
	 * for the user.
	 * @param errorCode an OAuth2 error code
	 * @return whether it is {@link #GUILD_REQUIRED}, {@link #GUILD_CHECK_FAILED} or
	 * {@link #AUTHORIZATION_ENDED}
	 */
	public static boolean isPolicyError(@Nullable String errorCode) {
		return errorCode != null && ERROR_CODES.contains(errorCode);
	}

	/**
	 * Every server that is checked: the configured ones and the required ones.
	 * @return the guild IDs, in configured order
	 */
	public Set<Long> guilds() {
		return this.guilds;
	}

	/**
	 * The servers of which a user must be a member (of at least one) to log in and stay
	 * logged in.
	 * @return the guild IDs; empty when membership is not required
	 */
	public Set<Long> requiredGuilds() {
		return this.requiredGuilds;
	}

	/**
	 * The application's names for Discord roles.
	 * @return role ID to authority name
	 */
	public Map<Long, String> roleAuthorities() {
		return this.roleAuthorities;
	}

	/**
	 * How long authorities read from Discord are trusted before they are read again.
	 * @return the refresh interval
	 */
	public Duration refreshInterval() {
		return this.refreshInterval;
	}

	/**
	 * What a failed re-read does.
	 * @return keep or deny
	 */
	public OnFailure onFailure() {
		return this.onFailure;
	}

	/**
	 * How long after the last successful read {@link OnFailure#KEEP} still keeps the
	 * authorities.
	 * @return the longest time to keep them
	 */
	public Duration maxStale() {
		return this.maxStale;
	}

	/**
	 * Whether the user's authorities should be read again.
	 * @param checkedAt when Discord last confirmed them, or {@code null}
	 * @param now the current time
	 * @return {@code true} when they were never read or the refresh interval has passed
	 */
	public boolean isDue(@Nullable Instant checkedAt, Instant now) {
		return checkedAt == null || !now.isBefore(checkedAt.plus(this.refreshInterval));
	}

	/**
	 * The authorities of a standing: {@code DISCORD_GUILD_<id>} per checked server the
	 * user is in, {@code DISCORD_ROLE_<id>} per role held there, and the mapped names.
	 * @param standing what Discord said
	 * @return the Discord-derived authorities, in the order of the checked servers
	 */
	public Set<GrantedAuthority> authoritiesOf(DiscordStanding standing) {
		Set<GrantedAuthority> authorities = new LinkedHashSet<>();
		for (long guild : this.guilds) {
			Set<Long> roles = standing.memberships().get(guild);
			if (roles == null) {
				continue;
			}
			authorities.add(new SimpleGrantedAuthority(GUILD_AUTHORITY_PREFIX + guild));
			for (long role : roles.stream().sorted().toList()) {
				authorities.add(new SimpleGrantedAuthority(ROLE_AUTHORITY_PREFIX + role));
				String mapped = this.roleAuthorities.get(role);
				if (mapped != null) {
					authorities.add(new SimpleGrantedAuthority(mapped));
				}
			}
		}
		return authorities;
	}

	/**
	 * Whether an authority is derived from Discord by this policy, and so replaced or
	 * dropped when the user is checked again.
	 * @param authority an authority of the principal or the authentication
	 * @return whether it is a guild or role authority or a mapped role name
	 */
	public boolean isDiscordAuthority(GrantedAuthority authority) {
		String name = authority.getAuthority();
		return name != null && (name.startsWith(GUILD_AUTHORITY_PREFIX) || name.startsWith(ROLE_AUTHORITY_PREFIX)
				|| this.mappedNames.contains(name));
	}

	/**
	 * What the read at login means: the user's authorities, or a refused login.
	 * @param now the time of the login
	 * @param outcome what reading Discord with the login's token gave
	 * @return {@link Replace} (log in with these authorities; none when the user did not
	 * grant a scope that reads servers), {@link Drop} (log in without Discord
	 * authorities, to be read again soon) or {@link LogOut} (refuse the login with the
	 * reason)
	 */
	public Decision atLogin(Instant now, Outcome outcome) {
		if (outcome instanceof Standing standing) {
			if (!admits(standing.standing())) {
				return new LogOut(error(GUILD_REQUIRED,
						"Membership of " + servers(this.requiredGuilds, "one of ") + " is required to log in."));
			}
			return new Replace(authoritiesOf(standing.standing()), now);
		}
		if (outcome instanceof NotGranted) {
			return notGranted(now);
		}
		if (!this.requiredGuilds.isEmpty()) {
			// Nothing is known yet, so nothing can be kept: the gate stays closed.
			return new LogOut(error(GUILD_CHECK_FAILED, "Discord could not confirm your membership of "
					+ servers(this.requiredGuilds, "one of ") + " just now. Please try again in a moment."));
		}
		return new Drop();
	}

	/**
	 * What a re-read means for a logged-in user.
	 * @param principal the logged-in user, with the time of the last successful check
	 * @param now the current time
	 * @param outcome what reading Discord with the user's stored token gave
	 * @return {@link Replace} with the new authorities, {@link Keep} (a failure within
	 * {@link #maxStale()} under {@link OnFailure#KEEP}), {@link Drop} (a failure under
	 * {@link OnFailure#DENY} or beyond {@code maxStale}) or {@link LogOut} (no longer a
	 * member of any required server, no working token, or no scope to read servers where
	 * membership is required)
	 */
	public Decision decide(DiscordOAuth2User principal, Instant now, Outcome outcome) {
		if (outcome instanceof Standing standing) {
			if (!admits(standing.standing())) {
				return new LogOut(
						error(GUILD_REQUIRED, "You are no longer a member of " + servers(this.requiredGuilds, "any of ")
								+ ", which this site requires. Log in again once you have joined."));
			}
			return new Replace(authoritiesOf(standing.standing()), now);
		}
		if (outcome instanceof NotGranted) {
			return notGranted(now);
		}
		if (outcome instanceof NoToken) {
			return new LogOut(error(AUTHORIZATION_ENDED,
					"Your Discord authorization for this site has ended (it was removed or revoked in Discord, "
							+ "or it does not include what this site now needs). Log in again to continue."));
		}
		Instant checkedAt = principal.authoritiesCheckedAt();
		if (this.onFailure == OnFailure.KEEP && checkedAt != null && now.isBefore(checkedAt.plus(this.maxStale))) {
			return new Keep();
		}
		return new Drop();
	}

	/**
	 * When to try again after a failed read, so that a failing or rate-limiting Discord
	 * is not asked on every request: 15 seconds after the first failure, doubling with
	 * each further one up to the refresh interval, and never before Discord's
	 * {@code retry_after}.
	 * @param now the time of the failure
	 * @param failures consecutive failures so far, at least 1
	 * @param retryAfter Discord's {@code retry_after}, or {@code null}
	 * @return the earliest time of the next read
	 */
	public Instant nextAttempt(Instant now, int failures, @Nullable Duration retryAfter) {
		Duration backoff = FIRST_RETRY.multipliedBy(1L << Math.min(Math.max(failures, 1) - 1, 20));
		if (backoff.compareTo(this.refreshInterval) > 0) {
			backoff = this.refreshInterval;
		}
		if (retryAfter != null && retryAfter.compareTo(backoff) > 0) {
			backoff = retryAfter;
		}
		return now.plus(backoff);
	}

	/**
	 * The user did not let the application see their servers: no Discord authorities,
	 * which is all that will be known until they log in again; refused where membership
	 * is required.
	 */
	private Decision notGranted(Instant now) {
		if (!this.requiredGuilds.isEmpty()) {
			return new LogOut(error(GUILD_REQUIRED, "This site needs to see your membership of "
					+ servers(this.requiredGuilds, "one of ")
					+ ", and your login did not allow it. Log in again and allow every permission Discord asks for."));
		}
		return new Replace(Set.of(), now);
	}

	private boolean admits(DiscordStanding standing) {
		return this.requiredGuilds.isEmpty() || this.requiredGuilds.stream().anyMatch(standing::isMember);
	}

	private static String servers(Collection<Long> guilds, String oneOf) {
		List<String> ids = new ArrayList<>();
		guilds.forEach((id) -> ids.add(Long.toString(id)));
		if (ids.size() == 1) {
			return "the Discord server " + ids.get(0);
		}
		return oneOf + "the Discord servers " + String.join(", ", ids);
	}

	private static OAuth2Error error(String code, String description) {
		return new OAuth2Error(code, description, null);
	}

	@Override
	public String toString() {
		return "DiscordAuthoritiesPolicy[guilds=" + this.guilds + ", requiredGuilds=" + this.requiredGuilds + ", roles="
				+ this.roleAuthorities + ", refreshInterval=" + this.refreshInterval + ", onFailure=" + this.onFailure
				+ ", maxStale=" + this.maxStale + "]";
	}

	/**
	 * What a re-read of Discord gave.
	 */
	public sealed interface Outcome permits Standing, Failed, NoToken, NotGranted {

		/**
		 * Discord answered.
		 * @param standing what it said
		 * @return the outcome
		 */
		static Outcome of(DiscordStanding standing) {
			return new Standing(standing);
		}

		/**
		 * Discord failed, rate-limited the read or could not be reached.
		 * @param failure what the read threw
		 * @return the outcome, with Discord's {@code retry_after} when it gave one
		 */
		static Outcome failed(Throwable failure) {
			Duration retryAfter = (failure instanceof RateLimitedException rateLimited) ? rateLimited.retryAfter()
					: null;
			String cause = failure.getClass().getSimpleName()
					+ ((failure instanceof HttpException http) ? " " + http.status() : "");
			return new Failed(retryAfter, cause);
		}

		/**
		 * The user has no stored token that works any more.
		 * @return the outcome
		 */
		static Outcome noToken() {
			return new NoToken();
		}

		/**
		 * The user's token was granted neither {@code guilds.members.read} nor
		 * {@code guilds} (the user unticked them on the consent screen, or logged in
		 * before the application asked for them).
		 * @return the outcome
		 */
		static Outcome notGranted() {
			return new NotGranted();
		}

	}

	/**
	 * Discord said which of the checked servers the user is in, and with which roles.
	 *
	 * @param standing what Discord said
	 */
	public record Standing(DiscordStanding standing) implements Outcome {

	}

	/**
	 * The read failed.
	 *
	 * @param retryAfter Discord's {@code retry_after} when it rate-limited the read, or
	 * {@code null}
	 * @param cause the kind of failure, for logs (no token, no body)
	 */
	public record Failed(@Nullable Duration retryAfter, String cause) implements Outcome {

	}

	/**
	 * The user's tokens are gone (removed, revoked at Discord, refused on refresh), or
	 * Discord refused the stored token (HTTP 401).
	 */
	public record NoToken() implements Outcome {

	}

	/**
	 * The user's token may not read servers: it was granted neither scope.
	 */
	public record NotGranted() implements Outcome {

	}

	/**
	 * What to do with the logged-in user.
	 */
	public sealed interface Decision permits Keep, Replace, Drop, LogOut {

	}

	/**
	 * Leave the authentication as it is (a failure that the policy tolerates).
	 */
	public record Keep() implements Decision {

	}

	/**
	 * Put these Discord-derived authorities in place of the previous ones and record the
	 * time of the check.
	 *
	 * @param authorities the new Discord-derived authorities
	 * @param checkedAt when Discord confirmed them
	 */
	public record Replace(Set<GrantedAuthority> authorities, Instant checkedAt) implements Decision {

		/**
		 * Copies the authorities.
		 * @param authorities the new Discord-derived authorities
		 * @param checkedAt when Discord confirmed them
		 */
		public Replace {
			authorities = Collections.unmodifiableSet(new LinkedHashSet<>(authorities));
		}

	}

	/**
	 * Remove every Discord-derived authority (fail closed); the time of the last
	 * successful check stays.
	 */
	public record Drop() implements Decision {

	}

	/**
	 * Refuse the login, or end the session, with a reason written for the user.
	 *
	 * @param reason the OAuth2 error: one of the policy's codes and a description naming
	 * the server(s)
	 */
	public record LogOut(OAuth2Error reason) implements Decision {

	}

	/**
	 * What a failed re-read does to the authorities of a logged-in user.
	 */
	public enum OnFailure {

		/**
		 * Keep the last known authorities for up to {@code max-stale} after the last
		 * successful check, then drop them.
		 */
		KEEP,

		/**
		 * Drop the Discord-derived authorities at once (fail closed).
		 */
		DENY

	}

	/**
	 * Builds a {@link DiscordAuthoritiesPolicy}.
	 */
	public static final class Builder {

		private final Set<Long> guilds = new LinkedHashSet<>();

		private final Set<Long> requiredGuilds = new LinkedHashSet<>();

		private final Map<Long, String> roleAuthorities = new LinkedHashMap<>();

		private Duration refreshInterval = Duration.ofMinutes(5);

		private OnFailure onFailure = OnFailure.KEEP;

		private Duration maxStale = Duration.ofHours(1);

		private Builder() {
		}

		/**
		 * Servers whose membership and roles become authorities.
		 * @param guilds guild IDs
		 * @return this builder
		 */
		public Builder guilds(Collection<Long> guilds) {
			Assert.notNull(guilds, "guilds must not be null");
			guilds.forEach((id) -> this.guilds.add(positive(id, "guild")));
			return this;
		}

		/**
		 * Servers of which a user must be a member (of at least one) to log in; they are
		 * checked as well.
		 * @param requiredGuilds guild IDs
		 * @return this builder
		 */
		public Builder requiredGuilds(Collection<Long> requiredGuilds) {
			Assert.notNull(requiredGuilds, "requiredGuilds must not be null");
			requiredGuilds.forEach((id) -> this.requiredGuilds.add(positive(id, "required guild")));
			return this;
		}

		/**
		 * The application's names for Discord roles, e.g. {@code ROLE_MODERATOR}.
		 * @param roleAuthorities role ID to authority name
		 * @return this builder
		 */
		public Builder roleAuthorities(Map<Long, String> roleAuthorities) {
			Assert.notNull(roleAuthorities, "roleAuthorities must not be null");
			roleAuthorities.forEach((role, name) -> {
				Assert.isTrue(StringUtils.hasText(name), () -> "the authority of role " + role + " must not be empty");
				this.roleAuthorities.put(positive(role, "role"), name.strip());
			});
			return this;
		}

		/**
		 * How long read authorities are trusted.
		 * @param refreshInterval a positive duration
		 * @return this builder
		 */
		public Builder refreshInterval(Duration refreshInterval) {
			Assert.isTrue(refreshInterval != null && !refreshInterval.isNegative() && !refreshInterval.isZero(),
					"refreshInterval must be positive");
			this.refreshInterval = refreshInterval;
			return this;
		}

		/**
		 * What a failed re-read does.
		 * @param onFailure keep or deny
		 * @return this builder
		 */
		public Builder onFailure(OnFailure onFailure) {
			Assert.notNull(onFailure, "onFailure must not be null");
			this.onFailure = onFailure;
			return this;
		}

		/**
		 * How long {@link OnFailure#KEEP} keeps authorities after the last successful
		 * check.
		 * @param maxStale a duration, not negative
		 * @return this builder
		 */
		public Builder maxStale(Duration maxStale) {
			Assert.isTrue(maxStale != null && !maxStale.isNegative(), "maxStale must not be negative");
			this.maxStale = maxStale;
			return this;
		}

		/**
		 * Builds the policy.
		 * @return the policy
		 */
		public DiscordAuthoritiesPolicy build() {
			return new DiscordAuthoritiesPolicy(this);
		}

		private static long positive(@Nullable Long id, String what) {
			Assert.isTrue(id != null && id > 0, () -> "a " + what + " ID must be a positive snowflake");
			return id;
		}

	}

}
