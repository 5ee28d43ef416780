package io.github.discordoauth2;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;

import io.github.discordoauth2.exceptions.HttpException;
import io.github.discordoauth2.model.Guild;
import io.github.discordoauth2.model.Webhook;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Reads the token endpoint's answer (RFC 6749 section 5.1, plus Discord's
 * {@code webhook}, {@code guild} and {@code id_token} extras) into an
 * {@link AccessToken}. Nothing of the body is ever quoted in an exception: it holds the
 * new tokens.
 */
final class TokenResponses {

	private TokenResponses() {
	}

	/**
	 * @param client the client the token belongs to
	 * @param request the token request that was answered
	 * @param response its 2xx answer
	 * @param receivedAt when the answer arrived, the base of the expiry
	 * @return the token
	 * @throws HttpException when the answer is not a token response
	 */
	static AccessToken read(Client client, DiscordRequest request, DiscordResponse response, Instant receivedAt) {
		JsonNode node = object(request, response);
		String accessToken = DiscordJson.text(node, "access_token");
		if (accessToken == null || accessToken.isBlank()) {
			throw DiscordErrors.unreadableTokenResponse(request, response, "token response with an access_token");
		}
		String tokenType = DiscordJson.text(node, "token_type");
		Set<String> scopes = new LinkedHashSet<>();
		String scope = DiscordJson.text(node, "scope");
		if (scope != null) {
			for (String part : scope.trim().split("\\s+")) {
				if (!part.isEmpty()) {
					scopes.add(part);
				}
			}
		}
		return new AccessToken(client, accessToken, (tokenType != null) ? tokenType : "Bearer",
				DiscordJson.text(node, "refresh_token"), expiresAt(receivedAt, node.get("expires_in")), scopes,
				part(request, response, node, "webhook", Webhook.class),
				part(request, response, node, "guild", Guild.class), DiscordJson.text(node, "id_token"));
	}

	/**
	 * Turns {@code expires_in} into an absolute expiry, clamped to [0,
	 * {@link AccessToken#MAX_EXPIRES_IN}]: a negative value means "expired on arrival",
	 * and a value beyond a year (Discord's tokens last 7 days) would overflow
	 * {@link Instant} or keep a dead token for ever.
	 * @return the expiry, or {@code null} when the answer has no numeric
	 * {@code expires_in}
	 */
	static @Nullable Instant expiresAt(Instant receivedAt, @Nullable JsonNode expiresIn) {
		if (expiresIn == null || !expiresIn.isNumber()) {
			return null;
		}
		double seconds = expiresIn.asDouble();
		if (Double.isNaN(seconds) || seconds <= 0) {
			return receivedAt;
		}
		long max = AccessToken.MAX_EXPIRES_IN.toSeconds();
		return receivedAt.plus(Duration.ofSeconds((seconds >= max) ? max : (long) seconds));
	}

	private static JsonNode object(DiscordRequest request, DiscordResponse response) {
		try {
			JsonNode node = response.isBlank() ? null : DiscordJson.tree(response.body());
			if (node != null && node.isObject()) {
				return node;
			}
		}
		catch (JacksonException ex) {
			// Reported below, without the body.
		}
		throw DiscordErrors.unreadableTokenResponse(request, response, "JSON token response");
	}

	private static <T> @Nullable T part(DiscordRequest request, DiscordResponse response, JsonNode node, String field,
			Class<T> type) {
		JsonNode part = node.get(field);
		if (part == null || !part.isObject()) {
			return null;
		}
		try {
			return DiscordJson.convert(part, type);
		}
		catch (JacksonException | IllegalArgumentException ex) {
			throw DiscordErrors.unreadableTokenResponse(request, response, type.getSimpleName() + " in " + field);
		}
	}

}
