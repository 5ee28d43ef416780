package io.github.discordoauth2.benchmarks.requestcost.byhand.reactive;

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
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.client.JdbcOAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.ReactiveOAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.annotation.RegisteredOAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.InMemoryReactiveClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ReactiveClientRegistrationRepository;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.session.DefaultWebSessionManager;
import org.springframework.web.server.session.InMemoryWebSessionStore;
import org.springframework.web.server.session.WebSessionManager;

/**
 * The by-hand Discord login of {@code ByHandServletApp} on WebFlux: {@code oauth2Login()}
 * on {@link ServerHttpSecurity}, the registration built by hand, Boot's default in-memory
 * {@code ReactiveOAuth2AuthorizedClientService} (or with {@code bench.byhand.store=jdbc}
 * Spring Security's {@link JdbcOAuth2AuthorizedClientService} behind
 * {@link BoundedElasticAuthorizedClientService}), and
 * {@link RegisteredOAuth2AuthorizedClient} in the controller.
 */
@SpringBootApplication
public class ByHandReactiveApp {

	/** Starts the application. */
	public static void main(String[] args) {
		SpringApplication.run(ByHandReactiveApp.class, args);
	}

	/**
	 * Room for every login of a run: WebFlux's in-memory session store refuses a new
	 * session beyond 10,000 (answering 500), which the login slices pass. The same in
	 * every WebFlux application measured.
	 */
	@Bean
	WebSessionManager webSessionManager() {
		InMemoryWebSessionStore sessions = new InMemoryWebSessionStore();
		sessions.setMaxSessions(500_000);
		DefaultWebSessionManager manager = new DefaultWebSessionManager();
		manager.setSessionStore(sessions);
		return manager;
	}

	@Bean
	ReactiveClientRegistrationRepository clientRegistrationRepository(
			@Value("${bench.discord.base-url}") String baseUrl, @Value("${bench.discord.client-id}") String clientId,
			@Value("${bench.discord.client-secret}") String clientSecret) {
		return new InMemoryReactiveClientRegistrationRepository(
				DiscordByHand.registration(baseUrl, clientId, clientSecret));
	}

	@Bean
	SecurityWebFilterChain security(ServerHttpSecurity http) {
		http.authorizeExchange(
				(exchanges) -> exchanges.pathMatchers("/", "/error").permitAll().anyExchange().authenticated());
		http.oauth2Login(Customizer.withDefaults());
		return http.build();
	}

	/**
	 * The authorized clients in the database through Spring Security's JDBC service, the
	 * one it has for a JDBC database, on Boot's {@code JdbcTemplate}; Boot's in-memory
	 * default then backs off. That service reads the registration from a blocking
	 * repository, which holds the same registration as the reactive one.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty(name = "bench.byhand.store", havingValue = "jdbc")
	static class JdbcStore {

		@Bean
		ReactiveOAuth2AuthorizedClientService authorizedClientService(JdbcOperations jdbc,
				@Value("${bench.discord.base-url}") String baseUrl,
				@Value("${bench.discord.client-id}") String clientId,
				@Value("${bench.discord.client-secret}") String clientSecret) {
			InMemoryClientRegistrationRepository registrations = new InMemoryClientRegistrationRepository(
					DiscordByHand.registration(baseUrl, clientId, clientSecret));
			return new BoundedElasticAuthorizedClientService(
					new JdbcOAuth2AuthorizedClientService(jdbc, registrations));
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
