package io.github.discordoauth2;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.StringJoiner;

import org.jspecify.annotations.Nullable;

/**
 * Writes an {@link AuthorizationRequest} as a URL of Discord's authorize page (see
 * Discord's "OAuth2" documentation page), with the parameters in a stable order and
 * spaces as {@code %20}.
 */
final class AuthorizeUris {

	private AuthorizeUris() {
	}

	/**
	 * @param endpoint the authorize page, {@code {baseUrl}/oauth2/authorize}
	 * @param clientId the application id
	 * @param clientRedirectUri the client's redirect URI, or {@code null}
	 * @param request what to ask for
	 * @return the URL
	 */
	static URI of(String endpoint, long clientId, @Nullable String clientRedirectUri, AuthorizationRequest request) {
		StringBuilder url = new StringBuilder(endpoint);
		url.append("?client_id=").append(Long.toUnsignedString(clientId));
		if (!request.isPlainBotInvite()) {
			// A plain invite has neither: with them, Discord would send the person to
			// the login callback after adding the bot.
			url.append("&response_type=").append(encode(request.responseType()));
			String redirect = request.redirectUri().orElse(clientRedirectUri);
			if (redirect != null) {
				url.append("&redirect_uri=").append(encode(redirect));
			}
		}
		StringJoiner scopes = new StringJoiner("%20");
		request.scopes().forEach((scope) -> scopes.add(encode(scope)));
		url.append("&scope=").append(scopes);
		request.state().ifPresent((state) -> url.append("&state=").append(encode(state)));
		request.prompt().ifPresent((prompt) -> url.append("&prompt=").append(prompt.value()));
		request.integrationType().ifPresent((type) -> url.append("&integration_type=").append(type.value()));
		request.permissions()
			.ifPresent((permissions) -> url.append("&permissions=").append(Long.toUnsignedString(permissions)));
		request.guildId().ifPresent((guildId) -> url.append("&guild_id=").append(Long.toUnsignedString(guildId)));
		request.disableGuildSelect().ifPresent((disable) -> url.append("&disable_guild_select=").append(disable));
		request.codeChallenge()
			.ifPresent((challenge) -> url.append("&code_challenge=")
				.append(encode(challenge))
				.append("&code_challenge_method=")
				.append(Pkce.METHOD));
		return URI.create(url.toString());
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
	}

}
