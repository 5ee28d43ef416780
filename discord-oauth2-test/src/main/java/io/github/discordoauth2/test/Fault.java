package io.github.discordoauth2.test;

import java.time.Duration;
import java.util.Objects;

/**
 * A scripted misbehaviour for {@link Faults#next(String, int, Fault)}: an error status, a 429, a
 * malformed JSON body, or a delay before the normal answer.
 */
public final class Fault {

    enum Kind { STATUS, RATE_LIMITED, MALFORMED_JSON, DELAY }

    private final Kind kind;
    private final int status;
    private final Duration duration;
    private final boolean global;

    private Fault(Kind kind, int status, Duration duration, boolean global) {
        this.kind = kind;
        this.status = status;
        this.duration = duration;
        this.global = global;
    }

    /** Answers with this status (400..599) and a Discord JSON error body, e.g. 502 or 503. */
    public static Fault status(int status) {
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("status must be an error status 400..599, got " + status);
        }
        return new Fault(Kind.STATUS, status, Duration.ZERO, false);
    }

    /** Answers 429 with {@code retry_after} = the given duration, {@code global: false}, scope {@code user}. */
    public static Fault rateLimited(Duration retryAfter) {
        return new Fault(Kind.RATE_LIMITED, 429, nonNegative("retryAfter", retryAfter), false);
    }

    /** Answers 429 as a global rate limit ({@code global: true}, scope {@code global}). */
    public static Fault globalRateLimited(Duration retryAfter) {
        return new Fault(Kind.RATE_LIMITED, 429, nonNegative("retryAfter", retryAfter), true);
    }

    /** Answers 200 with {@code Content-Type: application/json} and a truncated JSON body. */
    public static Fault malformedJson() {
        return new Fault(Kind.MALFORMED_JSON, 200, Duration.ZERO, false);
    }

    /** Waits this long, then answers normally (other requests are not held up). */
    public static Fault delay(Duration delay) {
        return new Fault(Kind.DELAY, 0, nonNegative("delay", delay), false);
    }

    Kind kind() {
        return kind;
    }

    int status() {
        return status;
    }

    Duration duration() {
        return duration;
    }

    boolean global() {
        return global;
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
        return switch (kind) {
            case STATUS -> "Fault.status(" + status + ")";
            case RATE_LIMITED -> "Fault.rateLimited(" + duration + (global ? ", global" : "") + ")";
            case MALFORMED_JSON -> "Fault.malformedJson()";
            case DELAY -> "Fault.delay(" + duration + ")";
        };
    }
}
