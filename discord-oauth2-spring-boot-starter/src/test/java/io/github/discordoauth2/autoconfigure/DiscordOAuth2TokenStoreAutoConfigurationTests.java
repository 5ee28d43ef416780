package io.github.discordoauth2.autoconfigure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import io.github.discordoauth2.autoconfigure.servlet.DiscordOAuth2AuthorizedClientAutoConfiguration;
import io.github.discordoauth2.autoconfigure.servlet.DiscordOAuth2LoginAutoConfiguration;
import io.github.discordoauth2.autoconfigure.servlet.DiscordOAuth2WebMvcAutoConfiguration;
import io.github.discordoauth2.autoconfigure.servlet.DiscordOAuth2WebSecurityAutoConfiguration;
import io.github.discordoauth2.security.DiscordOAuth2AuthorizedClientManager;
import io.github.discordoauth2.security.tokens.DiscordLogoutAction;
import io.github.discordoauth2.security.tokens.DiscordTokenStore;
import io.github.discordoauth2.security.tokens.DiscordTokens;
import io.github.discordoauth2.security.tokens.InMemoryDiscordTokenStore;
import io.github.discordoauth2.security.tokens.JdbcDiscordTokenStore;
import io.github.discordoauth2.security.web.DiscordOAuth2AuthorizedClientRepository;
import io.github.discordoauth2.security.web.DiscordTokensLogoutHandler;
import io.github.discordoauth2.support.EmbeddedPostgresSupport;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.security.oauth2.client.autoconfigure.OAuth2ClientAutoConfiguration;
import org.springframework.boot.security.oauth2.client.autoconfigure.servlet.OAuth2ClientWebSecurityAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableWebApplicationContext;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Specification of {@link DiscordOAuth2TokenStoreAutoConfiguration}: which store, and
 * Spring Security's service, repository and manager built on it.
 */
@ExtendWith(OutputCaptureExtension.class)
class DiscordOAuth2TokenStoreAutoConfigurationTests {

	private static final String[] DISCORD = { "discord.oauth2.client-id=1100000000000000001",
			"discord.oauth2.client-secret=s3cret", "discord.oauth2.base-url=http://127.0.0.1:8090" };

	private static final String FIRST_KEY = "q6iLSObxLKlH3GMgS6ONxwJbmgJzJmLwZ0vJVEn5Zy4=";

	private static final String SECOND_KEY = "mR0yWbuN2hmS0w3V0Jv6m8V3XGjkE1wq8Qn6r1tLk2A=";

	private static final AutoConfigurations ALL = AutoConfigurations.of(DiscordOAuth2ClientAutoConfiguration.class,
			DiscordOAuth2LoginAutoConfiguration.class, DiscordOAuth2TokenStoreAutoConfiguration.class,
			DiscordOAuth2AuthorizedClientAutoConfiguration.class, DiscordOAuth2WebSecurityAutoConfiguration.class,
			DiscordOAuth2WebMvcAutoConfiguration.class, SecurityAutoConfiguration.class,
			ServletWebSecurityAutoConfiguration.class, OAuth2ClientAutoConfiguration.class,
			OAuth2ClientWebSecurityAutoConfiguration.class);

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner().withConfiguration(ALL)
		.withPropertyValues(DISCORD);

