package io.github.discordoauth2.samples.webflux;

import java.util.Map;

import io.github.discordoauth2.test.FakeDiscord;
import org.apache.commons.logging.Log;

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
 * Without a {@code discord.oauth2.client-id}, starts an embedded FakeDiscord with its
 * demo data and points the starter at it, so the demo runs with no Discord application
 * and no network; the fake is a bean (for tests) closed with the context. With a client
 * id the app talks to Discord.
 */
public final class FakeDiscordDemoMode implements EnvironmentPostProcessor, Ordered {

	/** Name of the singleton bean under which the embedded FakeDiscord is registered. */
	public static final String FAKE_DISCORD_BEAN = "embeddedFakeDiscord";

	private static final String SOURCE = "discordWebFluxDemoMode";

	private final Log log;

	private final ConfigurableBootstrapContext bootstrapContext;

	/**
	 * Called by Spring Boot.
	 * @param logFactory factory for logs that are replayed once logging is ready
	 * @param bootstrapContext the bootstrap context of this run
	 */
	public FakeDiscordDemoMode(DeferredLogFactory logFactory, ConfigurableBootstrapContext bootstrapContext) {
		this.log = logFactory.getLog(FakeDiscordDemoMode.class);
		this.bootstrapContext = bootstrapContext;
	}

	@Override
	public int getOrder() {
		// After application.yml, so that a client id set there counts.
		return ConfigDataEnvironmentPostProcessor.ORDER + 1;
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		String clientId = environment.getProperty("discord.oauth2.client-id");
		if (environment.getPropertySources().contains(SOURCE) || (clientId != null && !clientId.isBlank())) {
			return;
		}
		FakeDiscord fake = FakeDiscord.builder()
			.demoData()
			.applicationName("discord-oauth2 WebFlux demo")
			// The app's port is random in tests: accept any loopback callback.
			.allowLoopbackRedirects(true)
			.autoApprove(environment.getProperty("demo.auto-approve", Boolean.class, false))
			.start();
		environment.getPropertySources()
			.addFirst(new MapPropertySource(SOURCE,
					Map.of("discord.oauth2.base-url", fake.baseUrl(), "discord.oauth2.client-id",
							String.valueOf(fake.clientId()), "discord.oauth2.client-secret", fake.clientSecret())));
		this.bootstrapContext.addCloseListener((event) -> {
			var beanFactory = event.getApplicationContext().getBeanFactory();
			beanFactory.registerSingleton(FAKE_DISCORD_BEAN, fake);
			if (beanFactory instanceof DefaultListableBeanFactory registry) {
				registry.registerDisposableBean(FAKE_DISCORD_BEAN, fake::close);
			}
		});
		this.log.info("DEMO MODE: no discord.oauth2.client-id, so this app talks to an embedded FakeDiscord at "
				+ fake.baseUrl() + ". Open http://localhost:" + environment.getProperty("server.port", "8080")
				+ " and click \"Login with Discord\".");
	}

}
