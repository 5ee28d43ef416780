package io.github.discordoauth2.autoconfigure;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;

/**
 * Stops startup when {@code AccessToken} (or, in a WebFlux application,
 * {@code ReactiveAccessToken}) arguments could not be resolved because there is no unique
 * authorized client manager ({@link OAuth2AuthorizedClientManager} or its reactive twin),
 * instead of failing every such request with HTTP 500. Runs once every singleton exists,
 * as Spring Security registers its default manager late.
 * <p>
 * Public only for the starter's stack-specific auto-configurations; not an API to build
 * on.
 *
 * @since 0.1.0
 */
public final class AuthorizedClientManagerCheck implements SmartInitializingSingleton {

	private final ObjectProvider<?> managers;

	private final String tokenType;

	private final String managerType;

	private final String fixWhenNone;

	/**
	 * The check for {@code AccessToken} arguments in a servlet application.
	 * @param managers the application's {@link OAuth2AuthorizedClientManager} beans
	 */
	public AuthorizedClientManagerCheck(ObjectProvider<OAuth2AuthorizedClientManager> managers) {
		this(managers, "AccessToken", "OAuth2AuthorizedClientManager",
				"Define an OAuth2AuthorizedClientManager bean, or keep Spring Security's default by defining a "
						+ "ClientRegistrationRepository and an OAuth2AuthorizedClientRepository.");
	}

	/**
	 * The check for any token argument type.
	 * @param managers the application's authorized client managers of that stack
	 * @param tokenType the simple name of the controller argument type, for the message
	 * @param managerType the simple name of the manager type, for the message
	 * @param fixWhenNone the advice when the application has no manager
	 */
	public AuthorizedClientManagerCheck(ObjectProvider<?> managers, String tokenType, String managerType,
			String fixWhenNone) {
		this.managers = managers;
		this.tokenType = tokenType;
		this.managerType = managerType;
		this.fixWhenNone = fixWhenNone;
	}

	@Override
	public void afterSingletonsInstantiated() {
		if (this.managers.getIfUnique() == null) {
			long count = this.managers.stream().count();
			String type = this.managerType;
			throw new DiscordOAuth2SetupException(
					"Controller arguments of type " + this.tokenType + " need one " + type + ", but the "
							+ "application has " + ((count == 0) ? "none" : count + " and none is @Primary") + ".",
					(count == 0) ? this.fixWhenNone
							: "Mark the " + type + " to use for Discord @Primary, or keep only one.");
		}
	}

}
