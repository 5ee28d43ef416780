package io.github.discordoauth2.autoconfigure;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;

/**
 * Stops the startup of a web application (servlet or reactive) that set
 * {@code discord.oauth2.client-id} (so wants "Login with Discord", unless
 * {@code discord.oauth2.login.enabled=false}) but has no Spring Security: the starter
 * does not bring Spring Security itself, as it would switch on Boot's default login for
 * every page of an application that has not set a client id at all.
 *
 * @since 0.1.0
 */
@AutoConfiguration
@ConditionalOnWebApplication
@ConditionalOnDiscordClientId
@ConditionalOnBooleanProperty(name = DiscordOAuth2Properties.PREFIX + ".login.enabled", matchIfMissing = true)
@ConditionalOnMissingClass(DiscordOAuth2LoginPrerequisitesAutoConfiguration.BOOT_SECURITY)
public final class DiscordOAuth2LoginPrerequisitesAutoConfiguration {

	/**
	 * Spring Boot's security auto-configuration, present with
	 * {@code spring-boot-starter-security(-oauth2-client)}.
	 */
	public static final String BOOT_SECURITY = "org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration";

	DiscordOAuth2LoginPrerequisitesAutoConfiguration() {
		throw new DiscordOAuth2ConfigurationException(DiscordOAuth2Properties.PREFIX + ".login.enabled",
				"is true (the default), but Spring Security is not on the class path",
				"For \"Login with Discord\", add the dependency "
						+ "org.springframework.boot:spring-boot-starter-security-oauth2-client; to use only the "
						+ "Client bean, set " + DiscordOAuth2Properties.PREFIX + ".login.enabled=false.");
	}

}
