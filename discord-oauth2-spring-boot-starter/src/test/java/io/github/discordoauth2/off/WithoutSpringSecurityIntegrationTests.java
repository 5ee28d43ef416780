package io.github.discordoauth2.off;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import io.github.discordoauth2.autoconfigure.DiscordOAuth2FailureAnalyzer;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * An application that excludes Spring Security from the starter's dependencies: without
 * {@code discord.oauth2.client-id} it runs as if the starter were not there, with no
 * login in front of its pages; with one it is told what login needs.
 */
class WithoutSpringSecurityIntegrationTests {

	@Test
	void withoutClientIdPagesAnswerWithoutLogin() throws Exception {
		try (ConfigurableApplicationContext context = start()) {
			int port = ((WebServerApplicationContext) context).getWebServer().getPort();
			HttpResponse<String> hello = HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/hello")).build(),
						HttpResponse.BodyHandlers.ofString());
			assertThat(hello.statusCode()).isEqualTo(200);
			assertThat(hello.body()).isEqualTo("hello");
		}
	}

	@Test
	void clientIdWithoutSpringSecurityStopsStartupWithTheFix() {
		assertThatException().isThrownBy(
				() -> start("--discord.oauth2.client-id=1100000000000000001", "--discord.oauth2.client-secret=s3cret"))
			.satisfies((ex) -> {
				FailureAnalysis analysis = new DiscordOAuth2FailureAnalyzer().analyze(ex);
				assertThat(analysis).isNotNull();
				assertThat(analysis.getDescription()).contains("discord.oauth2.login.enabled");
				assertThat(analysis.getAction()).contains("spring-boot-starter-security-oauth2-client")
					.contains("discord.oauth2.login.enabled=false");
			});
	}

	private static ConfigurableApplicationContext start(String... args) {
		// The class path of an application that did not add Spring Security.
		FilteredClassLoader withoutSecurity = new FilteredClassLoader("org.springframework.security",
				"org.springframework.boot.security");
		return new SpringApplicationBuilder(HelloApplication.class)
			.resourceLoader(new DefaultResourceLoader(withoutSecurity))
			.properties("server.port=0", "server.address=127.0.0.1")
			.run(args);
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import(HelloController.class)
	static class HelloApplication {

	}

	@RestController
	static class HelloController {

		@GetMapping("/hello")
		String hello() {
			return "hello";
		}

	}

}
