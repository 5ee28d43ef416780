package io.github.discordoauth2.model;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What an access token grants ({@code GET /oauth2/@me}); useful to check a stored token.
 *
 * @param application the application the token belongs to
 * @param scopes the scopes the user granted
 * @param expires when the token expires
 * @param user the user, present only with the {@code identify} scope
 * @since 0.1.0
 */
public record AuthorizationInfo(Application application, List<String> scopes, Instant expires, @Nullable User user) {

	/**
	 * Normalises a missing scope list to an empty one.
	 * @param application the application the token belongs to
	 * @param scopes the scopes the user granted
	 * @param expires when the token expires
	 * @param user the user, present only with the {@code identify} scope
	 */
	public AuthorizationInfo {
		scopes = (scopes != null) ? List.copyOf(scopes) : List.of();
	}

}
