package io.github.discordoauth2.test;

import java.math.BigInteger;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Rules of Discord that more than one part of the fake applies, each with its public
 * source; the whole catalogue is the project's {@code docs/discord-rules.md}.
 */
final class Rules {

	/** RFC 7636 section 4.2: base64url of a SHA-256 digest, no padding. */
	private static final Pattern CHALLENGE = Pattern.compile("[A-Za-z0-9_-]{43}");

	/** RFC 7636 section 4.1, which Discord enforces (discord-api-docs #5254). */
	private static final Pattern VERIFIER = Pattern.compile("[A-Za-z0-9._~-]{43,128}");

	/** Discord's words for a refused scope (discord-api-docs #5751, PR #5885). */
	static final String INVALID_SCOPE = "The requested scope is invalid, unknown, or malformed.";

	/**
	 * The scopes client credentials may ask for in a team's app (discord-api-docs #2644,
	 * PR #3403).
	 */
	static final Set<String> TEAM_CLIENT_CREDENTIALS_SCOPES = Set.of("identify", "applications.commands.update");

	/**
	 * A plain bot invite may carry only these scopes (OAuth2 docs, "Bot Authorization
	 * Flow").
	 */
	static final Set<String> INVITE_SCOPES = Set.of("bot", "applications.commands");

	/** A user needs one of these bits to add a bot or a webhook to a server. */
	private static final BigInteger ADMINISTRATOR_OR_MANAGE_GUILD = BigInteger.valueOf((1 << 3) | (1 << 5));

	private static final BigInteger ADMINISTRATOR = BigInteger.valueOf(1 << 3);

	/**
	 * What a guild owner or an administrator has: every permission bit Discord defines
	 * (Permissions docs, "Permission Hierarchy": {@code return ALL}).
	 */
	static final String ALL_PERMISSIONS = "2251799813685247";

	private Rules() {
	}

	/** The helper API's check that every scope is one of Discord's. */
	static Set<String> knownScopes(Collection<String> scopes) {
		Objects.requireNonNull(scopes, "scopes");
		Set<String> result = new LinkedHashSet<>();
		for (String s : scopes) {
			if (!Scopes.isKnown(s)) {
				throw new IllegalArgumentException("scopes contains \"" + s + "\", which is not a Discord OAuth2 scope"
						+ " (e.g. identify, email, guilds, guilds.join, connections, role_connections.write)");
			}
			result.add(s);
		}
		return result;
	}

	static boolean isValidChallenge(String challenge) {
		return CHALLENGE.matcher(challenge).matches();
	}

	static boolean isValidVerifier(String verifier) {
		return VERIFIER.matcher(verifier).matches();
	}

	/**
	 * Discord refuses {@code role_connections.write} with PKCE: a user could mint their
	 * own token without the client secret and fake their linked-roles metadata
	 * (discord-api-docs #5751, staff answer there).
	 */
	static boolean pkceRefused(Set<String> scopes) {
		return scopes.contains("role_connections.write");
	}

	/** The helper-API form of the authorize page's PKCE rules. */
	static void requirePkceAllowed(Set<String> scopes, String challenge) {
		if (!isValidChallenge(challenge)) {
			throw new IllegalArgumentException("codeChallengeS256 must be 43 base64url characters (SHA-256 of the"
					+ " verifier, no padding), got " + challenge.length() + " characters");
		}
		if (pkceRefused(scopes)) {
			throw new IllegalArgumentException("role_connections.write cannot be combined with PKCE (Discord answers"
					+ " invalid_scope, discord-api-docs #5751): pass codeChallengeS256 null for this scope");
		}
	}

	/**
	 * A member's permissions in a guild as Discord computes them before channel
	 * overwrites
	 * (https://discord.com/developers/docs/topics/permissions#permission-hierarchy,
	 * {@code compute_base_permissions}): the owner has all; otherwise {@code @everyone}'s
	 * bits OR those of every role held, and Administrator means all. Role ids the guild
	 * does not have (stored by Add Guild Member) add nothing.
	 * @param guild the guild
	 * @param member the membership
	 * @param roles the guild's roles by id, {@code @everyone} under the guild's id
	 * @return the bitset as Discord's decimal string
	 */
	static String basePermissions(FakeGuild guild, FakeMember member, Map<Long, FakeRole> roles) {
		if (guild.ownerId() == member.userId()) {
			return ALL_PERMISSIONS;
		}
		FakeRole everyone = roles.get(guild.id());
		BigInteger permissions = new BigInteger(
				everyone != null ? everyone.permissions() : FakeRole.DEFAULT_EVERYONE_PERMISSIONS);
		for (Long id : member.roles()) {
			FakeRole role = roles.get(id);
			if (role != null) {
				permissions = permissions.or(new BigInteger(role.permissions()));
			}
		}
		if (permissions.and(ADMINISTRATOR).signum() != 0) {
			return ALL_PERMISSIONS;
		}
		return permissions.toString();
	}

	/**
	 * Whether a member may add a bot or webhook to the server: owner, Administrator or
	 * Manage Server.
	 */
	static boolean canManage(FakeGuild guild, FakeMember member, Map<Long, FakeRole> roles) {
		return new BigInteger(basePermissions(guild, member, roles)).and(ADMINISTRATOR_OR_MANAGE_GUILD).signum() != 0;
	}

}
