package io.github.discordoauth2;

import java.math.BigInteger;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

import io.github.discordoauth2.model.RoleConnectionMetadata;
import org.jspecify.annotations.Nullable;

/**
 * Discord's rules for linked-roles data, checked before anything is sent: how values are
 * encoded and how records and role connections are limited.
 */
final class MetadataValues {

	static final Pattern KEY = Pattern.compile("[a-z0-9_]{1,50}");

	static final int MAX_RECORDS = 5;

	static final int MAX_VALUE_LENGTH = 100;

	static final int MAX_PLATFORM_NAME = 50;

	static final int MAX_PLATFORM_USERNAME = 100;

	/**
	 * ISO-8601 with an explicit {@code +00:00}-style offset, which is what Discord
	 * documents.
	 */
	private static final DateTimeFormatter ISO_WITH_OFFSET = new DateTimeFormatterBuilder()
		.append(DateTimeFormatter.ISO_LOCAL_DATE_TIME)
		.appendOffset("+HH:MM", "+00:00")
		.toFormatter();

	private MetadataValues() {
	}

	/**
	 * Encodes a user's metadata: booleans become 1/0, integral numbers stay numbers,
	 * date-times with an offset become ISO-8601 text; everything else is refused, naming
	 * the key.
	 */
	static Map<String, Object> encode(Map<String, ?> metadata) {
		Map<String, Object> encoded = new LinkedHashMap<>();
		metadata.forEach((key, value) -> {
			if (key == null || !KEY.matcher(key).matches()) {
				throw new IllegalArgumentException("metadata key '" + key
						+ "' is invalid: keys are 1 to 50 characters of a-z, 0-9 and _ (as registered in the metadata records)");
			}
			Object result = encodeValue(key, value);
			if (String.valueOf(result).length() > MAX_VALUE_LENGTH) {
				throw new IllegalArgumentException(
						"metadata value for key '" + key + "' is longer than " + MAX_VALUE_LENGTH + " characters");
			}
			encoded.put(key, result);
		});
		return encoded;
	}

	static Object encodeValue(String key, Object value) {
		if (value == null) {
			throw new IllegalArgumentException(
					"metadata value for key '" + key + "' must not be null; leave the key out to remove it");
		}
		if (value instanceof Boolean) {
			// Discord only matches 1/0 for boolean records; true/false is silently
			// ignored.
			return ((Boolean) value) ? 1 : 0;
		}
		if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte
				|| value instanceof BigInteger || value instanceof AtomicInteger || value instanceof AtomicLong) {
			return (value instanceof AtomicInteger || value instanceof AtomicLong) ? ((Number) value).longValue()
					: value;
		}
		if (value instanceof Instant) {
			return ISO_WITH_OFFSET.format(((Instant) value).atOffset(ZoneOffset.UTC));
		}
		if (value instanceof OffsetDateTime) {
			return ISO_WITH_OFFSET.format((OffsetDateTime) value);
		}
		if (value instanceof ZonedDateTime) {
			return ISO_WITH_OFFSET.format(((ZonedDateTime) value).toOffsetDateTime());
		}
		throw new IllegalArgumentException("metadata value for key '" + key + "' has unsupported type "
				+ value.getClass().getName() + "; use Boolean, an integral number (Integer, Long, BigInteger) or a "
				+ "date-time with an offset (Instant, OffsetDateTime, ZonedDateTime)"
				+ ((value instanceof java.time.LocalDateTime)
						? "; a LocalDateTime has no offset, add one with atOffset(..)" : ""));
	}

	static void checkPlatform(@Nullable String platformName, @Nullable String platformUsername) {
		if (platformName != null && platformName.length() > MAX_PLATFORM_NAME) {
			throw new IllegalArgumentException(
					"platformName must be at most " + MAX_PLATFORM_NAME + " characters, got " + platformName.length());
		}
		if (platformUsername != null && platformUsername.length() > MAX_PLATFORM_USERNAME) {
			throw new IllegalArgumentException("platformUsername must be at most " + MAX_PLATFORM_USERNAME
					+ " characters, got " + platformUsername.length());
		}
	}

	/** Checks metadata records as Discord would, before the request is sent. */
	static void checkRecords(List<RoleConnectionMetadata> records) {
		if (records.size() > MAX_RECORDS) {
			throw new IllegalArgumentException(
					"metadata has " + records.size() + " records; Discord allows at most " + MAX_RECORDS);
		}
		Set<String> keys = new HashSet<>();
		for (int i = 0; i < records.size(); i++) {
			RoleConnectionMetadata record = records.get(i);
			String at = "metadata[" + i + "]";
			if (record == null) {
				throw new IllegalArgumentException(at + " must not be null");
			}
			if (!KEY.matcher(record.key()).matches()) {
				throw new IllegalArgumentException(
						at + ".key '" + record.key() + "' is invalid: 1 to 50 characters of a-z, 0-9 and _");
			}
			if (!keys.add(record.key())) {
				throw new IllegalArgumentException(at + ".key '" + record.key() + "' is used twice");
			}
			length(at + ".name", record.name(), 100);
			length(at + ".description", record.description(), 200);
			if (record.nameLocalizations() != null) {
				record.nameLocalizations()
					.forEach((locale, text) -> length(at + ".nameLocalizations." + locale, text, 100));
			}
			if (record.descriptionLocalizations() != null) {
				record.descriptionLocalizations()
					.forEach((locale, text) -> length(at + ".descriptionLocalizations." + locale, text, 200));
			}
		}
	}

	private static void length(String name, String value, int max) {
		if (value == null || value.isBlank() || value.length() > max) {
			throw new IllegalArgumentException(name + " must be 1 to " + max + " characters, got "
					+ ((value == null) ? "null" : value.length() + " characters"));
		}
	}

}
