-- Account linking (DiscordAccountLinks): the Discord user ID a local account (form login, another provider)
-- connected. The same SQL for PostgreSQL, MySQL, MariaDB and H2, created only if missing, like the token table.
CREATE TABLE IF NOT EXISTS discord_account_link (
  client_registration_id varchar(100) NOT NULL,
  account_key varchar(300) NOT NULL,
  discord_user_id bigint NOT NULL,
  created_at timestamp DEFAULT CURRENT_TIMESTAMP NOT NULL,
  PRIMARY KEY (client_registration_id, account_key)
);
