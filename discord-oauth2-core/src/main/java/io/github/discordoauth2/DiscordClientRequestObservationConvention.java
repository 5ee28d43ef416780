package io.github.discordoauth2;

import java.net.URI;

import io.micrometer.common.KeyValue;

import org.springframework.http.client.observation.ClientHttpObservationDocumentation;
import org.springframework.http.client.observation.ClientRequestObservationContext;
import org.springframework.http.client.observation.DefaultClientRequestObservationConvention;

/**
 * Spring's {@code http.client.requests} observation for calls to Discord, with the route
 * template as {@code uri} (for example
 * {@code /api/v10/guilds/{guild_id}/members/{user_id}}) and in {@code http.url}: the core
 * sends finished URIs, whose ids would otherwise end up in tags or be reduced to
 * {@code none}. Numeric path segments (snowflakes) are named after the segment before
 * them; the query is left out. Tokens never travel in URIs.
 */
final class DiscordClientRequestObservationConvention extends DefaultClientRequestObservationConvention {

	@Override
	protected KeyValue uri(ClientRequestObservationContext context) {
		if (context.getUriTemplate() != null || context.getCarrier() == null) {
			return super.uri(context);
		}
		return KeyValue.of(ClientHttpObservationDocumentation.LowCardinalityKeyNames.URI,
				template(context.getCarrier().getURI().getRawPath()));
	}

	@Override
	protected KeyValue requestUri(ClientRequestObservationContext context) {
		if (context.getUriTemplate() != null || context.getCarrier() == null) {
			return super.requestUri(context);
		}
		URI uri = context.getCarrier().getURI();
		String origin = uri.getScheme() + "://" + uri.getRawAuthority();
		return KeyValue.of(ClientHttpObservationDocumentation.HighCardinalityKeyNames.HTTP_URL,
				origin + template(uri.getRawPath()));
	}

	/**
	 * The route template of a request path.
	 * @param path the raw path, for example {@code /api/v10/users/@me/guilds/123/member}
	 * @return for example {@code /api/v10/users/@me/guilds/{guild_id}/member}
	 */
	static String template(String path) {
		String[] segments = path.split("/", -1);
		StringBuilder template = new StringBuilder();
		for (int i = 0; i < segments.length; i++) {
			if (i > 0) {
				template.append('/');
			}
			String segment = segments[i];
			template.append(isSnowflake(segment) ? "{" + name(segments[i - 1]) + "}" : segment);
		}
		return template.toString();
	}

	private static boolean isSnowflake(String segment) {
		return !segment.isEmpty() && segment.chars().allMatch(Character::isDigit);
	}

	private static String name(String previous) {
		switch (previous) {
			case "guilds":
				return "guild_id";
			case "members":
			case "users":
				return "user_id";
			case "applications":
				return "application_id";
			case "channels":
				return "channel_id";
			case "roles":
				return "role_id";
			default:
				return "id";
		}
	}

}
