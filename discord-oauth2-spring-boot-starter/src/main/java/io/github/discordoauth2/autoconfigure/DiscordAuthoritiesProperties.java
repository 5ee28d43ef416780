package io.github.discordoauth2.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.discordoauth2.Scopes;
import io.github.discordoauth2.security.DiscordAuthoritiesPolicy;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.StringUtils;

/**
 * Discord servers and roles as Spring Security authorities
 * ({@code discord.oauth2.authorities.*}).
 *
 * <p>
 * For each listed server the logged-in user carries {@code DISCORD_GUILD_<guildId>} while
 * a member, {@code DISCORD_ROLE_<roleId>} for each role held there, and the names that
 * {@code roles} maps role IDs to. They are read with the user's own token at login and
 * again on the user's next request once {@code refresh-interval} has passed.
 *
 * @since 0.1.0
 */
@ConfigurationProperties(DiscordAuthoritiesProperties.PREFIX)
public class DiscordAuthoritiesProperties {

	/**
	 * Prefix of the authorities properties.
	 */
	public static final String PREFIX = DiscordOAuth2Properties.PREFIX + ".authorities";

	/**
	 * IDs of the Discord servers (guilds) whose membership and roles become authorities.
	 * Needs the scope guilds.members.read (membership and roles) or guilds (membership
	 * only).
	 */
	private List<Long> guilds = new ArrayList<>();

	/**
	 * Authority names for Discord role IDs, e.g. 1100000000000000301: ROLE_MODERATOR,
	 * granted while the user holds the role in one of the listed servers. Needs the scope
	 * guilds.members.read.
	 */
	private Map<Long, String> roles = new LinkedHashMap<>();

	/**
	 * How long authorities read from Discord are trusted. After it, the user's next
	 * request reads them again with the stored token, on whichever instance serves it.
	 */
	private Duration refreshInterval = Duration.ofMinutes(5);

	/**
	 * What a re-read that Discord fails or rate-limits does: "keep" the last known
	 * authorities for up to max-stale, or "deny" (drop the Discord-derived authorities at
	 * once, fail closed).
	 */
	private DiscordAuthoritiesPolicy.OnFailure onFailure = DiscordAuthoritiesPolicy.OnFailure.KEEP;

	/**
	 * Longest time after the last successful read that on-failure=keep keeps the
	 * authorities while Discord cannot be asked; then they are dropped.
	 */
	private Duration maxStale = Duration.ofHours(1);

	/**
	 * Returns the value of {@code discord.oauth2.authorities.guilds}.
	 * @return the configured value
	 */
	public List<Long> getGuilds() {
		return this.guilds;
	}

	/**
	 * Sets {@code discord.oauth2.authorities.guilds}.
	 * @param guilds the new value
	 */
	public void setGuilds(List<Long> guilds) {
		this.guilds = guilds;
	}

	/**
	 * Returns the value of {@code discord.oauth2.authorities.roles}.
	 * @return the configured value
	 */
	public Map<Long, String> getRoles() {
		return this.roles;
	}

	/**
	 * Sets {@code discord.oauth2.authorities.roles}.
	 * @param roles the new value
	 */
	public void setRoles(Map<Long, String> roles) {
		this.roles = roles;
	}

	/**
	 * Returns the value of {@code discord.oauth2.authorities.refresh-interval}.
	 * @return the configured value
	 */
	public Duration getRefreshInterval() {
		return this.refreshInterval;
	}

	/**
	 * Sets {@code discord.oauth2.authorities.refresh-interval}.
	 * @param refreshInterval the new value
	 */
	public void setRefreshInterval(Duration refreshInterval) {
		this.refreshInterval = refreshInterval;
	}

	/**
	 * Returns the value of {@code discord.oauth2.authorities.on-failure}.
	 * @return the configured value
	 */
	public DiscordAuthoritiesPolicy.OnFailure getOnFailure() {
		return this.onFailure;
	}

	/**
	 * Sets {@code discord.oauth2.authorities.on-failure}.
	 * @param onFailure the new value
	 */
	public void setOnFailure(DiscordAuthoritiesPolicy.OnFailure onFailure) {
		this.onFailure = onFailure;
	}

	/**
	 * Returns the value of {@code discord.oauth2.authorities.max-stale}.
	 * @return the configured value
	 */
	public Duration getMaxStale() {
		return this.maxStale;
	}

	/**
	 * Sets {@code discord.oauth2.authorities.max-stale}.
	 * @param maxStale the new value
	 */
	public void setMaxStale(Duration maxStale) {
		this.maxStale = maxStale;
	}

	/**
	 * The policy these properties and the login's required servers describe, after
	 * checking them against the scopes the login asks for.
	 * @param properties the {@code discord.oauth2.*} properties
	 * @return the policy
	 * @throws DiscordOAuth2ConfigurationException naming the property and the missing
	 * scope when the login cannot read what is configured
	 */
	public DiscordAuthoritiesPolicy policy(DiscordOAuth2Properties properties) {
		validate(properties);
		return DiscordAuthoritiesPolicy.builder()
			.guilds(this.guilds)
			.requiredGuilds(properties.getLogin().getRequiredGuilds())
			.roleAuthorities(this.roles)
			.refreshInterval(this.refreshInterval)
			.onFailure(this.onFailure)
			.maxStale(this.maxStale)
			.build();
	}

