package io.github.discordoauth2.test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;

import org.jspecify.annotations.Nullable;

/**
 * Discord's signed webhook events
 * (https://discord.com/developers/docs/events/webhook-events) as the fake sends them to
 * the application's Webhook Events URL: a PING
 * ({@code {"version":1,"application_id":"…","type":0}}, to be answered with 204) and,
 * with {@code "type":1}, {@code APPLICATION_AUTHORIZED} when a user approves the consent
 * screen and {@code APPLICATION_DEAUTHORIZED} when a user removes the application
 * ({@link FakeDiscord#deauthorize(long)}).
 *
 * <p>
 * Each POST carries {@code X-Signature-Ed25519}, the hex Ed25519 signature of
 * {@code X-Signature-Timestamp} followed by the raw body, made with the key whose public
 * half is {@link FakeDiscord#webhookEventsPublicKey()}. Delivery is asynchronous, one at
 * a time in order, as Discord does not wait for the application: tests wait with
 * {@link #awaitDelivery(String, Duration)} or {@link #awaitDeliveries(int, Duration)}.
 * Without a URL nothing is sent. Discord's retries of unanswered events and the choice of
 * event types in the portal are not modelled: every event is sent once.
 *
 * @since 0.1.0
 */
public final class WebhookEvents {

	/**
	 * Discord wants an answer within 3 seconds (Webhook Events, "Responding to Events").
	 */
	private static final int ANSWER_WITHIN_MILLIS = 3000;

	/**
	 * Discord's example shows microseconds and no offset: "2024-10-18T14:42:53.064834".
	 */
	private static final DateTimeFormatter EVENT_TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS")
		.withZone(ZoneOffset.UTC);

	/** DER header of an Ed25519 public key; the raw 32-byte key follows it. */
	private static final String X509_ED25519_PREFIX = "302a300506032b6570032100";

	/** DER header of an Ed25519 private key; the 32-byte seed follows it. */
	private static final String PKCS8_ED25519_PREFIX = "302e020100300506032b657004220420";

	/**
	 * Seed of the demo key, whose public half is
	 * {@link DemoData#WEBHOOK_EVENTS_PUBLIC_KEY}.
	 */
	private static final String DEMO_SEED = "4f773577956d2e7ef91ec2e89694aae4b5016a769997adfcabe28b1270be4948";

	private static final HexFormat HEX = HexFormat.of();

	private final long applicationId;

	private final Clock clock;

	private final PrivateKey privateKey;

	private final String publicKey;

	private final ExecutorService sender;

	private final List<WebhookEventDelivery> deliveries = new ArrayList<>();

	private volatile @Nullable String url;

	WebhookEvents(long applicationId, Clock clock, @Nullable KeyPair keyPair, @Nullable String url) {
		this.applicationId = applicationId;
		this.clock = clock;
		if (keyPair == null) {
			this.privateKey = demoPrivateKey();
			this.publicKey = DemoData.WEBHOOK_EVENTS_PUBLIC_KEY;
		}
		else {
			this.privateKey = keyPair.getPrivate();
			this.publicKey = rawPublicKey(keyPair);
		}
		this.url = url == null ? null : checkedUrl(url);
		this.sender = Executors.newSingleThreadExecutor(r -> {
			Thread t = new Thread(r, "fake-discord-webhook-events");
			t.setDaemon(true);
			return t;
		});
	}

	/**
	 * The Webhook Events URL the events go to.
	 * @return the URL, or null when none is set (then nothing is sent)
	 */
	public @Nullable String url() {
		return this.url;
	}

	/**
	 * Sets or clears the Webhook Events URL at run time, as the developer portal's
	 * Webhooks page would; useful when the application's port is known only after the
	 * fake started. Takes effect for the next event.
	 * @param url an absolute {@code http} or {@code https} URL, or null to send nothing
	 * @return this
	 */
	public WebhookEvents url(@Nullable String url) {
		this.url = url == null ? null : checkedUrl(url);
		return this;
	}

	/**
	 * Sends a PING, as Discord does when the URL is saved in the portal; the application
	 * must answer 204.
	 * @return completes with the delivery once the application answered (or did not)
	 * @throws IllegalStateException when no URL is set
	 */
	public CompletableFuture<WebhookEventDelivery> ping() {
		return send(WebhookEventDelivery.PING, pingBody(), true, requireUrl());
	}

