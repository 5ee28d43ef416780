package io.github.discordoauth2.test;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * One signed webhook event the fake sent to the application's Webhook Events URL, and how
 * the application answered. Webhook events carry no token or secret, so the body is kept
 * as sent.
 *
 * @param type {@value #PING} for a PING ({@code "type": 0}), else the event's type, e.g.
 * {@code APPLICATION_AUTHORIZED} or {@code APPLICATION_DEAUTHORIZED}
 * @param url where it was sent
 * @param body the raw JSON body, exactly the bytes that were signed after the timestamp
 * @param signatureTimestamp the {@code X-Signature-Timestamp} header (Unix seconds)
 * @param signature the {@code X-Signature-Ed25519} header (hex)
 * @param signatureValid false for a deliberately wrong signature (Discord's routine
 * security check, {@link WebhookEvents#pingWithInvalidSignature()})
 * @param status the application's HTTP status, 0 when it did not answer (refused
 * connection, or no answer within Discord's 3 seconds)
 * @param failure why there was no answer, or null
 * @param sentAt when it was sent (the fake's clock)
 * @since 0.1.0
 */
public record WebhookEventDelivery(String type, String url, String body, String signatureTimestamp, String signature,
		boolean signatureValid, int status, @Nullable String failure, Instant sentAt) {

	/** The {@link #type()} of a PING. */
	public static final String PING = "PING";

	/** The event type sent when a user authorizes the application. */
	public static final String APPLICATION_AUTHORIZED = "APPLICATION_AUTHORIZED";

	/** The event type sent when a user removes the application. */
	public static final String APPLICATION_DEAUTHORIZED = "APPLICATION_DEAUTHORIZED";

	/**
	 * Whether the application acknowledged the event as Discord requires: 204.
	 * @return true for status 204
	 */
	public boolean acknowledged() {
		return this.status == 204;
	}

	/** Type, URL and answer; the body is in {@link #body()}. */
	@Override
	public String toString() {
		return this.type + " -> " + this.url + " answered "
				+ (this.status == 0 ? "nothing (" + this.failure + ")" : this.status)
				+ (this.signatureValid ? "" : " [invalid signature on purpose]");
	}

}
