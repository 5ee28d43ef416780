package io.github.discordoauth2.benchmarks.requestcost.byhand.servlet;

import java.util.TreeSet;

import io.github.discordoauth2.benchmarks.requestcost.byhand.DiscordByHand;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.client.JdbcOAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.annotation.RegisteredOAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * "Login with Discord" on Spring MVC without the starter, as the Spring Security
 * reference sets up a provider it does not know: {@code oauth2Login()}, a
 * {@code ClientRegistration} built by hand ({@link DiscordByHand}), and Boot's default
 * in-memory {@code OAuth2AuthorizedClientService}, or with
 * {@code bench.byhand.store=jdbc} Spring Security's
 * {@link JdbcOAuth2AuthorizedClientService} on the application's database. A controller
 * reaches the user's token through {@link RegisteredOAuth2AuthorizedClient}.
 */
@SpringBootApplication
public class ByHandServletApp {

	/** Starts the application. */
	public static void main(String[] args) {
		SpringApplication.run(ByHandServletApp.class, args);
	}

	@Bean
	ClientRegistrationRepository clientRegistrationRepository(@Value("${bench.discord.base-url}") String baseUrl,
			@Value("${bench.discord.client-id}") String clientId,
			@Value("${bench.discord.client-secret}") String clientSecret) {
		return new InMemoryClientRegistrationRepository(DiscordByHand.registration(baseUrl, clientId, clientSecret));
	}

	@Bean
	SecurityFilterChain security(HttpSecurity http) throws Exception {
		http.authorizeHttpRequests(
				(requests) -> requests.requestMatchers("/", "/error").permitAll().anyRequest().authenticated());
		http.oauth2Login(Customizer.withDefaults());
		return http.build();
	}

	/**
	 * The authorized clients in the database, as the Spring Security reference has a user
	 * keep them there: its JDBC service on Boot's {@code JdbcTemplate}, which Boot's
	 * in-memory default then backs off from. The table is Spring Security's own schema.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty(name = "bench.byhand.store", havingValue = "jdbc")
	static class JdbcStore {

		@Bean
		OAuth2AuthorizedClientService authorizedClientService(JdbcOperations jdbc,
				ClientRegistrationRepository registrations) {
			return new JdbcOAuth2AuthorizedClientService(jdbc, registrations);
		}

	}

	/** The measured endpoints. */
	@RestController
	static class Pages {

		@GetMapping("/")
		String home() {
			return "home";
		}

		/**
		 * The user's token, read where Spring Security keeps it; Discord is not called.
		 */
		@GetMapping("/tok")
		String tok(@RegisteredOAuth2AuthorizedClient("discord") OAuth2AuthorizedClient client) {
			return String.join(" ", new TreeSet<>(client.getAccessToken().getScopes()));
		}

		@GetMapping("/plain")
		String plain() {
			return "plain";
		}

	}

}
