package io.github.discordoauth2;

/**
 * Which kind of token is being revoked ({@code token_type_hint}). Only a hint: revoking
 * either kills the whole authorization.
 *
 * @since 0.1.0
 */
public enum TokenTypeHint {

	/** The token is an access token. */
	ACCESS_TOKEN("access_token"),

	/** The token is a refresh token. */
	REFRESH_TOKEN("refresh_token");

	private final String value;

	TokenTypeHint(String value) {
		this.value = value;
	}

	/**
	 * @return the value sent in the form
	 */
	public String value() {
		return this.value;
	}

}