	/**
	 * Sends a PING with a wrong signature, as Discord's routine security checks do; the
	 * application must answer 401 (Webhook Events, "Validating Security Request
	 * Headers").
	 * @return completes with the delivery once the application answered (or did not)
	 * @throws IllegalStateException when no URL is set
	 */
	public CompletableFuture<WebhookEventDelivery> pingWithInvalidSignature() {
		return send(WebhookEventDelivery.PING, pingBody(), false, requireUrl());
	}

	/**
	 * The deliveries completed so far, oldest first.
	 * @return a copy of the list
	 */
	public synchronized List<WebhookEventDelivery> deliveries() {
		return List.copyOf(this.deliveries);
	}

	/**
	 * Waits until at least {@code count} deliveries have completed.
	 * @param count how many, counted since the start or the last {@link #clear()}
	 * @param timeout how long to wait at most
	 * @return the first {@code count} deliveries
	 * @throws IllegalStateException when they did not complete in time
	 */
	public synchronized List<WebhookEventDelivery> awaitDeliveries(int count, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (this.deliveries.size() < count) {
			waitUntil(deadline, count + " webhook event deliveries");
		}
		return List.copyOf(this.deliveries.subList(0, count));
	}

	/**
	 * Waits for the first completed delivery of a type.
	 * @param type {@link WebhookEventDelivery#PING} or an event type such as
	 * {@link WebhookEventDelivery#APPLICATION_DEAUTHORIZED}
	 * @param timeout how long to wait at most
	 * @return the delivery
	 * @throws IllegalStateException when none completed in time
	 */
	public synchronized WebhookEventDelivery awaitDelivery(String type, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (true) {
			for (WebhookEventDelivery d : this.deliveries) {
				if (d.type().equals(type)) {
					return d;
				}
			}
			waitUntil(deadline, "a " + type + " webhook event delivery");
		}
	}

	/** Forgets the deliveries recorded so far (those in flight are recorded later). */
	public synchronized void clear() {
		this.deliveries.clear();
	}

	/** Names the URL; never the key. */
	@Override
	public String toString() {
		return "WebhookEvents[url=" + this.url + "]";
	}

	// ------------------------------------------------------------------------------------------
	// package-private: the fake's own triggers

	String publicKey() {
		return this.publicKey;
	}

	/** Sends {@code APPLICATION_AUTHORIZED} if a URL is set. */
	void applicationAuthorized(Map<String, @Nullable Object> data) {
		event(WebhookEventDelivery.APPLICATION_AUTHORIZED, data);
	}

	/** Sends {@code APPLICATION_DEAUTHORIZED} for the user if a URL is set. */
	void applicationDeauthorized(Map<String, @Nullable Object> user) {
		event(WebhookEventDelivery.APPLICATION_DEAUTHORIZED, Json.obj().with("user", user));
	}

	void close() {
		this.sender.shutdownNow();
	}

	static String checkedUrl(String url) {
		try {
			URI uri = new URI(url);
			if (!uri.isAbsolute() || uri.getHost() == null
					|| !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
				throw new IllegalArgumentException(
						"webhook events URL must be an absolute http(s) URL such as http://localhost:8080/discord/events,"
								+ " got " + url);
			}
			return url;
		}
		catch (URISyntaxException e) {
			throw new IllegalArgumentException("webhook events URL is not a valid URI: " + url, e);
		}
	}

	/**
	 * The raw 32-byte public key in hex, as the portal shows it: the last 32 bytes of the
	 * X.509 encoding.
	 */
	static String rawPublicKey(KeyPair keyPair) {
		byte[] encoded = keyPair.getPublic().getEncoded();
		if (encoded == null || encoded.length != 44 || !HEX.formatHex(encoded).startsWith(X509_ED25519_PREFIX)) {
			throw new IllegalArgumentException("webhookEventsKeyPair must be an Ed25519 key pair, e.g. from"
					+ " KeyPairGenerator.getInstance(\"Ed25519\").generateKeyPair()");
		}
		return HEX.formatHex(Arrays.copyOfRange(encoded, 12, 44));
	}

	private static PrivateKey demoPrivateKey() {
		try {
			return KeyFactory.getInstance("Ed25519")
				.generatePrivate(new PKCS8EncodedKeySpec(HEX.parseHex(PKCS8_ED25519_PREFIX + DEMO_SEED)));
		}
		catch (GeneralSecurityException e) {
			throw new IllegalStateException("this JDK has no Ed25519 (Java 15 and later have it)", e);
		}
	}

