package io.github.discordoauth2.autoconfigure;

/**
 * Thrown at startup when a {@code discord.oauth2.*} property is missing or malformed.
 *
 * <p>
 * {@link DiscordOAuth2FailureAnalyzer} turns it into Spring Boot's "APPLICATION FAILED TO
 * START" report with the property, the problem and the fix. The message never contains a
 * property's value, so that a secret typed into the wrong property does not end up in a
 * log.
 *
 * @since 0.1.0
 */
public final class DiscordOAuth2ConfigurationException extends IllegalStateException {

	private static final long serialVersionUID = 1L;

	/** The full name of the bad property. */
	private final String property;

	/** What is wrong with the property. */
	private final String problem;

	/** How to fix it. */
	private final String action;

	/**
	 * Creates the exception.
	 * @param property the full name of the bad property, e.g.
	 * {@code discord.oauth2.client-secret}
	 * @param problem what is wrong with it, completing the sentence "The property ... "
	 * @param action how to fix it
	 */
	public DiscordOAuth2ConfigurationException(String property, String problem, String action) {
		super("Property '" + property + "' " + problem + ". " + action);
		this.property = property;
		this.problem = problem;
		this.action = action;
	}

	/**
	 * The full name of the bad property.
	 * @return e.g. {@code discord.oauth2.client-secret}
	 */
	public String property() {
		return this.property;
	}

	/**
	 * What is wrong with the property.
	 * @return a sentence fragment such as "is not set"
	 */
	public String problem() {
		return this.problem;
	}

	/**
	 * How to fix it.
	 * @return the advice shown under "Action:"
	 */
	public String action() {
		return this.action;
	}

}