	/**
	 * Checks these properties together with the login's scopes, bot token and required
	 * servers. The bot token never stands in for a scope the user did not grant.
	 * @param properties the {@code discord.oauth2.*} properties
	 * @throws DiscordOAuth2ConfigurationException naming the first bad property and its
	 * fix
	 */
	public void validate(DiscordOAuth2Properties properties) {
		Set<String> scopes = new LinkedHashSet<>(properties.scopeList());
		DiscordOAuth2Properties.Login login = properties.getLogin();
		checkIds(this.guilds, PREFIX + ".guilds");
		checkIds(login.getRequiredGuilds(), DiscordOAuth2Properties.PREFIX + ".login.required-guilds");
		checkIds(login.getJoinGuilds(), DiscordOAuth2Properties.PREFIX + ".login.join-guilds");
		checkIds(this.roles.keySet(), PREFIX + ".roles");
		this.roles.forEach((role, name) -> {
			if (!StringUtils.hasText(name)) {
				throw new DiscordOAuth2ConfigurationException(PREFIX + ".roles", "maps role " + role + " to no name",
						"Give role " + role + " an authority name such as ROLE_MODERATOR, or remove it.");
			}
		});
		boolean checksGuilds = !this.guilds.isEmpty() || !login.getRequiredGuilds().isEmpty();
		if (!this.roles.isEmpty() && !checksGuilds) {
			throw new DiscordOAuth2ConfigurationException(PREFIX + ".roles",
					"maps Discord roles, but no server is listed to read them in",
					"List the servers whose roles count in " + PREFIX + ".guilds (a role is read where the user is "
							+ "a member).");
		}
		if (!this.roles.isEmpty() && !scopes.contains(Scopes.GUILDS_MEMBERS_READ)) {
			throw new DiscordOAuth2ConfigurationException(PREFIX + ".roles",
					"maps Discord roles, but " + DiscordOAuth2Properties.PREFIX + ".scopes does not ask for "
							+ Scopes.GUILDS_MEMBERS_READ,
					"Add " + Scopes.GUILDS_MEMBERS_READ + " to " + DiscordOAuth2Properties.PREFIX + ".scopes: Discord "
							+ "tells a user's roles only through GET /users/@me/guilds/{guild.id}/member with that "
							+ "scope. The bot token does not stand in for it.");
		}
		if (checksGuilds && !scopes.contains(Scopes.GUILDS_MEMBERS_READ) && !scopes.contains(Scopes.GUILDS)) {
			String property = this.guilds.isEmpty() ? DiscordOAuth2Properties.PREFIX + ".login.required-guilds"
					: PREFIX + ".guilds";
			throw new DiscordOAuth2ConfigurationException(property,
					"lists Discord servers, but " + DiscordOAuth2Properties.PREFIX + ".scopes asks for neither "
							+ Scopes.GUILDS_MEMBERS_READ + " nor " + Scopes.GUILDS,
					"Add " + Scopes.GUILDS_MEMBERS_READ + " (membership and roles) or " + Scopes.GUILDS
							+ " (membership only) to " + DiscordOAuth2Properties.PREFIX + ".scopes. The bot token "
							+ "does not stand in for them.");
		}
		if (!login.getJoinGuilds().isEmpty()) {
			if (!scopes.contains(Scopes.GUILDS_JOIN)) {
				throw new DiscordOAuth2ConfigurationException(DiscordOAuth2Properties.PREFIX + ".login.join-guilds",
						"lists servers to add users to, but " + DiscordOAuth2Properties.PREFIX
								+ ".scopes does not ask for " + Scopes.GUILDS_JOIN,
						"Add " + Scopes.GUILDS_JOIN + " to " + DiscordOAuth2Properties.PREFIX + ".scopes.");
			}
			if (!StringUtils.hasText(properties.getBotToken())) {
				throw new DiscordOAuth2ConfigurationException(DiscordOAuth2Properties.PREFIX + ".login.join-guilds",
						"lists servers to add users to, but " + DiscordOAuth2Properties.PREFIX
								+ ".bot-token is not set",
						"Set " + DiscordOAuth2Properties.PREFIX + ".bot-token to the bot token of the same "
								+ "application (Discord adds users only with the bot, which must be in the server).");
			}
		}
		if (this.refreshInterval == null || this.refreshInterval.isNegative() || this.refreshInterval.isZero()) {
			throw new DiscordOAuth2ConfigurationException(PREFIX + ".refresh-interval", "must be positive",
					"Set " + PREFIX + ".refresh-interval to a duration such as 5m.");
		}
		if (this.maxStale == null || this.maxStale.isNegative()) {
			throw new DiscordOAuth2ConfigurationException(PREFIX + ".max-stale", "must not be negative", "Set " + PREFIX
					+ ".max-stale to a duration such as 1h, or 0 to drop authorities at the first " + "failed check.");
		}
	}

	private static void checkIds(Iterable<Long> ids, String property) {
		for (Long id : ids) {
			if (id == null || id <= 0) {
				throw new DiscordOAuth2ConfigurationException(property, "contains an ID that is not a snowflake",
						"Use the numeric IDs shown by Discord's developer mode (right-click > Copy ID).");
			}
		}
	}

}
