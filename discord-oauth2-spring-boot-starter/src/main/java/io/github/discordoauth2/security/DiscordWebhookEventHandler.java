package io.github.discordoauth2.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.github.discordoauth2.security.tokens.DiscordTokens;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.util.Assert;

/**
 * Receives Discord's webhook events
 * (<a href= "https://discord.com/developers/docs/events/webhook-events">Webhook
 * Events</a>) for both web stacks: checks the Ed25519 signature over timestamp and raw
 * body with the application's public key, refuses stale timestamps, replays and oversized
 * bodies, answers the {@code PING}, and acts on {@code APPLICATION_DEAUTHORIZED} (the
 * user's stored tokens and links are removed) and {@code APPLICATION_AUTHORIZED}. Each
 * event is also published as a {@link DiscordWebhookEvent}.
 * <p>
 * The web filters of both stacks hand it the raw request and send back the status it
 * returns; it blocks while the store removes a user, so the reactive filter calls it off
 * the event loop.
 *
 * @since 0.1.0
 */
public final class DiscordWebhookEventHandler {

	/**
	 * Largest body read; Discord's events are a few hundred bytes.
	 */
	public static final int MAX_BODY_BYTES = 64 * 1024;

	private static final Log logger = LogFactory.getLog(DiscordWebhookEventHandler.class);

	// The X.509 prefix of a raw 32-byte Ed25519 public key (RFC 8410).
	private static final byte[] ED25519_X509_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");

	private static final int MAX_REMEMBERED_SIGNATURES = 10_000;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final PublicKey publicKey;

	private final Duration maxAge;

	private final Clock clock;

	private final @Nullable DiscordTokens tokens;

	private final ApplicationEventPublisher events;

	// Signatures seen within maxAge: a replay inside the window is refused on this
	// instance. Removal is idempotent, so a replay reaching another instance changes
	// nothing.
	private final LinkedHashMap<String, Instant> seen = new LinkedHashMap<>();

	/**
	 * Creates the handler.
	 * @param publicKeyHex the application's public key from the developer portal (64 hex
	 * characters)
	 * @param maxAge how old a signature timestamp may be (and how far in the future)
	 * @param clock the clock that judges timestamps
	 * @param tokens the stored tokens to keep honest, or {@code null} without a token
	 * store
	 * @param events where the events are published
	 * @throws IllegalArgumentException if the key is not a 32-byte hex Ed25519 key
	 */
	public DiscordWebhookEventHandler(String publicKeyHex, Duration maxAge, Clock clock, @Nullable DiscordTokens tokens,
			ApplicationEventPublisher events) {
		Assert.notNull(maxAge, "maxAge must not be null");
		Assert.notNull(clock, "clock must not be null");
		Assert.notNull(events, "events must not be null");
		this.publicKey = publicKey(publicKeyHex);
		this.maxAge = maxAge;
		this.clock = clock;
		this.tokens = tokens;
		this.events = events;
	}

