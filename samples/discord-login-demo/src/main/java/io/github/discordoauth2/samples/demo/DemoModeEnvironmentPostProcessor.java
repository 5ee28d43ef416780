package io.github.discordoauth2.samples.demo;

import java.util.LinkedHashMap;
import java.util.Map;

import io.github.discordoauth2.test.DemoData;
import io.github.discordoauth2.test.FakeDiscord;
import org.apache.commons.logging.Log;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.bootstrap.ConfigurableBootstrapContext;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Decides between demo mode and Discord mode before the starter binds
 * {@code discord.oauth2.*}.
 *
 * <p>
 * Without a {@code discord.oauth2.client-id} (in {@code application.yml}, from
 * {@code DISCORD_CLIENT_ID}, or any other property source) it starts an embedded
 * FakeDiscord seeded with {@link DemoData} and points the starter's base URL, client id,
 * secret and bot token at it. The fake is closed with the application context. With a
 * client id it only logs that the app talks to Discord. It runs after
 * {@code application.yml} has been loaded, so that settings there count.
 */
public final class DemoModeEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	/** Name of the property source that carries the demo-mode settings. */
	public static final String PROPERTY_SOURCE_NAME = "discordDemoMode";

	/** Name of the singleton bean under which the embedded FakeDiscord is registered. */
	public static final String FAKE_DISCORD_BEAN = "embeddedFakeDiscord";

	private static final String CLIENT_ID = "discord.oauth2.client-id";

	private static final String REFRESH_INTERVAL = "discord.oauth2.authorities.refresh-interval";

	private final Log log;

	private final ConfigurableBootstrapContext bootstrapContext;

	/**
	 * Called by Spring Boot, which hands in a deferred log (logging is not set up yet)
	 * and the bootstrap context (the bridge to the application context that will be
	 * created).
	 * @param logFactory factory for logs that are replayed once logging is ready
	 * @param bootstrapContext the bootstrap context of this run
	 */
	public DemoModeEnvironmentPostProcessor(DeferredLogFactory logFactory,
			ConfigurableBootstrapContext bootstrapContext) {
		this.log = logFactory.getLog(DemoModeEnvironmentPostProcessor.class);
		this.bootstrapContext = bootstrapContext;
	}

	@Override
	public int getOrder() {
		return ConfigDataEnvironmentPostProcessor.ORDER + 1;
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (environment.getPropertySources().contains(PROPERTY_SOURCE_NAME)) {
			return;
		}
		String appUrl = "http://localhost:" + environment.getProperty("server.port", "8080");
		String clientId = environment.getProperty(CLIENT_ID);
		if (clientId != null && !clientId.isBlank()) {
			logDiscordMode(environment, clientId.strip(), appUrl);
			Map<String, Object> authorities = guildAuthorities(environment.getProperty("demo.members-guild-id"),
					environment.getProperty("demo.moderator-role-id"));
			if (!authorities.isEmpty()) {
				environment.getPropertySources()
					.addLast(new MapPropertySource(PROPERTY_SOURCE_NAME + "Authorities", authorities));
			}
			return;
		}
		boolean autoApprove = environment.getProperty("demo.auto-approve", Boolean.class, false);
		int port = environment.getProperty("demo.fake-discord-port", Integer.class, 0);
		FakeDiscord fake = FakeDiscord.builder()
			.demoData()
			.applicationName("discord-oauth2 demo")
			// The app's port is only known later (and is random in tests): accept any
			// loopback callback.
			.allowLoopbackRedirects(true)
			.autoApprove(autoApprove)
			.port(port)
			.start();
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("discord.oauth2.base-url", fake.baseUrl());
		properties.put(CLIENT_ID, String.valueOf(fake.clientId()));
		properties.put("discord.oauth2.client-secret", fake.clientSecret());
		properties.put("discord.oauth2.bot-token", fake.botToken());
		properties.put("demo.embedded", "true");
		properties.put("demo.discord-url", fake.baseUrl());
		if (isBlank(environment.getProperty("demo.join-guild-id"))) {
			properties.put("demo.join-guild-id", String.valueOf(DemoData.JOIN_GUILD_ID));
			properties.put("demo.join-guild-name", DemoData.JOIN_GUILD_NAME);
		}
		// The members and moderators pages: FakeDiscord's "Java Friends", where the demo
		// user holds the Moderator role, which the members page can take away and give
		// back. A short interval, so that a visitor sees access end and come back.
		if (isBlank(environment.getProperty("demo.members-guild-id"))) {
			properties.put("demo.members-guild-id", String.valueOf(DemoData.MEMBER_GUILD_ID));
			properties.put("demo.members-guild-name", DemoData.MEMBER_GUILD_NAME);
			properties.put("demo.moderator-role-id", String.valueOf(DemoData.MODERATOR_ROLE_ID));
		}
		if (!environment.containsProperty(REFRESH_INTERVAL)) {
			properties.put(REFRESH_INTERVAL, "10s");
		}
		properties.putAll(guildAuthorities(
				properties.getOrDefault("demo.members-guild-id", environment.getProperty("demo.members-guild-id")),
				properties.getOrDefault("demo.moderator-role-id", environment.getProperty("demo.moderator-role-id"))));
		environment.getPropertySources().addFirst(new MapPropertySource(PROPERTY_SOURCE_NAME, properties));
		closeWithContext(fake);
		this.log.info(("""

				======================================================================
				 DEMO MODE: no discord.oauth2.client-id is configured, so this app talks
				 to an embedded FakeDiscord at %s (no Discord account or
				 internet needed; its consent screen stands in for Discord's).
				 Open %s and click "Login with Discord".
				 To use the real Discord instead, set DISCORD_CLIENT_ID and
				 DISCORD_CLIENT_SECRET (plus DISCORD_BOT_TOKEN and DISCORD_GUILD_ID for
				 "join our server" and linked roles) and register the redirect
				 %s/login/oauth2/code/discord in the Developer Portal
				 (the local demo account exists only in demo mode).
				======================================================================""").formatted(fake.baseUrl(),
				appUrl, appUrl));
	}

	private void logDiscordMode(ConfigurableEnvironment environment, String clientId, String appUrl) {
		String baseUrl = environment.getProperty("discord.oauth2.base-url", "https://discord.com");
		environment.getPropertySources()
			.addLast(new MapPropertySource(PROPERTY_SOURCE_NAME, Map.of("demo.discord-url", baseUrl)));
		boolean botToken = !isBlank(environment.getProperty("discord.oauth2.bot-token"));
		this.log.info(("""

				======================================================================
				 DISCORD MODE: client id %s, talking to %s.
				 Redirect URI to register in the Developer Portal:
				 %s/login/oauth2/code/discord
				 Bot token: %s. Unset DISCORD_CLIENT_ID to go back to demo mode.
				======================================================================""").formatted(clientId, baseUrl,
				appUrl, botToken ? "set" : "not set (\"join our server\" and linked-roles registration are off;"
						+ " set DISCORD_BOT_TOKEN)"));
	}

	/**
	 * The demo's members server and moderator role as the starter's authorities
	 * properties, in either mode: the server's membership becomes
	 * {@code DISCORD_GUILD_<id>}, the role {@code ROLE_MODERATOR}.
	 */
	private static Map<String, Object> guildAuthorities(@Nullable Object guild, @Nullable Object role) {
		Map<String, Object> authorities = new LinkedHashMap<>();
		if (guild != null && !isBlank(guild.toString())) {
			authorities.put("discord.oauth2.authorities.guilds", guild.toString().strip());
			if (role != null && !isBlank(role.toString())) {
				authorities.put("discord.oauth2.authorities.roles." + role.toString().strip(), "ROLE_MODERATOR");
			}
		}
		return authorities;
	}

	/**
	 * Ties the fake's life to the application context: registered as a disposable
	 * singleton it is closed on a normal shutdown and also when the context fails to
	 * start.
	 */
	private void closeWithContext(FakeDiscord fake) {
		this.bootstrapContext.addCloseListener(event -> {
			var beanFactory = event.getApplicationContext().getBeanFactory();
			beanFactory.registerSingleton(FAKE_DISCORD_BEAN, fake);
			if (beanFactory instanceof DefaultListableBeanFactory registry) {
				registry.registerDisposableBean(FAKE_DISCORD_BEAN, fake::close);
			}
		});
	}

	private static boolean isBlank(@Nullable String value) {
		return value == null || value.isBlank();
	}

}
