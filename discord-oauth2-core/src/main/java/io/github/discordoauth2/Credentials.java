package io.github.discordoauth2;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The application's own credentials, and the one place that says when one is missing. The
 * {@code Authorization} values are computed once: they never change for a client.
 */
final class Credentials {

	private final @Nullable String clientSecret;

	private final @Nullable String botToken;

	private final @Nullable String basicAuthorization;

	private final @Nullable String botAuthorization;

	private final String basicIdentity;

	private final String botIdentity;

	Credentials(long clientId, @Nullable String clientSecret, @Nullable String botToken) {
		this.clientSecret = clientSecret;
		this.botToken = botToken;
		// RFC 6749 2.3.1: both parts are form-encoded before Base64.
		this.basicAuthorization = (clientSecret != null) ? "Basic " + Base64.getEncoder()
			.encodeToString((DiscordHttp.formEncode(Long.toUnsignedString(clientId)) + ":"
					+ DiscordHttp.formEncode(clientSecret))
				.getBytes(StandardCharsets.UTF_8)) : null;
		this.botAuthorization = (botToken != null) ? "Bot " + botToken : null;
		this.basicIdentity = Secrets.identity(this.basicAuthorization);
		this.botIdentity = Secrets.identity(this.botAuthorization);
	}

	boolean hasClientSecret() {
		return this.clientSecret != null;
	}

	boolean hasBotToken() {
		return this.botToken != null;
	}

	/**
	 * @param operation what needs the secret, for the message
	 * @throws IllegalStateException naming the builder setting when no secret is
	 * configured
	 */
	void requireClientSecret(String operation) {
		if (this.clientSecret == null) {
			throw missingClientSecret(operation);
		}
	}

	/**
	 * @param operation what needs the bot token, for the message
	 * @throws IllegalStateException naming the builder setting when no bot token is
	 * configured
	 */
	void requireBotToken(String operation) {
		if (this.botToken == null) {
			throw missingBotToken(operation);
		}
	}

	/**
	 * @return the {@code Authorization} header for HTTP Basic client authentication
	 */
	String basic(String operation) {
		String authorization = this.basicAuthorization;
		if (authorization == null) {
			throw missingClientSecret(operation);
		}
		return authorization;
	}

	/**
	 * @return the {@code Authorization} header for Bot authentication
	 */
	String bot(String operation) {
		String authorization = this.botAuthorization;
		if (authorization == null) {
			throw missingBotToken(operation);
		}
		return authorization;
	}

	/**
	 * @return the rate-limit identity of {@link #basic}, hashed once
	 */
	String basicIdentity() {
		return this.basicIdentity;
	}

	/**
	 * @return the rate-limit identity of {@link #bot}, hashed once
	 */
	String botIdentity() {
		return this.botIdentity;
	}

	/** Adds the configured secrets to a list of values kept out of messages. */
	void addSecretsTo(List<String> secrets) {
		if (this.clientSecret != null) {
			secrets.add(this.clientSecret);
		}
		if (this.botToken != null) {
			secrets.add(this.botToken);
		}
	}

	@Override
	public String toString() {
		return "clientSecret=" + Secrets.mask(this.clientSecret) + ", botToken=" + Secrets.mask(this.botToken);
	}

	private static IllegalStateException missingClientSecret(String operation) {
		return new IllegalStateException(
				"clientSecret is required for " + operation + "; set it with Client.builder().clientSecret(..)");
	}

	private static IllegalStateException missingBotToken(String operation) {
		return new IllegalStateException("botToken is required for " + operation
				+ "; set it with Client.builder().botToken(..) (the bot of this same application)");
	}

}
