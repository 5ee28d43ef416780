package io.github.discordoauth2;

/**
 * Where an app with {@code applications.commands} is installed (the authorize page's
 * {@code integration_type}).
 *
 * @since 0.1.0
 */
public enum IntegrationType {

	/** Installed to a guild (0). */
	GUILD_INSTALL(0),

	/** Installed to the user's account (1). */
	USER_INSTALL(1);

	private final int value;

	IntegrationType(int value) {
		this.value = value;
	}

	/**
	 * @return the number sent in the URL
	 */
	public int value() {
		return this.value;
	}

}
