package io.github.discordoauth2;

import java.time.Duration;

import io.github.discordoauth2.test.DemoData;
import io.github.discordoauth2.test.FakeDiscord;
import reactor.blockhound.BlockHound;

/**
 * What every test of the reactive road shares: BlockHound, installed once per JVM, so
 * that any blocking call on a Reactor thread (an event loop, a timer) fails the test that
 * made it with a {@code BlockingOperationError}.
 */
final class ReactiveTesting {

	static {
		BlockHound.install();
	}

	private ReactiveTesting() {
	}

	/** How long a test waits for an outcome before it fails; never a measured time. */
	static final Duration TIMEOUT = Duration.ofSeconds(30);

	/** Makes sure BlockHound is installed; call it from every reactive test class. */
	static void installBlockHound() {
		// The static initialiser did it.
	}

	/**
	 * @return a client builder for the fake's application: id, secret, the demo redirect
	 * URI and the fake's base URL
	 */
	static Client.Builder clientFor(FakeDiscord fake) {
		return Client.builder()
			.clientId(fake.clientId())
			.clientSecret(fake.clientSecret())
			.redirectUri(DemoData.REDIRECT_URI)
			.baseUrl(fake.baseUrl());
	}

	/**
	 * @return how many requests of this method whose path ends so the fake received
	 */
	static long sent(FakeDiscord fake, String method, String path) {
		return fake.journal().stream().filter((r) -> r.method().equals(method) && r.path().endsWith(path)).count();
	}

}
