package io.github.discordoauth2.autoconfigure;

import java.time.Duration;

import io.github.discordoauth2.security.DiscordWebhookEventHandler;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Discord's signed webhook events ({@code discord.oauth2.webhook-events.*}): where the
 * application receives them and the key that proves they come from Discord.
 *
 * @since 0.1.0
 */
@ConfigurationProperties(DiscordWebhookEventsProperties.PREFIX)
public class DiscordWebhookEventsProperties {

	/**
	 * Prefix of the webhook events properties.
	 */
	public static final String PREFIX = DiscordOAuth2Properties.PREFIX + ".webhook-events";

	/**
	 * Public key of the application (General Information page of the developer portal, 64
	 * hexadecimal characters). Setting it switches on the events endpoint; enter the
	 * endpoint's URL as "Webhooks Endpoint URL" on the portal's Webhooks page.
	 */
	private @Nullable String publicKey;

	/**
	 * Path of the events endpoint within the application. Only POST to exactly this path
	 * skips login and CSRF; the signature is checked instead.
	 */
	private String path = "/discord/events";

	/**
	 * How far a delivery's signature timestamp may be from this instance's clock before
	 * it is refused as stale.
	 */
	private Duration maxAge = Duration.ofMinutes(5);

	/**
	 * Returns the value of {@code discord.oauth2.webhook-events.public-key}.
	 * @return the configured value
	 */
	public @Nullable String getPublicKey() {
		return this.publicKey;
	}

	/**
	 * Sets {@code discord.oauth2.webhook-events.public-key}.
	 * @param publicKey the new value
	 */
	public void setPublicKey(@Nullable String publicKey) {
		this.publicKey = publicKey;
	}

	/**
	 * Returns the value of {@code discord.oauth2.webhook-events.path}.
	 * @return the configured value
	 */
	public String getPath() {
		return this.path;
	}

	/**
	 * Sets {@code discord.oauth2.webhook-events.path}.
	 * @param path the new value
	 */
	public void setPath(String path) {
		this.path = path;
	}

	/**
	 * Returns the value of {@code discord.oauth2.webhook-events.max-age}.
	 * @return the configured value
	 */
	public Duration getMaxAge() {
		return this.maxAge;
	}

	/**
	 * Sets {@code discord.oauth2.webhook-events.max-age}.
	 * @param maxAge the new value
	 */
	public void setMaxAge(Duration maxAge) {
		this.maxAge = maxAge;
	}

	/**
	 * Checks the settings, naming the property to fix.
	 * @throws DiscordOAuth2ConfigurationException if one is invalid
	 */
	public void validate() {
		try {
			DiscordWebhookEventHandler.publicKey(this.publicKey);
		}
		catch (IllegalArgumentException ex) {
			throw new DiscordOAuth2ConfigurationException(PREFIX + ".public-key",
					"is not a valid Ed25519 public key (" + ex.getMessage() + ")",
					"Copy the application's \"Public Key\" from the General Information page of the developer portal.");
		}
		if (!this.path.startsWith("/")) {
			throw new DiscordOAuth2ConfigurationException(PREFIX + ".path", "does not start with /",
					"Set a path within the application, e.g. /discord/events.");
		}
		if (this.maxAge.isNegative() || this.maxAge.isZero()) {
			throw new DiscordOAuth2ConfigurationException(PREFIX + ".max-age", "must be positive",
					"Set a duration such as 5m.");
		}
	}

}
