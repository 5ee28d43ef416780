package io.github.discordoauth2;

import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.discordoauth2.model.RoleConnectionMetadata;
import io.github.discordoauth2.model.RoleConnectionMetadataType;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class MetadataValuesTests {

	@Test
	void booleansBecomeOneAndZeroIntegersStayNumbersDateTimesCarryAnOffset() {
		Map<String, Object> values = new LinkedHashMap<>();
		values.put("verified", true);
		values.put("banned", false);
		values.put("level", 7);
		values.put("xp", 12_000_000_000L);
		values.put("huge", new BigInteger("123456789012345678901234567890"));
		values.put("since", Instant.parse("2024-03-01T10:15:30Z"));
		values.put("joined", OffsetDateTime.of(2024, 3, 1, 12, 15, 30, 0, ZoneOffset.ofHours(2)));
		values.put("zoned", ZonedDateTime.of(2024, 1, 1, 0, 0, 0, 0, ZoneId.of("America/New_York")));
		Map<String, Object> encoded = MetadataValues.encode(values);
		assertThat(encoded).containsEntry("verified", 1)
			.containsEntry("banned", 0)
			.containsEntry("level", 7)
			.containsEntry("xp", 12_000_000_000L)
			.containsEntry("huge", new BigInteger("123456789012345678901234567890"))
			.containsEntry("since", "2024-03-01T10:15:30+00:00")
			.containsEntry("joined", "2024-03-01T12:15:30+02:00")
			.containsEntry("zoned", "2024-01-01T00:00:00-05:00");
		assertThat(new String(DiscordJson.write(encoded))).contains("\"verified\":1")
			.contains("\"level\":7")
			.contains("\"since\":\"2024-03-01T10:15:30+00:00\"");
	}

	@Test
	void localDateTimeIsRefusedNamingTheKey() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> MetadataValues.encode(Map.of("joined_at", LocalDateTime.of(2024, 1, 1, 0, 0))))
			.withMessageContaining("'joined_at'")
			.withMessageContaining("LocalDateTime");
	}

	@Test
	void otherTypesAreRefusedNamingTheKey() {
		assertThatIllegalArgumentException().isThrownBy(() -> MetadataValues.encode(Map.of("ratio", 1.5)))
			.withMessageContaining("'ratio'");
		assertThatIllegalArgumentException().isThrownBy(() -> MetadataValues.encode(Map.of("name", "text")))
			.withMessageContaining("'name'");
		Map<String, Object> withNull = new HashMap<>();
		withNull.put("gone", null);
		assertThatIllegalArgumentException().isThrownBy(() -> MetadataValues.encode(withNull))
			.withMessageContaining("'gone'");
	}

	@Test
	void badKeysAndLongValuesAreRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> MetadataValues.encode(Map.of("Bad-Key", 1)))
			.withMessageContaining("'Bad-Key'");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> MetadataValues.encode(Map.of("big", new BigInteger("9".repeat(101)))))
			.withMessageContaining("'big'");
	}

	@Test
	void platformLimits() {
		MetadataValues.checkPlatform("x".repeat(50), "y".repeat(100));
		assertThatIllegalArgumentException().isThrownBy(() -> MetadataValues.checkPlatform("x".repeat(51), null))
			.withMessageContaining("platformName");
		assertThatIllegalArgumentException().isThrownBy(() -> MetadataValues.checkPlatform(null, "y".repeat(101)))
			.withMessageContaining("platformUsername");
	}

	@Test
	void recordsAreCheckedAsDiscordWould() {
		List<RoleConnectionMetadata> ok = List.of(record("level"), record("a_b_9"));
		MetadataValues.checkRecords(ok);
		List<RoleConnectionMetadata> six = new ArrayList<>();
		for (int i = 0; i < 6; i++) {
			six.add(record("key_" + i));
		}
		assertThatIllegalArgumentException().isThrownBy(() -> MetadataValues.checkRecords(six))
			.withMessageContaining("at most 5");
		assertThatIllegalArgumentException().isThrownBy(() -> MetadataValues.checkRecords(List.of(record("Level"))))
			.withMessageContaining("metadata[0].key");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> MetadataValues.checkRecords(List.of(record("k".repeat(51)))))
			.withMessageContaining("metadata[0].key");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> MetadataValues.checkRecords(List.of(record("a"), record("a"))))
			.withMessageContaining("used twice");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> MetadataValues.checkRecords(
					List.of(new RoleConnectionMetadata(RoleConnectionMetadataType.INTEGER_EQUAL, "k", "", "d"))))
			.withMessageContaining("metadata[0].name");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> MetadataValues.checkRecords(List
				.of(new RoleConnectionMetadata(RoleConnectionMetadataType.INTEGER_EQUAL, "k", "n", "d".repeat(201)))))
			.withMessageContaining("metadata[0].description");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> MetadataValues.checkRecords(List
				.of(new RoleConnectionMetadata(RoleConnectionMetadataType.INTEGER_EQUAL, "k", "x".repeat(101), "d"))))
			.withMessageContaining("metadata[0].name");
	}

	private static RoleConnectionMetadata record(String key) {
		return new RoleConnectionMetadata(RoleConnectionMetadataType.BOOLEAN_EQUAL, key, "Name", "Description");
	}

}
