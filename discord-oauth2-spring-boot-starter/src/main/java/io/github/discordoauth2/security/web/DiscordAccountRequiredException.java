package io.github.discordoauth2.security.web;

import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/**
 * Thrown instead of a Discord login when a user who signed in some other way (a form,
 * another provider) reaches a controller that takes an
 * {@link io.github.discordoauth2.AccessToken AccessToken} and has not connected a Discord
 * account (or its tokens are gone): a Discord login would replace their identity. Answers
 * HTTP 403 unless the application handles it, for example with an
 * {@code @ExceptionHandler} that offers "Connect Discord"
 * ({@link DiscordConnectConfigurer}, or {@code DiscordServerConnectConfigurer} on
 * WebFlux: a form that posts to {@code /oauth2/connect/discord}).
 *
 * @since 0.1.0
 */
public final class DiscordAccountRequiredException extends ResponseStatusException {

	private static final long serialVersionUID = 1L;

	/** The Discord registration the page needs. */
	private final String registrationId;

	/**
	 * Creates the exception.
	 * @param registrationId the ID of the Discord registration, e.g. {@code discord}
	 */
	public DiscordAccountRequiredException(String registrationId) {
		super(HttpStatus.FORBIDDEN,
				"This page needs a Discord account: the signed-in user did not log in with " + "Discord ('"
						+ registrationId + "') and has not connected one. Offer \"Connect Discord\": add "
						+ "DiscordConnectConfigurer.discordConnect() to the SecurityFilterChain (on WebFlux "
						+ "DiscordServerConnectConfigurer.discordConnect(context) to the SecurityWebFilterChain) and "
						+ "post a form with the CSRF token to " + DiscordConnectConfigurer.CONNECT_BASE_URI + "/"
						+ registrationId);
		this.registrationId = registrationId;
	}

	/**
	 * The Discord registration the page needs.
	 * @return e.g. {@code discord}
	 */
	public String registrationId() {
		return this.registrationId;
	}

}
