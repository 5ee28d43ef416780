package io.github.discordoauth2.autoconfigure;

import java.util.ArrayList;
import java.util.List;

import io.github.discordoauth2.Client;
import io.github.discordoauth2.Prompt;
import io.github.discordoauth2.security.DiscordClientRegistrations;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.security.oauth2.client.autoconfigure.OAuth2ClientProperties;
import org.springframework.boot.security.oauth2.client.autoconfigure.OAuth2ClientPropertiesMapper;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The Discord {@link ClientRegistration} from {@code discord.oauth2.*} and the list of
 * registrations beside it, the same for the servlet and the reactive login, so that both
 * stacks read the properties one way.
 * <p>
 * Public only for the starter's stack-specific auto-configurations; not an API to build
 * on.
 *
 * @since 0.1.0
 */
public final class DiscordRegistrations {

	private static final Log logger = LogFactory.getLog(DiscordRegistrations.class);

	private DiscordRegistrations() {
	}

	/**
	 * The registration bean: the core one, after saying at startup why PKCE is off when
	 * it is.
	 * @param client the core client
	 * @param properties the {@code discord.oauth2.*} properties
	 * @return the Discord registration
	 */
	public static ClientRegistration discordClientRegistration(Client client, DiscordOAuth2Properties properties) {
		if (properties.isPkceOffForRoleConnectionsWrite()) {
			logger.info("PKCE is off for the Discord login: discord.oauth2.scopes asks for role_connections.write, "
					+ "which Discord refuses together with PKCE (error=invalid_scope). Set discord.oauth2.pkce=false "
					+ "to say so explicitly.");
		}
		return coreRegistration(client, properties);
	}

	/**
	 * The registration the core client stands for, from {@code discord.oauth2.*}.
	 * Discord's {@code prompt} is part of its authorization URI, so that every
	 * authorization request resolver (the default one under any {@code baseUri}, or the
	 * application's own) sends it.
	 * @param client the core client
	 * @param properties the {@code discord.oauth2.*} properties
	 * @return the Discord registration
	 */
	public static ClientRegistration coreRegistration(Client client, DiscordOAuth2Properties properties) {
		Prompt prompt = properties.getPrompt();
		ClientRegistration.Builder builder = DiscordClientRegistrations.discord(properties.getRegistrationId(), client)
			.clientSecret(properties.clientSecretStripped())
			.redirectUri(properties.getRedirectUri().strip())
			.scope(properties.scopeList())
			.clientSettings(ClientRegistration.ClientSettings.builder().requireProofKey(properties.usePkce()).build());
		if (prompt != null) {
			builder.authorizationUri(UriComponentsBuilder.fromUri(client.authorizationEndpoint())
				.queryParam("prompt", prompt.value())
				.build()
				.toUriString());
		}
		return builder.build();
	}

	/**
	 * Discord first, then every registration of {@code spring.security.oauth2.client.*}
	 * (mapped by Boot's own mapper); Discord configured in both places stops startup.
	 * @param discordClientRegistration the Discord registration
	 * @param oauth2ClientProperties Boot's {@code spring.security.oauth2.client.*}
	 * properties
	 * @return every registration, Discord's first
	 */
	public static List<ClientRegistration> withOthers(ClientRegistration discordClientRegistration,
			OAuth2ClientProperties oauth2ClientProperties) {
		List<ClientRegistration> registrations = new ArrayList<>();
		registrations.add(discordClientRegistration);
		String discordId = discordClientRegistration.getRegistrationId();
		new OAuth2ClientPropertiesMapper(oauth2ClientProperties).asClientRegistrations().forEach((id, registration) -> {
			if (id.equals(discordId)) {
				throw new DiscordOAuth2ConfigurationException(DiscordOAuth2Properties.PREFIX + ".registration-id",
						"is '" + id + "', which spring.security.oauth2.client.registration." + id + " also defines",
						"Configure Discord either under discord.oauth2.* or under "
								+ "spring.security.oauth2.client.registration." + id + ", not both; to keep "
								+ "both logins, set " + DiscordOAuth2Properties.PREFIX
								+ ".registration-id to another name.");
			}
			registrations.add(registration);
		});
		return registrations;
	}

}
