package io.github.discordoauth2.security;

import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.Serial;
import java.io.Serializable;
import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import io.github.discordoauth2.model.User;
import org.jspecify.annotations.Nullable;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.core.user.OAuth2User;
import org.springframework.util.Assert;

/**
 * The principal of a Discord login: the typed core {@link User} plus Spring Security's
 * attribute map (Discord's JSON field names, e.g. {@code global_name}) and authorities
 * ({@code OAUTH2_USER} and one {@code SCOPE_<scope>} per granted scope).
 *
 * <p>
 * {@link #getName()} is the user's snowflake ID, which never changes, so authorized
 * clients stay attached to the user when they rename themselves. The principal holds no
 * token. It serializes (e.g. into a shared session store) as its attributes, authorities
 * and the time its Discord-derived authorities were last read, and rebuilds the
 * {@code User} from the attributes.
 *
 * @since 0.1.0
 */
public final class DiscordOAuth2User implements OAuth2User, Serializable {

	@Serial
	private static final long serialVersionUID = 1L;

	private final transient User user;

	/** The user as Spring Security attributes, under Discord's JSON field names. */
	private final Map<String, Object> attributes;

	/** The authorities granted to the user. */
	private final Set<GrantedAuthority> authorities;

	/** When the authorities were last read from Discord, or {@code null} if never. */
	private final @Nullable Instant authoritiesCheckedAt;

	/**
	 * Creates the principal.
	 * @param user the Discord user
	 * @param attributes the user as Spring Security attributes; must contain {@code id}
	 * @param authorities the granted authorities
	 */
	public DiscordOAuth2User(User user, Map<String, Object> attributes,
			Collection<? extends GrantedAuthority> authorities) {
		this(user, attributes, authorities, null);
	}

	/**
	 * Creates the principal with the time its guild and role authorities were read from
	 * Discord.
	 * @param user the Discord user
	 * @param attributes the user as Spring Security attributes; must contain {@code id}
	 * @param authorities the granted authorities
	 * @param authoritiesCheckedAt when Discord last confirmed the guild and role
	 * authorities, or {@code null} when it never did
	 * @since 0.1.0
	 */
	public DiscordOAuth2User(User user, Map<String, Object> attributes,
			Collection<? extends GrantedAuthority> authorities, @Nullable Instant authoritiesCheckedAt) {
		Assert.notNull(user, "user must not be null");
		Assert.notNull(attributes, "attributes must not be null");
		Assert.notNull(authorities, "authorities must not be null");
		this.user = user;
		this.attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
		this.authorities = Collections.unmodifiableSet(new LinkedHashSet<>(authorities));
		this.authoritiesCheckedAt = authoritiesCheckedAt;
	}

	/**
	 * Rebuilds the principal from its attributes, as a session store that serialized it
	 * (e.g. as JSON with {@link DiscordJacksonModule}) does.
	 * @param attributes the user as Spring Security attributes; must contain {@code id}
	 * @param authorities the granted authorities
	 */
	public DiscordOAuth2User(Map<String, Object> attributes, Collection<? extends GrantedAuthority> authorities) {
		this(DiscordUserAttributes.toUser(attributes), attributes, authorities, null);
	}

	/**
	 * Rebuilds the principal from its attributes and the time its guild and role
	 * authorities were read, as a session store that serialized it does.
	 * @param attributes the user as Spring Security attributes; must contain {@code id}
	 * @param authorities the granted authorities
	 * @param authoritiesCheckedAt when Discord last confirmed the guild and role
	 * authorities, or {@code null}
	 * @since 0.1.0
	 */
	public DiscordOAuth2User(Map<String, Object> attributes, Collection<? extends GrantedAuthority> authorities,
			@Nullable Instant authoritiesCheckedAt) {
		this(DiscordUserAttributes.toUser(attributes), attributes, authorities, authoritiesCheckedAt);
	}

	/**
	 * The same user with other authorities, e.g. after Discord was asked again which
	 * servers and roles the user has.
	 * @param authorities the new authorities
	 * @param authoritiesCheckedAt when Discord last confirmed the guild and role
	 * authorities, or {@code null}
	 * @return a new principal
	 * @since 0.1.0
	 */
	public DiscordOAuth2User withAuthorities(Collection<? extends GrantedAuthority> authorities,
			@Nullable Instant authoritiesCheckedAt) {
		return new DiscordOAuth2User(this.user, this.attributes, authorities, authoritiesCheckedAt);
	}

	/**
	 * When Discord last confirmed the user's guild and role authorities
	 * ({@code DISCORD_GUILD_<id>}, {@code DISCORD_ROLE_<id>} and their mapped names): at
	 * login, then at each re-check (see {@code discord.oauth2.authorities.*}).
	 * @return the time of the last successful check, or {@code null} when there was none
	 * @since 0.1.0
	 */
	public @Nullable Instant authoritiesCheckedAt() {
		return this.authoritiesCheckedAt;
	}

	/**
	 * The logged-in Discord user.
	 * @return the typed user, as {@code GET /users/@me} returned it at login
	 */
	public User user() {
		return this.user;
	}

	/**
	 * The user's snowflake ID.
	 * @return the Discord user ID
	 */
	public long id() {
		return this.user.id();
	}

	/**
	 * The user's snowflake ID as text, the key under which Spring Security stores the
	 * user's authorized clients.
	 * @return the Discord user ID
	 */
	@Override
	public String getName() {
		return Long.toString(this.user.id());
	}

	@Override
	public Map<String, Object> getAttributes() {
		return this.attributes;
	}

	@Override
	public Collection<? extends GrantedAuthority> getAuthorities() {
		return this.authorities;
	}

	@Override
	public boolean equals(Object obj) {
		if (this == obj) {
			return true;
		}
		return obj instanceof DiscordOAuth2User other && this.user.equals(other.user)
				&& this.attributes.equals(other.attributes) && this.authorities.equals(other.authorities)
				&& Objects.equals(this.authoritiesCheckedAt, other.authoritiesCheckedAt);
	}

	@Override
	public int hashCode() {
		return this.user.hashCode();
	}

	/**
	 * Serializes the attributes and authorities, as the core's {@code User} is not
	 * serializable.
	 * @return the serialized form
	 */
	@Serial
	private Object writeReplace() {
		return new SerializedForm(this.attributes, this.authorities, this.authoritiesCheckedAt);
	}

	/**
	 * Refuses a stream that holds this class itself: only its serialized form is read.
	 * @param in the stream
	 * @throws InvalidObjectException always
	 */
	@Serial
	private void readObject(ObjectInputStream in) throws InvalidObjectException {
		throw new InvalidObjectException("DiscordOAuth2User is read through its serialized form");
	}

	@Override
	public String toString() {
		return "DiscordOAuth2User[id=" + getName() + ", authorities=" + this.authorities + "]";
	}

	/**
	 * What a {@link DiscordOAuth2User} serializes to: the core {@code User} record is not
	 * serializable, its attributes are. A form written before the check time existed
	 * reads with {@code null} there (records fill missing components with defaults), so
	 * such a session simply gets its authorities checked on its next request.
	 */
	private record SerializedForm(Map<String, Object> attributes, Set<GrantedAuthority> authorities,
			@Nullable Instant authoritiesCheckedAt) implements Serializable {

		@Serial
		private Object readResolve() {
			return new DiscordOAuth2User(DiscordUserAttributes.toUser(this.attributes), this.attributes,
					this.authorities, this.authoritiesCheckedAt);
		}

	}

}