	// ------------------------------------------------------------------------------------------
	// sending

	private Json.Obj pingBody() {
		return Json.obj().with("version", 1).with("application_id", Long.toString(this.applicationId)).with("type", 0);
	}

	private void event(String type, Map<String, @Nullable Object> data) {
		String target = this.url;
		if (target == null) {
			return;
		}
		Json.Obj body = Json.obj()
			.with("version", 1)
			.with("application_id", Long.toString(this.applicationId))
			.with("type", 1)
			.with("event",
					Json.obj()
						.with("type", type)
						.with("timestamp", EVENT_TIMESTAMP.format(this.clock.instant()))
						.with("data", data));
		send(type, body, true, target);
	}

	private String requireUrl() {
		String target = this.url;
		if (target == null) {
			throw new IllegalStateException("no webhook events URL is set: use FakeDiscord.builder()"
					+ ".webhookEventsUrl(...) or fake.webhookEvents().url(...)");
		}
		return target;
	}

	private CompletableFuture<WebhookEventDelivery> send(String type, Json.Obj body, boolean validSignature,
			String target) {
		String json = Json.write(body);
		Instant sentAt = this.clock.instant();
		String timestamp = Long.toString(sentAt.getEpochSecond());
		CompletableFuture<WebhookEventDelivery> done = new CompletableFuture<>();
		try {
			this.sender.execute(() -> {
				WebhookEventDelivery delivery = deliver(type, target, json, timestamp, validSignature, sentAt);
				synchronized (this) {
					this.deliveries.add(delivery);
					notifyAll();
				}
				done.complete(delivery);
			});
		}
		catch (RejectedExecutionException e) {
			done.completeExceptionally(new IllegalStateException("FakeDiscord is closed", e));
		}
		return done;
	}

	private WebhookEventDelivery deliver(String type, String target, String json, String timestamp,
			boolean validSignature, Instant sentAt) {
		byte[] body = json.getBytes(StandardCharsets.UTF_8);
		String signature = sign(timestamp, json, validSignature);
		int status = 0;
		String failure = null;
		HttpURLConnection connection = null;
		try {
			connection = (HttpURLConnection) URI.create(target).toURL().openConnection();
			connection.setRequestMethod("POST");
			connection.setConnectTimeout(ANSWER_WITHIN_MILLIS);
			connection.setReadTimeout(ANSWER_WITHIN_MILLIS);
			connection.setInstanceFollowRedirects(false);
			connection.setDoOutput(true);
			// A fixed length also stops HttpURLConnection from silently sending the POST
			// twice.
			connection.setFixedLengthStreamingMode(body.length);
			connection.setRequestProperty("Content-Type", "application/json");
			connection.setRequestProperty("User-Agent", "FakeDiscord webhook events");
			connection.setRequestProperty("X-Signature-Ed25519", signature);
			connection.setRequestProperty("X-Signature-Timestamp", timestamp);
			try (OutputStream out = connection.getOutputStream()) {
				out.write(body);
			}
			status = connection.getResponseCode();
			drain(status >= 400 ? connection.getErrorStream() : connection.getInputStream());
		}
		catch (IOException | RuntimeException e) {
			status = 0;
			failure = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
		}
		finally {
			if (connection != null && status == 0) {
				connection.disconnect();
			}
		}
		return new WebhookEventDelivery(type, target, json, timestamp, signature, validSignature, status, failure,
				sentAt);
	}

	private String sign(String timestamp, String json, boolean valid) {
		try {
			Signature signer = Signature.getInstance("Ed25519");
			signer.initSign(this.privateKey);
			signer.update((timestamp + json).getBytes(StandardCharsets.UTF_8));
			byte[] signature = signer.sign();
			if (!valid) {
				signature[0] ^= 0x01;
			}
			return HEX.formatHex(signature);
		}
		catch (GeneralSecurityException e) {
			throw new IllegalStateException("could not sign a webhook event with Ed25519", e);
		}
	}

	private static void drain(@Nullable InputStream in) throws IOException {
		if (in != null) {
			try (in) {
				in.readAllBytes();
			}
		}
	}

	private void waitUntil(long deadline, String what) {
		long left = deadline - System.nanoTime();
		if (left <= 0) {
			throw new IllegalStateException("timed out waiting for " + what + "; delivered so far: " + this.deliveries);
		}
		try {
			wait(Math.max(1, left / 1_000_000));
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while waiting for " + what, e);
		}
	}

}
