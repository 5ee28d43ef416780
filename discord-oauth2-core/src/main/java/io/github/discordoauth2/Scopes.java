package io.github.discordoauth2;

/**
 * Names of Discord's OAuth2 scopes. Many are for approved partners only; an unknown scope
 * makes the authorize page fail.
 *
 * @since 0.1.0
 */
public final class Scopes {

	/** Activity data (partners). */
	public static final String ACTIVITIES_READ = "activities.read";

	/** Update activity (partners). */
	public static final String ACTIVITIES_WRITE = "activities.write";

	/** Read build data for the user's applications. */
	public static final String APPLICATIONS_BUILDS_READ = "applications.builds.read";

	/** Upload builds (partners). */
	public static final String APPLICATIONS_BUILDS_UPLOAD = "applications.builds.upload";

	/** Use commands in a guild or for the user. */
	public static final String APPLICATIONS_COMMANDS = "applications.commands";

	/** Update commands with a client-credentials token. */
	public static final String APPLICATIONS_COMMANDS_UPDATE = "applications.commands.update";

	/** Update command permissions in guilds the user may manage. */
	public static final String APPLICATIONS_COMMANDS_PERMISSIONS_UPDATE = "applications.commands.permissions.update";

	/** Read the user's entitlements for the application. */
	public static final String APPLICATIONS_ENTITLEMENTS = "applications.entitlements";

	/** Manage SKUs, store listings and achievements. */
	public static final String APPLICATIONS_STORE_UPDATE = "applications.store.update";

	/** Add the application's bot to a guild. */
	public static final String BOT = "bot";

	/** Read the user's linked third-party accounts. */
	public static final String CONNECTIONS = "connections";

	/** See the user's DMs and group DMs (partners). */
	public static final String DM_CHANNELS_READ = "dm_channels.read";

	/**
	 * Read the user's email ({@code email} and {@code verified} on {@code /users/@me}).
	 */
	public static final String EMAIL = "email";

	/** Join users to a group DM. */
	public static final String GDM_JOIN = "gdm.join";

	/** List the user's guilds. */
	public static final String GUILDS = "guilds";

	/** Add the user to a guild (with the bot token). */
	public static final String GUILDS_JOIN = "guilds.join";

	/** Read the user's member object in a guild. */
	public static final String GUILDS_MEMBERS_READ = "guilds.members.read";

	/** Read the user ({@code /users/@me}) without email. */
	public static final String IDENTIFY = "identify";

	/** Read the user's Nitro type (partners). */
	public static final String IDENTIFY_PREMIUM = "identify.premium";

	/** Read messages via local RPC (whitelisted). */
	public static final String MESSAGES_READ = "messages.read";

	/** Read the user's relationships (partners). */
	public static final String RELATIONSHIPS_READ = "relationships.read";

	/** Update the user's linked-roles connection for the application. */
	public static final String ROLE_CONNECTIONS_WRITE = "role_connections.write";

	/** Control the user's local Discord client (whitelisted). */
	public static final String RPC = "rpc";

	/** Update activity via RPC (whitelisted). */
	public static final String RPC_ACTIVITIES_WRITE = "rpc.activities.write";

	/** Receive notifications via RPC (whitelisted). */
	public static final String RPC_NOTIFICATIONS_READ = "rpc.notifications.read";

	/** Read voice settings via RPC (whitelisted). */
	public static final String RPC_VOICE_READ = "rpc.voice.read";

	/** Change voice settings via RPC (whitelisted). */
	public static final String RPC_VOICE_WRITE = "rpc.voice.write";

	/** Connect to voice on the user's behalf (partners). */
	public static final String VOICE = "voice";

	/** Create an incoming webhook in a channel the user picks. */
	public static final String WEBHOOK_INCOMING = "webhook.incoming";

	/** OpenID Connect: the token response carries an {@code id_token} (Social SDK). */
	public static final String OPENID = "openid";

	/** Social SDK social layer. */
	public static final String SDK_SOCIAL_LAYER = "sdk.social_layer";

	/** Social SDK social layer with presence. */
	public static final String SDK_SOCIAL_LAYER_PRESENCE = "sdk.social_layer_presence";

	private Scopes() {
	}

}
