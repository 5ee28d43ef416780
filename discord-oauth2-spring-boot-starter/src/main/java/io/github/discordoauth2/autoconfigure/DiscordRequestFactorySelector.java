package io.github.discordoauth2.autoconfigure;

import java.time.Duration;

import io.github.discordoauth2.Client;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.autoconfigure.ClientHttpRequestFactoryBuilderCustomizer;
import org.springframework.boot.http.client.autoconfigure.imperative.ImperativeHttpClientsProperties;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

/**
 * Picks the request factory of the {@code Client} bean when the application has Spring
 * Boot's {@code RestClient.Builder}.
 *
 * <p>
 * Boot's builder, when the application picked no factory, takes the first HTTP library it
 * finds on the class path, and falls back to the JDK's {@code HttpClient}. For Discord's
 * small keep-alive calls that fallback costs several times the CPU of
 * {@code HttpURLConnection} (see BENCHMARKS.md, "The Client bean in a Spring Boot app"),
 * so the Discord client then uses the core's {@code HttpURLConnection} factory,
 * {@link io.github.discordoauth2.support.UrlConnectionRequestFactory}, instead, built
 * from the application's own {@link HttpClientSettings} (spring.http.clients.*: timeouts,
 * redirects, SSL bundle) by {@link UrlConnectionFactoryBuilder}. It does so when Boot
 * found HttpComponents on the class path too: the core's factory measured cheaper, and
 * HttpClient's own repeats of 429 and 503 answers would go behind the core's rate
 * limiter. A timeout the settings leave open gets the core's default (10 s to connect, 30
 * s to read), so that a Discord call never waits forever.
 *
 * <p>
 * A factory the application chose explicitly stays: {@code
 * spring.http.clients.imperative.factory}, its own
 * {@link ClientHttpRequestFactoryBuilder} bean or customizers of Boot's one, its own
 * {@link ClientHttpRequestFactory} bean, or its own {@code RestClient.Builder} bean. A
 * factory that a {@code RestClientCustomizer} sets cannot be seen (the builder has no
 * getter) and is replaced too. The {@code discord.oauth2.http.*} timeouts replace those
 * two values of the settings and nothing else.
 */
final class DiscordRequestFactorySelector {

	private static final String BOOT_HTTP_CLIENT_CONFIGURATION = "org.springframework.boot.http.client.autoconfigure.imperative.ImperativeHttpClientAutoConfiguration";

	private static final String BOOT_REST_CLIENT_CONFIGURATION = "org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration";

	private final ConfigurableListableBeanFactory beanFactory;

	@SuppressWarnings("rawtypes")
	private final ObjectProvider<ClientHttpRequestFactoryBuilder> factoryBuilder;

	private final ObjectProvider<HttpClientSettings> settings;

	private final ObjectProvider<ImperativeHttpClientsProperties> clientsProperties;

	@SuppressWarnings("rawtypes")
	private final ObjectProvider<ClientHttpRequestFactoryBuilderCustomizer> factoryBuilderCustomizers;

	/**
	 * Creates a selector; only called when Boot's HTTP client support is on the class
	 * path (it comes with spring-boot-restclient).
	 * @param beanFactory the application's bean factory
	 */
	DiscordRequestFactorySelector(ConfigurableListableBeanFactory beanFactory) {
		this.beanFactory = beanFactory;
		this.factoryBuilder = beanFactory.getBeanProvider(ClientHttpRequestFactoryBuilder.class);
		this.settings = beanFactory.getBeanProvider(HttpClientSettings.class);
		this.clientsProperties = beanFactory.getBeanProvider(ImperativeHttpClientsProperties.class);
		this.factoryBuilderCustomizers = beanFactory.getBeanProvider(ClientHttpRequestFactoryBuilderCustomizer.class);
	}

