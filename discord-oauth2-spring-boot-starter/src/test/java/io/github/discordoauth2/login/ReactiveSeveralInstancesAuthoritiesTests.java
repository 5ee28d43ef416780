package io.github.discordoauth2.login;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.github.discordoauth2.support.BlockHoundSupport;
import io.github.discordoauth2.support.EmbeddedPostgresSupport;
import io.github.discordoauth2.test.DemoData;
import io.github.discordoauth2.test.FakeDiscord;
import io.github.discordoauth2.test.RecordedRequest;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.session.MapSession;
import org.springframework.session.ReactiveMapSessionRepository;
import org.springframework.session.ReactiveSessionRepository;
import org.springframework.session.Session;
import org.springframework.session.config.annotation.web.server.EnableSpringWebSession;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two instances of one WebFlux application share their web sessions (Spring Session,
 * through a store that keeps each session Java-serialized, as Redis with the JDK
 * serializer would) and the JDBC token store on PostgreSQL: a role taken away at Discord
 * is seen on the other instance after the interval, without a new login and with one call
 * to Discord; a user who leaves the server is logged out on both. Under BlockHound.
 */
@Tag("reactive")
class ReactiveSeveralInstancesAuthoritiesTests {

	static {
		BlockHoundSupport.install();
	}

	private static final Map<String, Session> SESSIONS = new SerializedSessions();

	private static EmbeddedPostgres postgres;

	private static FakeDiscord discord;

	private static ConfigurableApplicationContext a;

	private static ConfigurableApplicationContext b;

	@BeforeAll
	static void start() {
		postgres = EmbeddedPostgresSupport.start();
		discord = FakeDiscord.builder().demoData().allowLoopbackRedirects(true).autoApprove(true).start();
		a = instance();
		b = instance();
	}

	@AfterAll
	static void stop() throws Exception {
		for (ConfigurableApplicationContext context : new ConfigurableApplicationContext[] { a, b }) {
			if (context != null) {
				context.close();
			}
		}
		if (discord != null) {
			discord.close();
		}
		if (postgres != null) {
			postgres.close();
		}
	}

	@Test
	void aRoleTakenAwayIsSeenOnTheOtherInstanceAndLeavingEndsTheSessionEverywhere() {
		TestBrowser moderator = new TestBrowser();
		discord.actAs(DemoData.USER_ID);
		assertThat(moderator.follow(url(a, "/moderators")).body()).isEqualTo("moderators");
		assertThat(moderator.get(url(b, "/moderators")).statusCode()).as("B, same session").isEqualTo(200);

		discord.guild(GuildAuthoritiesContract.GUILD)
			.member(DemoData.USER_ID)
			.revokeRole(GuildAuthoritiesContract.MODERATOR);
		ReactiveGuildsTestApplication.CLOCK.advance(GuildAuthoritiesContract.INTERVAL);
		discord.clearJournal();

		assertThat(moderator.get(url(b, "/moderators")).statusCode()).as("B checks and refuses").isEqualTo(403);
		assertThat(moderator.get(url(a, "/moderators")).statusCode()).as("A reads B's check from the session")
			.isEqualTo(403);
		assertThat(discord.journal()).as("one check for both instances, and no new login")
			.extracting(RecordedRequest::path)
			.containsExactly(GuildAuthoritiesContract.MEMBER_ROUTE);

		discord.guild(GuildAuthoritiesContract.GUILD).removeMember(DemoData.USER_ID);
		ReactiveGuildsTestApplication.CLOCK.advance(GuildAuthoritiesContract.INTERVAL);

		HttpResponse<String> page = moderator.follow(url(a, "/authorities"));
		assertThat(page.uri().getPath()).isEqualTo("/login");
		assertThat(page.body())
			.contains("You are no longer a member of the Discord server " + GuildAuthoritiesContract.GUILD);
		HttpResponse<String> onB = moderator.get(url(b, "/authorities"));
		assertThat(onB.statusCode()).as("the session is gone on B too").isEqualTo(302);
		assertThat(URI.create(onB.headers().firstValue("Location").orElseThrow()).getPath())
			.isEqualTo("/oauth2/authorization/discord");
	}

	private static ConfigurableApplicationContext instance() {
		return new SpringApplicationBuilder(ReactiveGuildsTestApplication.class, SharedSessions.class)
			.properties(Map.ofEntries(Map.entry("server.port", "0"),
					Map.entry("spring.datasource.url", postgres.getJdbcUrl("postgres", "postgres")),
					Map.entry("discord.oauth2.token-store.initialize-schema", "always"),
					Map.entry("discord.oauth2.base-url", discord.baseUrl()),
					Map.entry("discord.oauth2.client-id", Long.toString(discord.clientId())),
					Map.entry("discord.oauth2.client-secret", discord.clientSecret()),
					Map.entry("discord.oauth2.scopes", "identify,guilds.members.read"),
					Map.entry("discord.oauth2.authorities.guilds", Long.toString(GuildAuthoritiesContract.GUILD)),
					Map.entry("discord.oauth2.authorities.roles." + GuildAuthoritiesContract.MODERATOR,
							"ROLE_MODERATOR"),
					Map.entry("discord.oauth2.login.required-guilds", Long.toString(GuildAuthoritiesContract.GUILD))))
			.run();
	}

	private static String url(ConfigurableApplicationContext instance, String path) {
		return "http://localhost:" + ((WebServerApplicationContext) instance).getWebServer().getPort() + path;
	}

	/** Both instances' web sessions in one store, as Spring Session with Redis. */
	@Configuration(proxyBeanMethods = false)
	@EnableSpringWebSession
	static class SharedSessions {

		@Bean
		ReactiveSessionRepository<MapSession> sessionRepository() {
			return new ReactiveMapSessionRepository(SESSIONS);
		}

	}

	/**
	 * Keeps every session as bytes and hands out a fresh copy, so that nothing passes
	 * between the instances but what survives Java serialization.
	 */
	@SuppressWarnings("serial")
	private static final class SerializedSessions extends ConcurrentHashMap<String, Session> {

		private final Map<String, byte[]> bytes = new ConcurrentHashMap<>();

		@Override
		public @Nullable Session put(String id, Session session) {
			this.bytes.put(id, write(session));
			return null;
		}

		@Override
		public @Nullable Session get(Object id) {
			byte[] stored = this.bytes.get(id);
			return (stored != null) ? read(stored) : null;
		}

		@Override
		public @Nullable Session remove(Object id) {
			this.bytes.remove(id);
			return null;
		}

		private static byte[] write(Session session) {
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			try (ObjectOutputStream objects = new ObjectOutputStream(out)) {
				objects.writeObject(session);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			return out.toByteArray();
		}

		private static Session read(byte[] stored) {
			try (ObjectInputStream objects = new ObjectInputStream(new ByteArrayInputStream(stored))) {
				return (Session) objects.readObject();
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			catch (ClassNotFoundException ex) {
				throw new IllegalStateException(ex);
			}
		}

	}

}
