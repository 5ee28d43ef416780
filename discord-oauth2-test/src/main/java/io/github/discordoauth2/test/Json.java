package io.github.discordoauth2.test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * The fake's one JSON mapper; bodies are read into plain maps and lists so the fake sees
 * what Discord sees.
 */
final class Json {

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private Json() {
	}

	/** Serialises a map/list/scalar tree. */
	static String write(@Nullable Object value) {
		return MAPPER.writeValueAsString(value);
	}

	/** Parses any JSON text; throws Jackson's unchecked exception on malformed input. */
	static @Nullable Object parse(String text) {
		return MAPPER.readValue(text, Object.class);
	}

	/**
	 * A small ordered-map builder, because Discord's JSON reads best in its documented
	 * field order.
	 */
	static Obj obj() {
		return new Obj();
	}

	/** Ordered JSON object under construction. */
	static final class Obj extends LinkedHashMap<String, @Nullable Object> {

		private static final long serialVersionUID = 1L;

		Obj with(String key, @Nullable Object value) {
			put(key, value);
			return this;
		}

	}

	static List<Object> list() {
		return new ArrayList<>();
	}

	@SuppressWarnings("unchecked")
	static @Nullable Map<String, @Nullable Object> asObject(@Nullable Object value) {
		return value instanceof Map<?, ?> ? (Map<String, @Nullable Object>) value : null;
	}

}