	/**
	 * Returns the request factory to set on (a clone of) the application's
	 * {@code RestClient.Builder}, or {@code null} when the builder's own factory is the
	 * right one.
	 * @param http the {@code discord.oauth2.http.*} properties
	 * @return the factory for the Discord client, or {@code null} to keep the builder's
	 */
	@Nullable ClientHttpRequestFactory select(DiscordOAuth2Properties.Http http) {
		Duration connectTimeout = http.getConnectTimeout();
		Duration readTimeout = http.getReadTimeout();
		boolean timeoutsSet = connectTimeout != null || readTimeout != null;
		String ownFactory = applicationBean(ClientHttpRequestFactory.class, BOOT_HTTP_CLIENT_CONFIGURATION);
		if (ownFactory != null) {
			if (timeoutsSet) {
				// A finished factory has no timeouts to replace without changing it for
				// everyone else who uses it.
				throw new DiscordOAuth2ConfigurationException(
						DiscordOAuth2Properties.PREFIX + ".http."
								+ ((connectTimeout != null) ? "connect-timeout" : "read-timeout"),
						"cannot be applied to the application's own ClientHttpRequestFactory bean '" + ownFactory + "'",
						"Set the timeout on that factory, or declare a ClientHttpRequestFactoryBuilder bean instead "
								+ "of the factory, or remove " + DiscordOAuth2Properties.PREFIX + ".http.*.");
			}
			return this.beanFactory.getBean(ownFactory, ClientHttpRequestFactory.class);
		}
		boolean factoryChosen = factoryChosenByApplication();
		if (!timeoutsSet && (factoryChosen
				|| applicationBean(RestClient.Builder.class, BOOT_REST_CLIENT_CONFIGURATION) != null)) {
			// The application's builder already holds the factory it asked for.
			return null;
		}
		ClientHttpRequestFactoryBuilder<?> chosen = factoryChosen ? this.factoryBuilder.getIfAvailable() : null;
		ClientHttpRequestFactoryBuilder<?> builder = (chosen != null) ? chosen : measuredFastest();
		HttpClientSettings clientSettings = this.settings.getIfAvailable(HttpClientSettings::defaults);
		// Boot leaves both timeouts open by default; a hung call would hold its thread
		// for good.
		clientSettings = clientSettings.withTimeouts(
				firstSet(connectTimeout, clientSettings.connectTimeout(), Client.DEFAULT_CONNECT_TIMEOUT),
				firstSet(readTimeout, clientSettings.readTimeout(), Client.DEFAULT_READ_TIMEOUT));
		return builder.build(clientSettings);
	}

	/**
	 * The factory for an application that chose none: the core's HttpURLConnection
	 * factory. It cost the least CPU per call of every factory measured, at 1 and 8
	 * threads, HttpComponents with a larger pool included, and about a tenth of the JDK
	 * HttpClient that Boot falls back to (BENCHMARKS.md, section 4).
	 */
	private ClientHttpRequestFactoryBuilder<?> measuredFastest() {
		return new UrlConnectionFactoryBuilder();
	}

	private static Duration firstSet(@Nullable Duration discord, @Nullable Duration application, Duration core) {
		return (discord != null) ? discord : (application != null) ? application : core;
	}

	private boolean factoryChosenByApplication() {
		ImperativeHttpClientsProperties properties = this.clientsProperties.getIfAvailable();
		return (properties != null && properties.getFactory() != null)
				|| applicationBean(ClientHttpRequestFactoryBuilder.class, BOOT_HTTP_CLIENT_CONFIGURATION) != null
				|| this.factoryBuilderCustomizers.stream().findAny().isPresent();
	}

	/**
	 * Returns the name of a bean of the given type that the application defined itself
	 * (not the one of Boot's auto-configuration), without creating any bean.
	 */
	private @Nullable String applicationBean(Class<?> type, String bootConfiguration) {
		for (String name : this.beanFactory.getBeanNamesForType(type, true, false)) {
			if (!declaredBy(name, bootConfiguration)) {
				return name;
			}
		}
		return null;
	}

	private boolean declaredBy(String beanName, String configurationClass) {
		if (!this.beanFactory.containsBeanDefinition(beanName)) {
			return false;
		}
		BeanDefinition definition = this.beanFactory.getBeanDefinition(beanName);
		String declaringBean = definition.getFactoryBeanName();
		return declaringBean != null && this.beanFactory.containsBeanDefinition(declaringBean)
				&& configurationClass.equals(this.beanFactory.getBeanDefinition(declaringBean).getBeanClassName());
	}

}
