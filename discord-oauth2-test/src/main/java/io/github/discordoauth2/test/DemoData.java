package io.github.discordoauth2.test;

import java.time.Instant;
import java.util.List;

/**
 * The default demo data set that {@link FakeDiscord.Builder#demoData()} seeds, as public
 * constants so samples and tests can name what they expect.
 *
 * <p>
 * The demo user owns {@link #OWNED_GUILD_ID}, is a member of {@link #MEMBER_GUILD_ID} and
 * not yet of {@link #JOIN_GUILD_ID}; the bot is in {@link #OWNED_GUILD_ID} and
 * {@link #JOIN_GUILD_ID}.
 *
 * <p>
 * For role-gated pages, {@link #MEMBER_GUILD_ID} has a "Moderator" role
 * ({@link #MODERATOR_ROLE_ID}) held by the demo user, a "Regular" role held by
 * {@link #MEMBER_USER_ID} (a member without Moderator), and {@link #OUTSIDER_USER_ID} is
 * in no guild at all.
 */
public final class DemoData {

	/** Application (client) id of the demo application. */
	public static final long APPLICATION_ID = 1100000000000000001L;

	/** Name of the demo application, shown on the consent screen. */
	public static final String APPLICATION_NAME = "Demo App";

	/** Client secret of the demo application (not a real secret). */
	public static final String CLIENT_SECRET = "demo-client-secret";

	/** Bot token of the demo application (not a real token). */
	public static final String BOT_TOKEN = "demo-bot-token";

	/**
	 * The redirect URI registered for the demo application (Spring Security's default for
	 * "discord").
	 */
	public static final String REDIRECT_URI = "http://localhost:8080/login/oauth2/code/discord";

	/** The demo user: avatar, verified e-mail, locale and two-factor authentication. */
	public static final long USER_ID = 1100000000000000100L;

	/** The demo user's username. */
	public static final String USERNAME = "demo_user";

	/** The demo user's display name. */
	public static final String GLOBAL_NAME = "Demo User";

	/** The demo user's e-mail address. */
	public static final String EMAIL = "demo.user@example.com";

	/** The demo user's avatar hash. */
	public static final String AVATAR = "8342729096ea3675442027381ff50dfe";

	/** A second user, e.g. for "token belongs to someone else" tests. */
	public static final long OTHER_USER_ID = 1100000000000000101L;

	/** The second user's username. */
	public static final String OTHER_USERNAME = "other_user";

	/** A guild the demo user owns; the bot is in it. Has icon, banner and counts. */
	public static final long OWNED_GUILD_ID = 1100000000000000200L;

	/** Name of {@link #OWNED_GUILD_ID}. */
	public static final String OWNED_GUILD_NAME = "Demo Guild";

	/**
	 * A guild where the demo user is an ordinary member with a nickname; the bot is not
	 * in it.
	 */
	public static final long MEMBER_GUILD_ID = 1100000000000000201L;

	/** Name of {@link #MEMBER_GUILD_ID}. */
	public static final String MEMBER_GUILD_NAME = "Java Friends";

	/** The demo user's nickname in {@link #MEMBER_GUILD_ID}. */
	public static final String MEMBER_GUILD_NICK = "demo-nick";

	/**
	 * The "Moderator" role of {@link #MEMBER_GUILD_ID}, which the demo user holds (Kick,
	 * Ban and Timeout Members, Manage Messages and Nicknames, Mute Members; not Manage
	 * Server or Administrator).
	 */
	public static final long MODERATOR_ROLE_ID = 1100000000000000301L;

	/** The same role as {@link #MODERATOR_ROLE_ID}, under its older name. */
	public static final long MEMBER_GUILD_ROLE_ID = MODERATOR_ROLE_ID;

	/** Name of {@link #MODERATOR_ROLE_ID}. */
	public static final String MODERATOR_ROLE_NAME = "Moderator";

	/** Permissions of {@link #MODERATOR_ROLE_ID} as Discord's decimal string. */
	public static final String MODERATOR_PERMISSIONS = "1099650048006";

	/**
	 * A "Regular" role of {@link #MEMBER_GUILD_ID} without extra permissions, held by
	 * {@link #MEMBER_USER_ID}.
	 */
	public static final long REGULAR_ROLE_ID = 1100000000000000302L;

	/** Name of {@link #REGULAR_ROLE_ID}. */
	public static final String REGULAR_ROLE_NAME = "Regular";

	/**
	 * A user who is a member of {@link #MEMBER_GUILD_ID} with the "Regular" role but not
	 * "Moderator": the one a role-gated page turns away.
	 */
	public static final long MEMBER_USER_ID = 1100000000000000102L;

