package io.github.discordoauth2.security;

import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.util.Assert;

/**
 * Adds Discord's {@code prompt} parameter to the authorize URL of the Discord
 * registration, for
 * {@link DefaultOAuth2AuthorizationRequestResolver#setAuthorizationRequestCustomizer(Consumer)}.
 * Authorization requests of other registrations are left alone. (PKCE needs no
 * customizer: the registration asks for it through
 * {@code ClientSettings.requireProofKey}.)
 *
 */
public final class DiscordAuthorizationRequestCustomizer implements Consumer<OAuth2AuthorizationRequest.Builder> {

	private static final String PROMPT = "prompt";

	private final String registrationId;

	private final @Nullable String prompt;

	/**
	 * Creates the customizer.
	 * @param registrationId the ID of the Discord registration, e.g. {@code discord}
	 * @param prompt Discord's {@code prompt} value ({@code consent} or {@code none}), or
	 * {@code null} to leave Discord's default
	 */
	public DiscordAuthorizationRequestCustomizer(String registrationId, @Nullable String prompt) {
		Assert.hasText(registrationId, "registrationId must not be empty");
		this.registrationId = registrationId;
		this.prompt = prompt;
	}

	@Override
	public void accept(OAuth2AuthorizationRequest.Builder builder) {
		String value = this.prompt;
		if (value == null) {
			return;
		}
		builder.attributes((attributes) -> {
			if (this.registrationId.equals(attributes.get(OAuth2ParameterNames.REGISTRATION_ID))) {
				builder.additionalParameters((parameters) -> parameters.put(PROMPT, value));
			}
		});
	}

}
