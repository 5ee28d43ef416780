package io.github.discordoauth2.security;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;

import io.github.discordoauth2.AccessToken;
import io.github.discordoauth2.Client;
import io.github.discordoauth2.exceptions.HttpException;
import io.github.discordoauth2.exceptions.InvalidGrantException;
import io.github.discordoauth2.exceptions.RateLimitedException;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.converter.FormHttpMessageConverter;
import org.springframework.security.oauth2.client.http.OAuth2ErrorResponseErrorHandler;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.endpoint.OAuth2AccessTokenResponse;
import org.springframework.security.oauth2.core.http.converter.OAuth2AccessTokenResponseHttpMessageConverter;
import org.springframework.web.client.RestClient;

/**
 * Translates between the core's {@link AccessToken} and Spring Security's token response,
 * and between the core's exceptions and {@link OAuth2AuthorizationException}.
 *
 */
final class DiscordTokenResponses {

	/**
	 * Additional parameter carrying the core {@link AccessToken} from the token exchange
	 * to the user service (Spring Security hands additional parameters to
	 * {@code OAuth2UserRequest}).
	 */
	static final String ACCESS_TOKEN_PARAMETER = AccessToken.class.getName();

	/**
	 * Additional parameter with the typed {@code Guild} of a bot authorization.
	 */
	static final String GUILD_PARAMETER = "guild";

	/**
	 * Additional parameter with the typed {@code Webhook} of a {@code webhook.incoming}
	 * authorization.
	 */
	static final String WEBHOOK_PARAMETER = "webhook";

	private static final String INVALID_TOKEN_RESPONSE = "invalid_token_response";

	private DiscordTokenResponses() {
	}

	static OAuth2AccessTokenResponse toTokenResponse(AccessToken token) {
		Map<String, Object> additional = new LinkedHashMap<>();
		additional.put(ACCESS_TOKEN_PARAMETER, token);
		token.guild().ifPresent((guild) -> additional.put(GUILD_PARAMETER, guild));
		token.webhook().ifPresent((webhook) -> additional.put(WEBHOOK_PARAMETER, webhook));
		OAuth2AccessTokenResponse.Builder builder = OAuth2AccessTokenResponse.withToken(token.token())
			.tokenType(OAuth2AccessToken.TokenType.BEARER)
			.scopes(new LinkedHashSet<>(token.scopes()))
			.additionalParameters(additional);
		Instant expiresAt = token.expiresAt();
		if (expiresAt != null) {
			// Spring stores issuedAt + expiresIn; at least one second so that Spring
			// keeps an expiry at all.
			builder.expiresIn(Math.max(1, Duration.between(Instant.now(), expiresAt).toSeconds()));
		}
		if (token.refreshToken() != null) {
			builder.refreshToken(token.refreshToken());
		}
		return builder.build();
	}

	/**
	 * The HTTP client of Spring Security's token response clients (form out, token
	 * response in, OAuth2 errors decoded), with Discord's User-Agent, for a Discord
	 * registration the core client does not stand for.
	 */
	static RestClient restClient() {
		return RestClient.builder()
			.configureMessageConverters((converters) -> converters.configureMessageConvertersList((list) -> {
				list.clear();
				list.add(new FormHttpMessageConverter());
				list.add(new OAuth2AccessTokenResponseHttpMessageConverter());
			}))
			.defaultStatusHandler(new OAuth2ErrorResponseErrorHandler())
			.defaultHeader(HttpHeaders.USER_AGENT, Client.userAgent())
			.build();
	}

	static OAuth2AuthorizationException toAuthorizationException(RuntimeException ex, String grant) {
		return new OAuth2AuthorizationException(toError(ex, grant), ex);
	}

	private static OAuth2Error toError(RuntimeException ex, String grant) {
		if (ex instanceof InvalidGrantException) {
			return new OAuth2Error(OAuth2ErrorCodes.INVALID_GRANT,
					"Discord refused the " + grant + " (invalid_grant): the user must authorize again", null);
		}
		if (ex instanceof RateLimitedException rateLimited) {
			return new OAuth2Error(OAuth2ErrorCodes.TEMPORARILY_UNAVAILABLE,
					"Discord rate-limited the " + grant + "; retry after " + rateLimited.retryAfter(), null);
		}
		if (ex instanceof HttpException http) {
			String error = http.error();
			if (error != null && !error.isBlank()) {
				return new OAuth2Error(error, describe(grant, http.status(), http.errorDescription()), null);
			}
			return new OAuth2Error(INVALID_TOKEN_RESPONSE, describe(grant, http.status(), http.discordMessage()), null);
		}
		return new OAuth2Error(INVALID_TOKEN_RESPONSE,
				"The " + grant + " with Discord failed: " + ex.getClass().getSimpleName(), null);
	}

	private static String describe(String grant, int status, @Nullable String detail) {
		String text = "Discord answered the " + grant + " with HTTP " + status;
		return (detail != null && !detail.isBlank()) ? text + ": " + detail : text;
	}

}
