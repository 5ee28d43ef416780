package io.github.discordoauth2.autoconfigure;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;

/**
 * Stops startup when {@code AccessToken} arguments could not be resolved because there is
 * no unique {@link OAuth2AuthorizedClientManager}, instead of failing every such request
 * with HTTP 500. Runs once every singleton exists, as Spring Security registers its
 * default manager late.
 */
final class AuthorizedClientManagerCheck implements SmartInitializingSingleton {

	private final ObjectProvider<OAuth2AuthorizedClientManager> managers;

	AuthorizedClientManagerCheck(ObjectProvider<OAuth2AuthorizedClientManager> managers) {
		this.managers = managers;
	}

	@Override
	public void afterSingletonsInstantiated() {
		if (this.managers.getIfUnique() == null) {
			long count = this.managers.stream().count();
			throw new DiscordOAuth2SetupException(
					"Controller arguments of type AccessToken need one OAuth2AuthorizedClientManager, but the "
							+ "application has " + ((count == 0) ? "none" : count + " and none is @Primary") + ".",
					(count == 0)
							? "Define an OAuth2AuthorizedClientManager bean, or keep Spring Security's default by "
									+ "defining a ClientRegistrationRepository and an OAuth2AuthorizedClientRepository."
							: "Mark the OAuth2AuthorizedClientManager to use for Discord @Primary, or keep only one.");
		}
	}

}
