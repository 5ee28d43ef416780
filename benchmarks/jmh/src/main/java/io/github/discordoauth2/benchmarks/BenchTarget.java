package io.github.discordoauth2.benchmarks;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/**
 * Where the benchmarks send their requests and what they send; shared by every variant.
 */
final class BenchTarget {

	/**
	 * Base URL of the static server (nginx started by run.sh); override with
	 * BENCH_BASE_URL.
	 */
	static final String BASE_URL = envOr("BENCH_BASE_URL", "http://127.0.0.1:18089");

	static final String PATH = "/api/v10/users/@me";

	static final String URL = BASE_URL + PATH;

	/**
	 * Not a real token: nginx does not check it, but every variant sends it like a real
	 * call.
	 */
	static final String TOKEN = "bench-access-token";

	static final String USER_AGENT = "DiscordBot (https://github.com/discord-oauth2/discord-oauth2-java, 0.1.0)";

	/** Set up like the core's own mapper: snake_case, unknown fields ignored. */
	static final JsonMapper MAPPER = JsonMapper.builder()
		.propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.build();

	private BenchTarget() {
	}

	private static String envOr(String name, String fallback) {
		String value = System.getenv(name);
		return value == null || value.isBlank() ? fallback : value;
	}

}
