package io.github.discordoauth2.security;

import java.io.Serial;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

import org.springframework.context.ApplicationEvent;
import org.springframework.util.Assert;

/**
 * Published when a logged-in user's Discord-derived authorities change on a re-check
 * ({@code DISCORD_GUILD_<id>}, {@code DISCORD_ROLE_<id>} and mapped names such as
 * {@code ROLE_MODERATOR}), for audit logs: a role taken away or given, a server left
 * (then {@link #after()} is empty and the session ends), or the authorities dropped
 * because Discord could not be asked. Published on the instance that made the check, on
 * the request's thread (a bounded elastic thread on WebFlux), before the request goes on.
 *
 * @since 0.1.0
 */
public final class DiscordAuthoritiesChangedEvent extends ApplicationEvent {

	@Serial
	private static final long serialVersionUID = 1L;

	/** The Discord registration ID. */
	private final String registrationId;

	/** The Discord user whose authorities changed. */
	private final long userId;

	/** The Discord-derived authorities before the change. */
	private final Set<String> before;

	/** The Discord-derived authorities after the change. */
	private final Set<String> after;

	/**
	 * Creates the event.
	 * @param source the component that made the check
	 * @param registrationId the ID of the Discord registration
	 * @param userId the Discord user ID
	 * @param before the Discord-derived authorities before the check
	 * @param after the Discord-derived authorities after it
	 */
	public DiscordAuthoritiesChangedEvent(Object source, String registrationId, long userId, Set<String> before,
			Set<String> after) {
		super(source);
		Assert.hasText(registrationId, "registrationId must not be empty");
		this.registrationId = registrationId;
		this.userId = userId;
		this.before = Collections.unmodifiableSet(new LinkedHashSet<>(before));
		this.after = Collections.unmodifiableSet(new LinkedHashSet<>(after));
	}

	/**
	 * The ID of the Discord registration.
	 * @return e.g. {@code discord}
	 */
	public String registrationId() {
		return this.registrationId;
	}

	/**
	 * Whose authorities changed.
	 * @return the Discord user ID
	 */
	public long userId() {
		return this.userId;
	}

	/**
	 * The Discord-derived authorities before the check.
	 * @return authority names
	 */
	public Set<String> before() {
		return this.before;
	}

	/**
	 * The Discord-derived authorities after the check; empty when they were dropped or
	 * the session ended.
	 * @return authority names
	 */
	public Set<String> after() {
		return this.after;
	}

	@Override
	public String toString() {
		return "DiscordAuthoritiesChangedEvent[userId=" + this.userId + ", before=" + this.before + ", after="
				+ this.after + "]";
	}

}