	/**
	 * Reads a raw 32-byte Ed25519 public key written as hex, as Discord's developer
	 * portal shows it.
	 * @param hex the key
	 * @return the key
	 * @throws IllegalArgumentException if it is not 64 hex characters of a valid key
	 */
	public static PublicKey publicKey(@Nullable String hex) {
		Assert.isTrue(hex != null && hex.strip().matches("[0-9a-fA-F]{64}"),
				"the public key must be 64 hexadecimal characters (32 bytes), as the developer portal shows it");
		byte[] raw = HexFormat.of().parseHex(hex.strip());
		byte[] encoded = new byte[ED25519_X509_PREFIX.length + raw.length];
		System.arraycopy(ED25519_X509_PREFIX, 0, encoded, 0, ED25519_X509_PREFIX.length);
		System.arraycopy(raw, 0, encoded, ED25519_X509_PREFIX.length, raw.length);
		try {
			return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(encoded));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalArgumentException("the public key is not a valid Ed25519 key", ex);
		}
	}

	/**
	 * Handles one delivery.
	 * @param signature the {@code X-Signature-Ed25519} header, or {@code null}
	 * @param timestamp the {@code X-Signature-Timestamp} header, or {@code null}
	 * @param body the raw body, or {@code null} when it was larger than
	 * {@link #MAX_BODY_BYTES}
	 * @return the HTTP status to answer: 204 when taken, 401 when refused, 400 when
	 * signed but not understood
	 */
	public int handle(@Nullable String signature, @Nullable String timestamp, byte @Nullable [] body) {
		if (body == null || signature == null || timestamp == null || !fresh(timestamp)
				|| !verify(signature, timestamp, body)) {
			logger.debug("Refused a Discord webhook event delivery (bad or stale signature, or too large)");
			return 401;
		}
		JsonNode payload;
		try {
			payload = JSON.readTree(body);
		}
		catch (JacksonException ex) {
			return 400;
		}
		int type = payload.path("type").asInt(-1);
		if (type == 0) {
			// PING: Discord checks the URL when it is saved in the portal.
			return 204;
		}
		if (type != 1 || !payload.path("event").isObject()) {
			return 400;
		}
		// Only events count as replays: Ed25519 signatures are deterministic, so two
		// PINGs
		// within one second are the same bytes, and a PING changes nothing.
		if (!firstTime(signature)) {
			logger.debug("Refused a replayed Discord webhook event delivery");
			return 401;
		}
		JsonNode event = payload.path("event");
		String eventType = event.path("type").asString("");
		JsonNode data = event.path("data");
		Long userId = snowflake(data.path("user").path("id"));
		if (DiscordWebhookEvent.APPLICATION_DEAUTHORIZED.equals(eventType) && userId != null && this.tokens != null) {
			this.tokens.removeDeauthorized(userId);
		}
		this.events.publishEvent(new DiscordWebhookEvent(this, eventType, userId, scopes(data),
				snowflake(data.path("guild").path("id"))));
		return 204;
	}

	private boolean fresh(String timestamp) {
		long seconds;
		try {
			seconds = Long.parseLong(timestamp.strip());
		}
		catch (NumberFormatException ex) {
			return false;
		}
		Duration age = Duration.between(Instant.ofEpochSecond(seconds), this.clock.instant());
		return age.abs().compareTo(this.maxAge) <= 0;
	}

	private boolean verify(String signatureHex, String timestamp, byte[] body) {
		try {
			byte[] signature = HexFormat.of().parseHex(signatureHex.strip());
			Signature verifier = Signature.getInstance("Ed25519");
			verifier.initVerify(this.publicKey);
			verifier.update(timestamp.getBytes(StandardCharsets.UTF_8));
			verifier.update(body);
			return verifier.verify(signature);
		}
		catch (IllegalArgumentException | GeneralSecurityException ex) {
			return false;
		}
	}

	private synchronized boolean firstTime(String signature) {
		Instant now = this.clock.instant();
		Iterator<Map.Entry<String, Instant>> oldest = this.seen.entrySet().iterator();
		while (oldest.hasNext()) {
			Map.Entry<String, Instant> entry = oldest.next();
			if (Duration.between(entry.getValue(), now).compareTo(this.maxAge.multipliedBy(2)) <= 0
					&& this.seen.size() < MAX_REMEMBERED_SIGNATURES) {
				break;
			}
			oldest.remove();
		}
		return this.seen.putIfAbsent(signature.strip().toLowerCase(Locale.ROOT), now) == null;
	}

	private static @Nullable Long snowflake(JsonNode node) {
		String text = node.asString("");
		try {
			return text.isEmpty() ? null : Long.parseLong(text);
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	private static List<String> scopes(JsonNode data) {
		List<String> scopes = new ArrayList<>();
		data.path("scopes").forEach((scope) -> scopes.add(scope.asString()));
		return scopes;
	}

}
