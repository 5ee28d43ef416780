package io.github.discordoauth2;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How Discord's nested {@code errors} object becomes one short, secret-free line of an
 * exception message.
 */
class FieldErrorsTests {

	private static String render(String json) {
		return FieldErrors.render(DiscordJson.tree(json.getBytes(StandardCharsets.UTF_8)));
	}

	private static String leaf(String code, String message) {
		return "{\"_errors\":[{\"code\":\"" + code + "\",\"message\":\"" + message + "\"}]}";
	}

	@Test
	void eachLeafShowsItsPathMessageAndCode() {
		assertThat(render("{\"access_token\":" + leaf("BASE_TYPE_REQUIRED", "This field is required") + "}"))
			.isEqualTo("access_token: This field is required (BASE_TYPE_REQUIRED)");
	}

	@Test
	void nestedNamesAreDottedAndListIndexesBracketed() {
		String json = """
				{"0":{"key":%s,"name_localizations":{"en-US":%s}},
				 "metadata":{"level":%s}}""".formatted(leaf("BASE_TYPE_REQUIRED", "This field is required"),
				leaf("BASE_TYPE_BAD_LENGTH", "Must be between 1 and 100 in length."),
				leaf("APPLICATION_ROLE_CONNECTION_METADATA_VALUE_INVALID", "Value must be an integer."));
		assertThat(render(json)).isEqualTo("[0].key: This field is required (BASE_TYPE_REQUIRED); "
				+ "[0].name_localizations.en-US: Must be between 1 and 100 in length. (BASE_TYPE_BAD_LENGTH); "
				+ "metadata.level: Value must be an integer. (APPLICATION_ROLE_CONNECTION_METADATA_VALUE_INVALID)");
	}

	@Test
	void anErrorOfTheWholeBodyHasNoPath() {
		assertThat(render(leaf("BASE_TYPE_MAX_LENGTH", "Must be 5 or fewer in length.")))
			.isEqualTo("(body): Must be 5 or fewer in length. (BASE_TYPE_MAX_LENGTH)");
	}

	@Test
	void valuesQuotedInAMessageAreMasked() {
		String json = "{\"after\":" + leaf("NUMBER_TYPE_COERCE", "Value \\\"secret-looking-value\\\" is not snowflake.")
				+ "}";
		assertThat(render(json)).isEqualTo("after: Value \"...\" is not snowflake. (NUMBER_TYPE_COERCE)")
			.doesNotContain("secret-looking-value");
	}

	@Test
	void controlCharactersAndOddNamesCannotForgeTheLine() {
		String json = "{\"na me\\n\":" + leaf("CODE; x", "line one\\nline two\\t end") + "}";
		assertThat(render(json)).isEqualTo("na?me?: line one line two end (CODE??x)");
	}

	@Test
	void longMessagesAreCutAndOnlyTheFirstLeavesShown() {
		StringBuilder json = new StringBuilder("{");
		for (int i = 0; i < 12; i++) {
			json.append((i > 0) ? "," : "")
				.append("\"field")
				.append(i)
				.append("\":")
				.append(leaf("BASE_TYPE_BAD_LENGTH", "x".repeat(500)));
		}
		String line = render(json.append("}").toString());
		assertThat(line).hasSizeLessThanOrEqualTo(FieldErrors.MAX_CHARS + "; and 12 more".length())
			.startsWith("field0: " + "x".repeat(FieldErrors.MAX_MESSAGE_CHARS - 3) + "... (BASE_TYPE_BAD_LENGTH)")
			.doesNotContain("x".repeat(FieldErrors.MAX_MESSAGE_CHARS))
			.endsWith(" more");
		int shown = line.split("; field").length;
		assertThat(line).endsWith("; and " + (12 - shown) + " more");
		assertThat(shown).isBetween(1, FieldErrors.MAX_LEAVES);
	}

	@Test
	void leavesBeyondTheLimitAreCounted() {
		StringBuilder json = new StringBuilder("{");
		for (int i = 0; i < FieldErrors.MAX_LEAVES + 2; i++) {
			json.append((i > 0) ? "," : "").append("\"f").append(i).append("\":").append(leaf("C", "m"));
		}
		String line = render(json.append("}").toString());
		assertThat(line).startsWith("f0: m (C); f1: m (C)")
			.contains("f" + (FieldErrors.MAX_LEAVES - 1) + ": m (C)")
			.doesNotContain("f" + FieldErrors.MAX_LEAVES + ":")
			.endsWith("; and 2 more");
	}

	@Test
	void somethingThatIsNotDiscordsShapeRendersNothing() {
		assertThat(render("{\"field\":\"just text\",\"list\":[1,2]}")).isEmpty();
		assertThat(render("[1,2]")).isEmpty();
		assertThat(render("{\"field\":{\"_errors\":[\"not an object\"]}}")).isEqualTo("field: no message");
	}

}
