package io.github.discordoauth2.test;

import java.time.Duration;
import java.util.Objects;

/**
 * A scripted misbehaviour for {@link Faults#next(String, int, Fault)}: an error status, a
 * 429, a malformed JSON body, an HTML or any other body, a huge body, a cut connection,
 * or a delay before the normal answer.
 *
 * @since 0.1.0
 */
public final class Fault {

	enum Kind {

		STATUS, RATE_LIMITED, MALFORMED_JSON, DELAY, BODY, DISCONNECT

	}

	private final Kind kind;

	private final int status;

	private final Duration duration;

	private final boolean global;

	private final String contentType;

	private final byte[] body;

	private Fault(Kind kind, int status, Duration duration, boolean global) {
		this(kind, status, duration, global, "", new byte[0]);
	}

	private Fault(Kind kind, int status, Duration duration, boolean global, String contentType, byte[] body) {
		this.kind = kind;
		this.status = status;
		this.duration = duration;
		this.global = global;
		this.contentType = contentType;
		this.body = body;
	}

	/**
	 * Answers with this status (400..599) and a Discord JSON error body, e.g. 502 or 503.
	 * @param status the status, 400..599
	 * @return the fault
	 */
	public static Fault status(int status) {
		if (status < 400 || status > 599) {
			throw new IllegalArgumentException("status must be an error status 400..599, got " + status);
		}
		return new Fault(Kind.STATUS, status, Duration.ZERO, false);
	}

	/**
	 * Answers 429 with {@code retry_after} = the given duration, {@code global: false},
	 * scope {@code user}.
	 * @param retryAfter the {@code retry_after} the answer carries
	 * @return the fault
	 */
	public static Fault rateLimited(Duration retryAfter) {
		return new Fault(Kind.RATE_LIMITED, 429, nonNegative("retryAfter", retryAfter), false);
	}

	/**
	 * Answers 429 as a global rate limit ({@code global: true}, scope {@code global}).
	 * @param retryAfter the {@code retry_after} the answer carries
	 * @return the fault
	 */
	public static Fault globalRateLimited(Duration retryAfter) {
		return new Fault(Kind.RATE_LIMITED, 429, nonNegative("retryAfter", retryAfter), true);
	}

	/**
	 * Answers 200 with {@code Content-Type: application/json} and a truncated JSON body.
	 * @return the fault
	 */
	public static Fault malformedJson() {
		return new Fault(Kind.MALFORMED_JSON, 200, Duration.ZERO, false);
	}

	/**
	 * Answers with this status, content type and body, e.g. an HTML page from a proxy or
	 * an empty body.
	 * @param status any status 200..599
	 * @param contentType the {@code Content-Type}, or "" for none
	 * @param body the body text
	 * @return the fault
	 */
	public static Fault body(int status, String contentType, String body) {
		if (status < 200 || status > 599) {
			throw new IllegalArgumentException("status must be 200..599, got " + status);
		}
		return new Fault(Kind.BODY, status, Duration.ZERO, false, contentType,
				body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
	}

	/**
	 * Answers with this status and the kind of HTML error page a proxy or CDN sends (e.g.
	 * 502 from Cloudflare).
	 * @param status the status
	 * @return the fault
	 */
	public static Fault htmlPage(int status) {
		String title = status + " " + (status == 502 ? "Bad Gateway" : status == 503 ? "Service Unavailable" : "Error");
		return body(status, "text/html", "<html>\r\n<head><title>" + title + "</title></head>\r\n<body>\r\n<center><h1>"
				+ title + "</h1></center>\r\n<hr><center>cloudflare</center>\r\n</body>\r\n</html>\r\n");
	}

	/**
	 * Answers 200 {@code application/json} with a body of this many bytes (a valid JSON
	 * string) to test size limits.
	 * @param bytes the body's size in bytes
	 * @return the fault
	 */
	public static Fault hugeBody(int bytes) {
		if (bytes < 2 || bytes > 256 * 1024 * 1024) {
			throw new IllegalArgumentException("bytes must be 2..268435456, got " + bytes);
		}
		byte[] body = new byte[bytes];
		java.util.Arrays.fill(body, (byte) 'x');
		body[0] = '"';
		body[bytes - 1] = '"';
		return new Fault(Kind.BODY, 200, Duration.ZERO, false, "application/json", body);
	}

	/**
	 * Closes the connection without any answer, as a cut connection or crashed proxy
	 * does.
	 * @return the fault
	 */
	public static Fault disconnect() {
		return new Fault(Kind.DISCONNECT, 0, Duration.ZERO, false);
	}

	/**
	 * Waits this long, then answers normally (other requests are not held up).
	 * @param delay how long to wait before answering
	 * @return the fault
	 */
	public static Fault delay(Duration delay) {
		return new Fault(Kind.DELAY, 0, nonNegative("delay", delay), false);
	}

	Kind kind() {
		return this.kind;
	}

	int status() {
		return this.status;
	}

	Duration duration() {
		return this.duration;
	}

	boolean global() {
		return this.global;
	}

	String contentType() {
		return this.contentType;
	}

	byte[] body() {
		return this.body;
	}

	private static Duration nonNegative(String name, Duration d) {
		Objects.requireNonNull(d, name);
		if (d.isNegative()) {
			throw new IllegalArgumentException(name + " must not be negative, got " + d);
		}
		return d;
	}

	@Override
	public String toString() {
		return switch (this.kind) {
			case STATUS -> "Fault.status(" + this.status + ")";
			case RATE_LIMITED -> "Fault.rateLimited(" + this.duration + (this.global ? ", global" : "") + ")";
			case MALFORMED_JSON -> "Fault.malformedJson()";
			case DELAY -> "Fault.delay(" + this.duration + ")";
			case BODY -> "Fault.body(" + this.status + ", " + this.contentType + ", " + this.body.length + " bytes)";
			case DISCONNECT -> "Fault.disconnect()";
		};
	}

}