	/** Username of {@link #MEMBER_USER_ID}. */
	public static final String MEMBER_USERNAME = "member_user";

	/** A user who is a member of no guild. */
	public static final long OUTSIDER_USER_ID = 1100000000000000103L;

	/** Username of {@link #OUTSIDER_USER_ID}. */
	public static final String OUTSIDER_USERNAME = "outsider";

	/**
	 * The portal's "Public Key" of the demo application (hex): it verifies the signature
	 * of the webhook events the fake sends, unless
	 * {@link FakeDiscord.Builder#webhookEventsKeyPair(java.security.KeyPair)} sets
	 * another key. Not a secret: the fake's signing key is fixed and public too, so that
	 * a demo app's configuration survives restarts.
	 */
	public static final String WEBHOOK_EVENTS_PUBLIC_KEY = "bf076cbcd9e91828296ffb110df70ff6250464e2c9b1b0e9a047c4f2e02d2f47";

	/**
	 * A guild the bot is in and the demo user is not yet a member of: the target of "join
	 * guild".
	 */
	public static final long JOIN_GUILD_ID = 1100000000000000202L;

	/** Name of {@link #JOIN_GUILD_ID}. */
	public static final String JOIN_GUILD_NAME = "Join Me";

	/** Type of the demo user's GitHub connection. */
	public static final String GITHUB_CONNECTION_TYPE = "github";

	/** Type of the demo user's Twitch connection. */
	public static final String TWITCH_CONNECTION_TYPE = "twitch";

	private DemoData() {
	}

	/**
	 * Seeds the demo data set into a builder; called by
	 * {@link FakeDiscord.Builder#demoData()}.
	 */
	static void seed(FakeDiscord.Builder builder) {
		builder.applicationName(APPLICATION_NAME)
			.redirectUri(REDIRECT_URI)
			.user(new FakeUser(USER_ID, USERNAME, GLOBAL_NAME, AVATAR, EMAIL, true, "en-US", true, 2, 64))
			.user(new FakeUser(OTHER_USER_ID, OTHER_USERNAME, "Other User", null, "other.user@example.com", false, "de",
					false, 0, 0))
			.user(FakeUser.of(MEMBER_USER_ID, MEMBER_USERNAME).withGlobalName("Member User"))
			.user(FakeUser.of(OUTSIDER_USER_ID, OUTSIDER_USERNAME).withGlobalName("Outsider"))
			.guild(new FakeGuild(OWNED_GUILD_ID, OWNED_GUILD_NAME, "1f0d2c8e3b4a59687766554433221100",
					"a0b1c2d3e4f5061728394a5b6c7d8e9f", USER_ID, List.of("COMMUNITY", "NEWS"), 42, 7))
			.guild(new FakeGuild(MEMBER_GUILD_ID, MEMBER_GUILD_NAME, "a_2e3f4a5b6c7d8e9f0a1b2c3d4e5f6a7b", null,
					OTHER_USER_ID, List.of(), 1234, 321))
			.guild(new FakeGuild(JOIN_GUILD_ID, JOIN_GUILD_NAME, null, null, OTHER_USER_ID, List.of(), 10, 3))
			.role(MEMBER_GUILD_ID,
					new FakeRole(MODERATOR_ROLE_ID, MODERATOR_ROLE_NAME, MODERATOR_PERMISSIONS, 2, 0x3498DB, true,
							false, true))
			.role(MEMBER_GUILD_ID,
					new FakeRole(REGULAR_ROLE_ID, REGULAR_ROLE_NAME, "0", 1, 0x2ECC71, false, false, false))
			.member(new FakeMember(MEMBER_GUILD_ID, USER_ID, MEMBER_GUILD_NICK, List.of(MODERATOR_ROLE_ID),
					Instant.parse("2023-04-01T12:00:00Z"), false, false))
			.member(new FakeMember(MEMBER_GUILD_ID, MEMBER_USER_ID, null, List.of(REGULAR_ROLE_ID),
					Instant.parse("2024-02-10T09:30:00Z"), false, false))
			.member(JOIN_GUILD_ID, OTHER_USER_ID)
			.botInGuild(OWNED_GUILD_ID)
			.botInGuild(JOIN_GUILD_ID)
			.connection(USER_ID, FakeConnection.of(GITHUB_CONNECTION_TYPE, "583231", "demo-user"))
			.connection(USER_ID, new FakeConnection("94872013", "demo_streams", TWITCH_CONNECTION_TYPE, false, true,
					false, true, true, 0));
	}

}