	@Test
	void withoutDataSourceTokensAreKeptInMemoryAndTheLogSaysWhy(CapturedOutput output) {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(InMemoryDiscordTokenStore.class);
			assertThat(context).hasSingleBean(OAuth2AuthorizedClientService.class);
			assertThat(context.getBean(OAuth2AuthorizedClientService.class))
				.isSameAs(context.getBean(DiscordTokenStore.class));
			assertThat(context.getBean(OAuth2AuthorizedClientRepository.class))
				.isInstanceOf(DiscordOAuth2AuthorizedClientRepository.class);
			assertThat(context.getBean(OAuth2AuthorizedClientManager.class))
				.isInstanceOf(DiscordOAuth2AuthorizedClientManager.class);
			assertThat(context).hasSingleBean(DiscordTokens.class);
			assertThat(context.getBean(DiscordTokensLogoutHandler.class).action()).isEqualTo(DiscordLogoutAction.KEEP);
		});
		assertThat(output).contains("Discord tokens are kept in memory")
			.contains("because the application has no DataSource");
	}

	@Test
	void withDataSourceTokensGoToItsDatabaseWhoseTableIsCreatedWhenEmbedded(CapturedOutput output) {
		this.contextRunner.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class))
			.withPropertyValues("spring.datasource.url=jdbc:h2:mem:store-embedded;DB_CLOSE_DELAY=-1")
			.run((context) -> {
				assertThat(context).hasSingleBean(JdbcDiscordTokenStore.class);
				assertThat(context.getBean(OAuth2AuthorizedClientService.class))
					.isSameAs(context.getBean(JdbcDiscordTokenStore.class));
				JdbcTemplate jdbc = new JdbcTemplate(context.getBean(javax.sql.DataSource.class));
				assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM oauth2_authorized_client", Integer.class))
					.isZero();
			});
		assertThat(output).contains("Discord tokens are stored in the application's database")
			.contains("because the application has a DataSource");
	}

	@Test
	void memoryCanBeChosenDespiteADataSource() {
		this.contextRunner.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class))
			.withPropertyValues("spring.datasource.url=jdbc:h2:mem:store-memory;DB_CLOSE_DELAY=-1",
					"discord.oauth2.token-store.type=memory")
			.run((context) -> assertThat(context).hasSingleBean(InMemoryDiscordTokenStore.class));
	}

	@Test
	void initializeSchemaNeverLeavesTheDatabaseAloneAndStopsStartupWithoutTheTables() {
		this.contextRunner.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class))
			.withPropertyValues("spring.datasource.url=jdbc:h2:mem:store-never;DB_CLOSE_DELAY=-1",
					"discord.oauth2.token-store.initialize-schema=never")
			.run((context) -> {
				assertStartupFailsNamingInitializeSchema(context, "is never",
						"oauth2_authorized_client, discord_account_link, discord_job_lease");
				JdbcTemplate jdbc = new JdbcTemplate(
						new DriverManagerDataSource("jdbc:h2:mem:store-never;DB_CLOSE_DELAY=-1", "sa", ""));
				assertThat(jdbc.queryForObject(
						"SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES WHERE LOWER(TABLE_NAME) = 'oauth2_authorized_client'",
						Integer.class))
					.isZero();
			});
	}

	@Test
	void initializeSchemaNeverStartsOnTheTablesTheApplicationCreated() {
		String url = "jdbc:h2:mem:store-own-tables;DB_CLOSE_DELAY=-1";
		createTablesAsTheApplicationWould(url);
		this.contextRunner.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class))
			.withPropertyValues("spring.datasource.url=" + url, "discord.oauth2.token-store.initialize-schema=never")
			.run((context) -> {
				assertThat(context).hasNotFailed().hasSingleBean(JdbcDiscordTokenStore.class);
				JdbcTemplate jdbc = new JdbcTemplate(context.getBean(javax.sql.DataSource.class));
				assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM oauth2_authorized_client", Integer.class))
					.isEqualTo(1);
			});
	}

	@Test
	void missingTablesInAFileBasedH2StopStartupNamingTheSettingAndTheScripts(@TempDir Path directory) {
		String url = "jdbc:h2:file:" + directory.resolve("app").toAbsolutePath();
		this.contextRunner.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class))
			.withPropertyValues("spring.datasource.url=" + url)
			.run((context) -> assertStartupFailsNamingInitializeSchema(context, "is embedded (the default)",
					"oauth2_authorized_client, discord_account_link, discord_job_lease"));
		// The fix the report names.
		this.contextRunner.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class))
			.withPropertyValues("spring.datasource.url=" + url, "discord.oauth2.token-store.initialize-schema=always")
			.run((context) -> assertThat(context).hasNotFailed().hasSingleBean(JdbcDiscordTokenStore.class));
	}

	@Test
	void missingTablesInPostgresqlStopStartupNamingTheSettingAndTheScripts() throws Exception {
		try (EmbeddedPostgres postgres = EmbeddedPostgresSupport.start()) {
			String url = postgres.getJdbcUrl("postgres", "postgres");
			// An application that created the token table by hand, before links and
			// leases
			// existed.
			new JdbcTemplate(postgres.getPostgresDatabase()).execute(new String(
					new ClassPathResource("io/github/discordoauth2/security/tokens/token-store-schema-postgresql.sql")
						.getContentAsByteArray(),
					StandardCharsets.UTF_8));
			this.contextRunner.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class))
				.withPropertyValues("spring.datasource.url=" + url, "spring.datasource.username=postgres",
						"spring.datasource.password=postgres")
				.run((context) -> assertStartupFailsNamingInitializeSchema(context, "is embedded (the default)",
						"discord_account_link, discord_job_lease"));
			this.contextRunner.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class))
				.withPropertyValues("spring.datasource.url=" + url, "spring.datasource.username=postgres",
						"spring.datasource.password=postgres", "discord.oauth2.token-store.initialize-schema=always")
				.run((context) -> assertThat(context).hasNotFailed().hasSingleBean(JdbcDiscordTokenStore.class));
		}
	}

	@Test
	void jdbcWithoutDataSourceFailsNamingTheProperty() {
		this.contextRunner.withPropertyValues("discord.oauth2.token-store.type=jdbc").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("discord.oauth2.token-store.type")
				.hasMessageContaining("type=memory");
		});
	}

	private static void assertStartupFailsNamingInitializeSchema(AssertableWebApplicationContext context,
			String setting, String missingTables) {
		assertThat(context).hasFailed();
		Throwable failure = context.getStartupFailure();
		assertThat(failure).rootCause()
			.isInstanceOf(DiscordOAuth2ConfigurationException.class)
			.hasMessageContaining("discord.oauth2.token-store.initialize-schema")
			.hasMessageContaining("has no table " + missingTables + " ");
		FailureAnalysis analysis = new DiscordOAuth2FailureAnalyzer().analyze(failure);
		assertThat(analysis.getDescription())
			.startsWith("Discord OAuth2 is misconfigured: the property 'discord.oauth2.token-store.initialize-schema' "
					+ setting);
		assertThat(analysis.getAction()).contains("discord.oauth2.token-store.initialize-schema=always")
			.contains("io/github/discordoauth2/security/tokens/token-store-schema-");
	}

	private static void createTablesAsTheApplicationWould(String url) {
		DriverManagerDataSource dataSource = new DriverManagerDataSource(url, "sa", "");
		JdbcTemplate jdbc = new JdbcTemplate(dataSource);
		for (String script : List.of("blob", "links", "lease")) {
			try {
				jdbc.execute(new String(new ClassPathResource(
						"io/github/discordoauth2/security/tokens/token-store-schema-" + script + ".sql")
					.getContentAsByteArray(), StandardCharsets.UTF_8));
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
		jdbc.update("INSERT INTO oauth2_authorized_client (client_registration_id, principal_name, access_token_type, "
				+ "access_token_value, access_token_issued_at, access_token_expires_at) "
				+ "VALUES ('other', 'someone', 'Bearer', X'00', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)");
	}

	@Test
	void onLogoutFollowsTheOlderRevokeProperty() {
		this.contextRunner.withPropertyValues("discord.oauth2.login.revoke-on-logout=true")
			.run((context) -> assertThat(context.getBean(DiscordTokensLogoutHandler.class).action())
				.isEqualTo(DiscordLogoutAction.REVOKE));
		this.contextRunner
			.withPropertyValues("discord.oauth2.login.revoke-on-logout=true",
					"discord.oauth2.token-store.on-logout=remove")
			.run((context) -> assertThat(context.getBean(DiscordTokensLogoutHandler.class).action())
				.isEqualTo(DiscordLogoutAction.REMOVE));
	}

	@Test
	void withoutAnEncryptionKeyTheJdbcStoreWarnsOnceThatTokensAreStoredInClear(CapturedOutput output) {
		this.contextRunner.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class))
			.withPropertyValues("spring.datasource.url=jdbc:h2:mem:store-clear;DB_CLOSE_DELAY=-1")
			.run((context) -> assertThat(context).hasSingleBean(JdbcDiscordTokenStore.class));
		assertThat(output).containsOnlyOnce("tokens are stored in clear")
			.contains("discord.oauth2.token-store.encryption.key");
	}

	@Test
	void storedTokensTheConfiguredKeysCannotReadStopStartupNamingTheProperty(CapturedOutput output) {
		WebApplicationContextRunner database = this.contextRunner
			.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class))
			.withPropertyValues("spring.datasource.url=jdbc:h2:mem:store-keys;DB_CLOSE_DELAY=-1");
		database.withPropertyValues("discord.oauth2.token-store.encryption.key=" + FIRST_KEY).run((context) -> {
			assertThat(output).doesNotContain("tokens are stored in clear");
			ClientRegistration discord = context.getBean(ClientRegistrationRepository.class)
				.findByRegistrationId("discord");
			Instant now = Instant.now();
			context.getBean(DiscordTokenStore.class)
				.save(new OAuth2AuthorizedClient(discord, "1100000000000000011",
						new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, "access", now, now.plusSeconds(60)),
						new OAuth2RefreshToken("refresh", now)), 1100000000000000011L);
		});

		// A new key without the old one.
		database
			.withPropertyValues("discord.oauth2.token-store.encryption.key=" + SECOND_KEY,
					"discord.oauth2.token-store.encryption.key-id=2")
			.run((context) -> assertFailsNaming(context, "discord.oauth2.token-store.encryption.old-keys.1"));
		// The old one under the old id, but not the right key.
		database.withPropertyValues("discord.oauth2.token-store.encryption.key=" + SECOND_KEY)
			.run((context) -> assertFailsNaming(context, "discord.oauth2.token-store.encryption.key"));
		// Encryption turned off with encrypted tokens in the table.
		database.run((context) -> assertFailsNaming(context, "discord.oauth2.token-store.encryption.key"));
		// With the old key listed, it starts.
		database
			.withPropertyValues("discord.oauth2.token-store.encryption.key=" + SECOND_KEY,
					"discord.oauth2.token-store.encryption.key-id=2",
					"discord.oauth2.token-store.encryption.old-keys.1=" + FIRST_KEY)
			.run((context) -> assertThat(context.getBean(DiscordTokenStore.class)
				.load("discord", 1100000000000000011L)
				.getAccessToken()
				.getTokenValue()).isEqualTo("access"));
	}

	@Test
	void aKeyThatIsNotAnAesKeyStopsStartupWithoutShowingIt() {
		WebApplicationContextRunner database = this.contextRunner
			.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class))
			.withPropertyValues("spring.datasource.url=jdbc:h2:mem:store-bad-key;DB_CLOSE_DELAY=-1");
		database.withPropertyValues("discord.oauth2.token-store.encryption.key=not base64!")
			.run((context) -> assertFailsNaming(context, "discord.oauth2.token-store.encryption.key"));
		database.withPropertyValues("discord.oauth2.token-store.encryption.key=c2hvcnQ=").run((context) -> {
			assertFailsNaming(context, "discord.oauth2.token-store.encryption.key");
			assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("5 bytes long")
				.hasMessageNotContaining("c2hvcnQ=");
		});
	}

	private static void assertFailsNaming(AssertableWebApplicationContext context, String property) {
		assertThat(context).hasFailed();
		FailureAnalysis analysis = new DiscordOAuth2FailureAnalyzer().analyze(context.getStartupFailure());
		assertThat(analysis).as("failure analysis").isNotNull();
		assertThat(analysis.getDescription()).contains(property);
		assertThat(analysis.getDescription()).doesNotContain(FIRST_KEY).doesNotContain(SECOND_KEY);
	}

}
