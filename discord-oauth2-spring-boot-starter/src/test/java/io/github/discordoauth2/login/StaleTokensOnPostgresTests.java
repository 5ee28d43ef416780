package io.github.discordoauth2.login;

import org.springframework.boot.WebApplicationType;

/**
 * {@link StaleTokensOnPostgresContract} on Spring MVC.
 */
class StaleTokensOnPostgresTests extends StaleTokensOnPostgresContract {

	@Override
	Class<?> application() {
		return LoginTestApplication.class;
	}

	@Override
	WebApplicationType stack() {
		return WebApplicationType.SERVLET;
	}

}
