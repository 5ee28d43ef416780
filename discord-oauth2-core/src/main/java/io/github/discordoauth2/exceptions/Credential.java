package io.github.discordoauth2.exceptions;

/**
 * Which credential a call to Discord sent in its {@code Authorization} header, and so
 * which one Discord refused when it answered 401 or 403. A 401 from a bot-token call (the
 * application's bot token is wrong or was reset) is thereby told apart from a 401 on a
 * user's access token (the user must log in again) without another call to Discord.
 *
 * @since 0.1.0
 * @see HttpException#credential()
 */
public enum Credential {

	/** The user's OAuth2 access token ({@code Authorization: Bearer ...}). */
	USER_TOKEN("the user's access token"),

	/**
	 * The application's client id and client secret ({@code Authorization: Basic ...}),
	 * as the token and revoke endpoints take them.
	 */
	CLIENT_SECRET("the client id and client secret"),

	/** The application's bot token ({@code Authorization: Bot ...}). */
	BOT_TOKEN("the bot token"),

	/**
	 * No {@code Authorization} header, as a public client (PKCE without a client secret)
	 * exchanges a code; also what an exception built without one says.
	 */
	NONE("no credential");

	private final String description;

	Credential(String description) {
		this.description = description;
	}

	/**
	 * @return the credential in words, for messages (for example
	 * {@code "the bot token"}); never the credential itself
	 */
	public String description() {
		return this.description;
	}

}
