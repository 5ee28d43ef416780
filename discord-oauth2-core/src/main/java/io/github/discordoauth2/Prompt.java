package io.github.discordoauth2;

/**
 * The authorize page's {@code prompt} parameter.
 *
 * @since 0.1.0
 */
public enum Prompt {

	/**
	 * Always show the consent screen, even if the user authorized these scopes before.
	 */
	CONSENT("consent"),

	/**
	 * Skip the consent screen when the user already authorized these scopes (passthrough
	 * scopes still prompt).
	 */
	NONE("none");

	private final String value;

	Prompt(String value) {
		this.value = value;
	}

	/**
	 * @return the value sent in the URL
	 */
	public String value() {
		return this.value;
	}

}
