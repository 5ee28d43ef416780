package io.github.discordoauth2.support;

import reactor.blockhound.BlockHound;

/**
 * BlockHound for the WebFlux tests, installed once per JVM (the reactive surefire
 * execution runs them in a JVM of their own): any blocking call on a Reactor or Netty
 * thread, such as the JDBC token store read on an event loop, fails the test that made it
 * with a {@code BlockingOperationError}.
 */
public final class BlockHoundSupport {

	static {
		// Spring Security draws the OAuth2 state, nonce and PKCE verifier from
		// SecureRandom, whose NativePRNG reads /dev/urandom, which never waits once the
		// kernel's pool is seeded: not a blocking call of ours, and one every WebFlux
		// application with oauth2Login() makes.
		BlockHound.install((builder) -> builder.allowBlockingCallsInside("java.security.SecureRandom", "nextBytes"));
	}

	private BlockHoundSupport() {
	}

	/** Makes sure BlockHound is installed; call it from every reactive test class. */
	public static void install() {
		// The static initialiser did it.
	}

}
