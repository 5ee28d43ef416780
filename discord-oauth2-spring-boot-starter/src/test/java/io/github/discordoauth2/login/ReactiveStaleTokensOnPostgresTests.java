package io.github.discordoauth2.login;

import io.github.discordoauth2.support.BlockHoundSupport;
import org.junit.jupiter.api.Tag;

import org.springframework.boot.WebApplicationType;

/**
 * {@link StaleTokensOnPostgresContract} on WebFlux, under BlockHound: a copy served from
 * memory never blocks an event loop, a store read never runs on one.
 */
@Tag("reactive")
class ReactiveStaleTokensOnPostgresTests extends StaleTokensOnPostgresContract {

	static {
		BlockHoundSupport.install();
	}

	@Override
	Class<?> application() {
		return ReactiveLoginTestApplication.class;
	}

	@Override
	WebApplicationType stack() {
		return WebApplicationType.REACTIVE;
	}

}
