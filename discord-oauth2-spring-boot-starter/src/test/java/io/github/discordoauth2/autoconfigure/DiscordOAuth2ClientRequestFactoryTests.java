package io.github.discordoauth2.autoconfigure;

import java.lang.reflect.Field;
import java.time.Duration;

import javax.net.ssl.HttpsURLConnection;

import io.github.discordoauth2.Client;
import io.github.discordoauth2.support.UrlConnectionRequestFactory;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.JdkClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.autoconfigure.ClientHttpRequestFactoryBuilderCustomizer;
import org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.imperative.ImperativeHttpClientAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.HttpComponentsClientHttpRequestFactory;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Specification of the request factory the {@link Client} bean gets in each HTTP setup of
 * an application: the factory decides the cost of every call (see BENCHMARKS.md), so it
 * is pinned here, not timed.
 */
class DiscordOAuth2ClientRequestFactoryTests {

	private static final String[] CLIENT = { "discord.oauth2.client-id=1100000000000000001",
			"discord.oauth2.client-secret=s3cret" };

	/** An application without spring-boot-restclient. */
	private final ApplicationContextRunner plainApp = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DiscordOAuth2ClientAutoConfiguration.class))
		.withPropertyValues(CLIENT);

	/**
	 * An application with spring-boot-starter-restclient and no other HTTP library (the
	 * test class path's HttpComponents hidden).
	 */
	// A servlet application with neither HttpComponents nor Reactor Netty (which the
	// starter's WebFlux tests put on the test class path): Boot falls back to the JDK
	// client.
	private final ApplicationContextRunner restClientApp = new ApplicationContextRunner()
		.withClassLoader(new FilteredClassLoader("org.apache.hc.client5", "reactor.netty"))
		.withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class, HttpClientAutoConfiguration.class,
				ImperativeHttpClientAutoConfiguration.class, RestClientAutoConfiguration.class,
				DiscordOAuth2ClientAutoConfiguration.class))
		.withPropertyValues(CLIENT);

	@Test
	void withoutBootsBuilderTheClientUsesTheCoresHttpUrlConnectionFactory() {
		this.plainApp.run((context) -> {
			ClientHttpRequestFactory factory = requestFactoryOf(context.getBean(Client.class));
			assertThat(factory).isExactlyInstanceOf(UrlConnectionRequestFactory.class);
		});
	}

	@Test
	void withBootsBuilderAndNoChoiceTheClientUsesHttpUrlConnectionNotTheJdkClientBootFallsBackTo() {
		this.restClientApp.run((context) -> {
			// What Boot's builder gives every other client of the application.
			assertThat(requestFactoryOf(context.getBean(RestClient.Builder.class).build()))
				.isInstanceOf(JdkClientHttpRequestFactory.class);
			assertThat(requestFactoryOf(context.getBean(Client.class)))
				.isExactlyInstanceOf(UrlConnectionRequestFactory.class);
		});
	}

	@Test
	void timeoutsThatBootsSettingsLeaveOpenGetTheCoresDefaults() {
		this.restClientApp.withPropertyValues("spring.http.clients.read-timeout=7s").run((context) -> {
			UrlConnectionRequestFactory factory = (UrlConnectionRequestFactory) requestFactoryOf(
					context.getBean(Client.class));
			assertThat(factory.getConnectTimeout()).isEqualTo(Duration.ofSeconds(10));
			assertThat(factory.getReadTimeout()).isEqualTo(Duration.ofSeconds(7));
		});
	}

	@Test
	void withHttpComponentsOnTheClassPathTheClientStillUsesTheCoresFactory() {
		this.restClientApp.withClassLoader(getClass().getClassLoader()).run((context) -> {
			// Boot's builder takes HttpComponents for every other client of the app.
			assertThat(requestFactoryOf(context.getBean(RestClient.Builder.class).build()))
				.isInstanceOf(HttpComponentsClientHttpRequestFactory.class);
			assertThat(requestFactoryOf(context.getBean(Client.class)))
				.isExactlyInstanceOf(UrlConnectionRequestFactory.class);
		});
		this.plainApp.withClassLoader(new FilteredClassLoader("org.springframework.boot.http.client"))
			.withUserConfiguration(OwnRestClientBuilderConfiguration.class)
			.run((context) -> assertThat(requestFactoryOf(context.getBean(Client.class)))
				.isSameAs(OwnRestClientBuilderConfiguration.FACTORY));
	}

	@Test
	void aFactoryChosenInPropertiesIsKept() {
		this.restClientApp.withPropertyValues("spring.http.clients.imperative.factory=jdk")
			.run((context) -> assertThat(requestFactoryOf(context.getBean(Client.class)))
				.isInstanceOf(JdkClientHttpRequestFactory.class));
	}

	@Test
	void httpComponentsChosenInPropertiesIsKept() {
		this.restClientApp.withClassLoader(getClass().getClassLoader())
			.withPropertyValues("spring.http.clients.imperative.factory=http-components")
			.run((context) -> assertThat(requestFactoryOf(context.getBean(Client.class)))
				.isInstanceOf(HttpComponentsClientHttpRequestFactory.class));
	}

	@Test
	void theApplicationsOwnFactoryBuilderIsKept() {
		this.restClientApp.withUserConfiguration(JdkFactoryBuilderConfiguration.class)
			.run((context) -> assertThat(requestFactoryOf(context.getBean(Client.class)))
				.isInstanceOf(JdkClientHttpRequestFactory.class));
	}

	@Test
	void aCustomizedFactoryBuilderIsKept() {
		this.restClientApp.withUserConfiguration(FactoryBuilderCustomizerConfiguration.class)
			.run((context) -> assertThat(requestFactoryOf(context.getBean(Client.class)))
				.isInstanceOf(JdkClientHttpRequestFactory.class));
	}

	@Test
	void theApplicationsOwnFactoryBeanIsUsed() {
		this.restClientApp.withUserConfiguration(OwnFactoryConfiguration.class)
			.run((context) -> assertThat(requestFactoryOf(context.getBean(Client.class)))
				.isSameAs(context.getBean("myRequestFactory")));
	}

	@Test
	void theApplicationsOwnRestClientBuilderKeepsItsFactory() {
		this.restClientApp.withUserConfiguration(OwnRestClientBuilderConfiguration.class)
			.run((context) -> assertThat(requestFactoryOf(context.getBean(Client.class)))
				.isSameAs(OwnRestClientBuilderConfiguration.FACTORY));
	}

	@Test
	void withoutBootsHttpClientSupportTheApplicationsOwnBuilderKeepsItsFactory() {
		this.plainApp.withClassLoader(new FilteredClassLoader("org.springframework.boot.http.client"))
			.withUserConfiguration(OwnRestClientBuilderConfiguration.class)
			.run((context) -> assertThat(requestFactoryOf(context.getBean(Client.class)))
				.isSameAs(OwnRestClientBuilderConfiguration.FACTORY));
	}

	@Test
	void discordTimeoutsReplaceOnlyThoseValuesOfTheApplicationsHttpSettings() {
		this.restClientApp
			.withPropertyValues("discord.oauth2.http.read-timeout=7s", "spring.http.clients.connect-timeout=3s",
					"spring.http.clients.redirects=dont-follow", "spring.http.clients.ssl.bundle=corporate",
					"spring.ssl.bundle.pem.corporate.truststore.certificate=classpath:http/trust-only.crt")
			.run((context) -> {
				ClientHttpRequestFactory factory = requestFactoryOf(context.getBean(Client.class));
				assertThat(factory).isExactlyInstanceOf(UrlConnectionRequestFactory.class);
				UrlConnectionRequestFactory urlConnection = (UrlConnectionRequestFactory) factory;
				assertThat(urlConnection.getReadTimeout()).isEqualTo(Duration.ofSeconds(7));
				assertThat(urlConnection.getConnectTimeout()).isEqualTo(Duration.ofSeconds(3));
				assertThat(urlConnection.isFollowRedirects()).isFalse();
				assertThat(urlConnection.getSslSocketFactory()).isNotNull()
					.isNotSameAs(HttpsURLConnection.getDefaultSSLSocketFactory());
			});
	}

	@Test
	void anSslBundleWithCiphersFailsNamingTheBundleProperty() {
		this.restClientApp
			.withPropertyValues("spring.http.clients.ssl.bundle=corporate",
					"spring.ssl.bundle.pem.corporate.truststore.certificate=classpath:http/trust-only.crt",
					"spring.ssl.bundle.pem.corporate.options.ciphers=TLS_AES_128_GCM_SHA256")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(DiscordOAuth2ConfigurationException.class)
				.hasMessageContaining("spring.http.clients.ssl.bundle")
				.hasMessageContaining("spring.http.clients.imperative.factory"));
	}

	@Test
	void discordTimeoutsKeepAFactoryChosenInProperties() {
		this.restClientApp
			.withPropertyValues("spring.http.clients.imperative.factory=jdk", "discord.oauth2.http.read-timeout=7s")
			.run((context) -> {
				ClientHttpRequestFactory factory = requestFactoryOf(context.getBean(Client.class));
				assertThat(factory).isInstanceOf(JdkClientHttpRequestFactory.class);
				assertThat(field(factory, Duration.class)).isEqualTo(Duration.ofSeconds(7));
			});
	}

	@Test
	void discordTimeoutsWithTheApplicationsOwnFactoryBeanFailNamingTheProperty() {
		this.restClientApp.withUserConfiguration(OwnFactoryConfiguration.class)
			.withPropertyValues("discord.oauth2.http.connect-timeout=2s")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(DiscordOAuth2ConfigurationException.class)
				.hasMessageContaining("discord.oauth2.http.connect-timeout")
				.hasMessageContaining("myRequestFactory"));
	}

	@Test
	void withoutBootsBuilderDiscordTimeoutsReachTheCoresFactory() {
		this.plainApp.withPropertyValues("discord.oauth2.http.read-timeout=7s").run((context) -> {
			ClientHttpRequestFactory factory = requestFactoryOf(context.getBean(Client.class));
			assertThat(factory).isExactlyInstanceOf(UrlConnectionRequestFactory.class);
			assertThat(((UrlConnectionRequestFactory) factory).getReadTimeout()).isEqualTo(Duration.ofSeconds(7));
		});
	}

	/**
	 * The request factory inside a client. Neither the core nor RestClient offers an
	 * accessor, so the test reads the fields (test only).
	 */
	private static ClientHttpRequestFactory requestFactoryOf(Object clientOrRestClient) throws Exception {
		RestClient restClient = (clientOrRestClient instanceof RestClient rc) ? rc
				: (RestClient) deepField(clientOrRestClient, RestClient.class, 3);
		assertThat(restClient).as("RestClient inside the Client").isNotNull();
		Field factory = restClient.getClass().getDeclaredField("clientRequestFactory");
		factory.setAccessible(true);
		return (ClientHttpRequestFactory) factory.get(restClient);
	}

	private static @Nullable Object deepField(Object target, Class<?> type, int depth) throws Exception {
		for (Class<?> c = target.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
			for (Field f : c.getDeclaredFields()) {
				if (f.getType().isPrimitive() || java.lang.reflect.Modifier.isStatic(f.getModifiers())) {
					continue;
				}
				f.setAccessible(true);
				Object value = f.get(target);
				if (type.isInstance(value)) {
					return value;
				}
				if (value != null && depth > 1 && value.getClass().getName().startsWith("io.github.discordoauth2")) {
					Object found = deepField(value, type, depth - 1);
					if (found != null) {
						return found;
					}
				}
			}
		}
		return null;
	}

	private static @Nullable Object field(Object target, Class<?> type) throws Exception {
		for (Class<?> c = target.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
			for (Field f : c.getDeclaredFields()) {
				if (f.getType() == type) {
					f.setAccessible(true);
					return f.get(target);
				}
			}
		}
		return null;
	}

	@Configuration(proxyBeanMethods = false)
	static class JdkFactoryBuilderConfiguration {

		@Bean
		ClientHttpRequestFactoryBuilder<?> myFactoryBuilder() {
			return ClientHttpRequestFactoryBuilder.jdk();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class FactoryBuilderCustomizerConfiguration {

		@Bean
		ClientHttpRequestFactoryBuilderCustomizer<JdkClientHttpRequestFactoryBuilder> jdkExecutor() {
			return (builder) -> builder.withExecutor(Runnable::run);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OwnFactoryConfiguration {

		@Bean
		ClientHttpRequestFactory myRequestFactory() {
			return new JdkClientHttpRequestFactory();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OwnRestClientBuilderConfiguration {

		static final ClientHttpRequestFactory FACTORY = new JdkClientHttpRequestFactory();

		@Bean
		RestClient.Builder myRestClientBuilder() {
			return RestClient.builder().requestFactory(FACTORY);
		}

	}

}
