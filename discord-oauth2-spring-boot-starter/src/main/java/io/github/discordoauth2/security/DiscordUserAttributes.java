package io.github.discordoauth2.security;

import java.util.LinkedHashMap;
import java.util.Map;

import io.github.discordoauth2.model.User;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/**
 * Converts a core {@link User} to Spring Security's attribute map (Discord's JSON field
 * names and shapes: {@code global_name}, the {@code id} as a string) and back.
 *
 */
final class DiscordUserAttributes {

	private static final JsonMapper MAPPER = JsonMapper.builder()
		.propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.build();

	private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
	};

	private DiscordUserAttributes() {
	}

	static Map<String, Object> toAttributes(User user) {
		Map<String, Object> attributes = new LinkedHashMap<>();
		// Discord sends snowflakes as strings; keep that shape for code written against
		// the JSON.
		attributes.put(DiscordClientRegistrations.USER_NAME_ATTRIBUTE, Long.toString(user.id()));
		MAPPER.convertValue(user, MAP).forEach((key, value) -> {
			if (value != null) {
				attributes.putIfAbsent(key, value);
			}
		});
		return attributes;
	}

	static User toUser(Map<String, Object> attributes) {
		return MAPPER.convertValue(attributes, User.class);
	}

}
