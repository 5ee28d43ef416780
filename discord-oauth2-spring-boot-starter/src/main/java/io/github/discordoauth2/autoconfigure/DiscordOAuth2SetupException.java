package io.github.discordoauth2.autoconfigure;

/**
 * Thrown at startup when the application's beans leave the starter without something it
 * needs (for example no unique {@code OAuth2AuthorizedClientManager}).
 * {@link DiscordOAuth2SetupFailureAnalyzer} shows it with the fix.
 *
 * @since 0.1.0
 */
public final class DiscordOAuth2SetupException extends IllegalStateException {

	private static final long serialVersionUID = 1L;

	/** What is missing. */
	private final String description;

	/** How to fix it. */
	private final String action;

	/**
	 * Creates the exception.
	 * @param description what is missing
	 * @param action how to fix it
	 */
	public DiscordOAuth2SetupException(String description, String action) {
		super(description + " " + action);
		this.description = description;
		this.action = action;
	}

	/**
	 * What is missing.
	 * @return the description shown under "Description:"
	 */
	public String description() {
		return this.description;
	}

	/**
	 * How to fix it.
	 * @return the advice shown under "Action:"
	 */
	public String action() {
		return this.action;
	}

}
