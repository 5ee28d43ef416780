-- Job leases (DiscordJobLeases): which instance runs a named job, such as a nightly linked-roles sync, and until
-- when. Times are epoch milliseconds, so that no time zone or SQL dialect enters. The same SQL for PostgreSQL,
-- MySQL, MariaDB and H2, created only if missing, like the token table.
CREATE TABLE IF NOT EXISTS discord_job_lease (
  job_name varchar(200) NOT NULL,
  locked_until bigint NOT NULL,
  locked_at bigint NOT NULL,
  locked_by varchar(255) NOT NULL,
  PRIMARY KEY (job_name)
);
