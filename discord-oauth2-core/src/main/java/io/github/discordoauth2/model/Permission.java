package io.github.discordoauth2.model;

/**
 * One of Discord's permissions, named as Discord names it, with its bit in a permission
 * set (see {@link Permissions}). The list is Discord's table of bitwise permission flags
 * (<a href=
 * "https://discord.com/developers/docs/topics/permissions#permissions-bitwise-permission-flags">Permissions</a>);
 * a bit Discord adds later is kept in {@link Permissions#value()} even before it has a
 * constant here.
 *
 * @since 0.1.0
 */
public enum Permission {

	/** Create invites. */
	CREATE_INSTANT_INVITE(0),

	/** Kick members. */
	KICK_MEMBERS(1),

	/** Ban members. */
	BAN_MEMBERS(2),

	/**
	 * Every permission, overriding channel overwrites; {@link Permissions#has} counts it
	 * as all of them.
	 */
	ADMINISTRATOR(3),

	/** Create, edit and delete channels. */
	MANAGE_CHANNELS(4),

	/** Edit the guild's settings; "Manage Server" in the Discord app. */
	MANAGE_GUILD(5),

	/** Add new reactions to messages. */
	ADD_REACTIONS(6),

	/** Read the audit log. */
	VIEW_AUDIT_LOG(7),

	/** Speak with priority in a voice channel. */
	PRIORITY_SPEAKER(8),

	/** Go live in a voice channel. */
	STREAM(9),

	/** See a channel: read its messages or join it. */
	VIEW_CHANNEL(10),

	/** Send messages (and create forum posts). */
	SEND_MESSAGES(11),

	/** Send text-to-speech messages. */
	SEND_TTS_MESSAGES(12),

	/** Delete other users' messages. */
	MANAGE_MESSAGES(13),

	/** Have sent links embedded. */
	EMBED_LINKS(14),

	/** Upload files. */
	ATTACH_FILES(15),

	/** Read earlier messages. */
	READ_MESSAGE_HISTORY(16),

	/** Mention {@code @everyone} and {@code @here}. */
	MENTION_EVERYONE(17),

	/** Use custom emojis of other guilds. */
	USE_EXTERNAL_EMOJIS(18),

	/** Read the guild's insights. */
	VIEW_GUILD_INSIGHTS(19),

	/** Join a voice channel. */
	CONNECT(20),

	/** Speak in a voice channel. */
	SPEAK(21),

	/** Mute members in voice channels. */
	MUTE_MEMBERS(22),

	/** Deafen members in voice channels. */
	DEAFEN_MEMBERS(23),

	/** Move members between voice channels. */
	MOVE_MEMBERS(24),

	/** Speak by voice activity detection ("Use Voice Activity"). */
	USE_VAD(25),

	/** Change one's own nickname. */
	CHANGE_NICKNAME(26),

	/** Change other members' nicknames. */
	MANAGE_NICKNAMES(27),

	/** Create, edit and assign roles ("Manage Permissions" on a channel). */
	MANAGE_ROLES(28),

	/** Create, edit and delete webhooks. */
	MANAGE_WEBHOOKS(29),

	/** Edit and delete any emoji, sticker and soundboard sound. */
	MANAGE_GUILD_EXPRESSIONS(30),

	/** Use application commands (slash and context-menu commands). */
	USE_APPLICATION_COMMANDS(31),

	/** Ask to speak in a stage channel. */
	REQUEST_TO_SPEAK(32),

	/** Edit and delete any scheduled event. */
	MANAGE_EVENTS(33),

	/** Delete and archive threads, and see every private thread. */
	MANAGE_THREADS(34),

	/** Create public and announcement threads. */
	CREATE_PUBLIC_THREADS(35),

	/** Create private threads. */
	CREATE_PRIVATE_THREADS(36),

	/** Use custom stickers of other guilds. */
	USE_EXTERNAL_STICKERS(37),

	/** Send messages in threads. */
	SEND_MESSAGES_IN_THREADS(38),

	/** Start Activities. */
	USE_EMBEDDED_ACTIVITIES(39),

	/** Time members out ("Timeout Members"). */
	MODERATE_MEMBERS(40),

	/** Read role subscription insights. */
	VIEW_CREATOR_MONETIZATION_ANALYTICS(41),

	/** Use the soundboard in a voice channel. */
	USE_SOUNDBOARD(42),

	/** Create emojis, stickers and soundboard sounds, and edit or delete one's own. */
	CREATE_GUILD_EXPRESSIONS(43),

	/** Create scheduled events, and edit or delete one's own. */
	CREATE_EVENTS(44),

	/** Use soundboard sounds of other guilds. */
	USE_EXTERNAL_SOUNDS(45),

	/** Send voice messages. */
	SEND_VOICE_MESSAGES(46),

	/** Set a voice channel's status. */
	SET_VOICE_CHANNEL_STATUS(48),

	/** Send polls. */
	SEND_POLLS(49),

	/** Let user-installed apps answer publicly. */
	USE_EXTERNAL_APPS(50),

	/** Pin and unpin messages. */
	PIN_MESSAGES(51),

	/** Ignore slowmode. */
	BYPASS_SLOWMODE(52);

	private final int bit;

	Permission(int bit) {
		this.bit = bit;
	}

	/**
	 * @return the bit's position in a permission set (for example {@code 5} for
	 * {@link #MANAGE_GUILD})
	 */
	public int bit() {
		return this.bit;
	}

	/**
	 * @return the permission's value as Discord's table gives it, {@code 1 << bit()} (for
	 * example {@code 0x20} for {@link #MANAGE_GUILD})
	 */
	public long value() {
		return 1L << this.bit;
	}

}
