package io.github.discordoauth2;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/**
 * The core's own JSON mapping, set up for Discord (snake_case, unknown fields ignored).
 * It is never the application's mapper, so an app's Jackson settings cannot change how
 * Discord's answers are read.
 */
final class DiscordJson {

	/** Immutable and thread-safe; shared by every client. */
	static final JsonMapper MAPPER = JsonMapper.builder()
		.propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
		.changeDefaultPropertyInclusion(
				(inclusion) -> JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, JsonInclude.Include.NON_NULL))
		.build();

	private DiscordJson() {
	}

	static JsonNode tree(byte[] body) {
		return MAPPER.readTree(body);
	}

	static <T> T read(byte[] body, Class<T> type) {
		return MAPPER.readValue(body, type);
	}

	static <T> List<T> readList(byte[] body, Class<T> elementType) {
		JavaType type = MAPPER.getTypeFactory().constructCollectionType(List.class, elementType);
		return MAPPER.readValue(body, type);
	}

	static <T> T convert(JsonNode node, Class<T> type) {
		return MAPPER.treeToValue(node, type);
	}

	@SuppressWarnings("unchecked")
	static Map<String, Object> toMap(JsonNode node) {
		return MAPPER.convertValue(node, Map.class);
	}

	static byte[] write(Object value) {
		return MAPPER.writeValueAsBytes(value);
	}

	/**
	 * @return the field as text when it is a string or number, else {@code null}
	 */
	static @Nullable String text(JsonNode node, String field) {
		JsonNode value = node.get(field);
		if (value == null || value.isNull() || value.isContainer()) {
			return null;
		}
		return value.asString();
	}

}
