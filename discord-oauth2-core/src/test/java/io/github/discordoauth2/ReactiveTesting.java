package io.github.discordoauth2;

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

	/** Makes sure BlockHound is installed; call it from every reactive test class. */
	static void installBlockHound() {
		// The static initialiser did it.
	}

}
