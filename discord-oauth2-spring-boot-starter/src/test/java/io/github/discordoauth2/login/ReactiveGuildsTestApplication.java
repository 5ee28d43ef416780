package io.github.discordoauth2.login;

import io.github.discordoauth2.autoconfigure.DiscordAuthoritiesProperties;
import io.github.discordoauth2.autoconfigure.DiscordOAuth2Properties;
import io.github.discordoauth2.security.DiscordAuthorities;
import io.github.discordoauth2.support.MovableClock;
import reactor.core.publisher.Mono;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.config.annotation.method.configuration.EnableReactiveMethodSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The WebFlux twin of {@link GuildsTestApplication}: the starter's default chain,
 * properties and a {@code @PreAuthorize("hasRole('MODERATOR')")} page, on the test's
 * clock.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@EnableReactiveMethodSecurity
@Import(ReactiveGuildsTestApplication.Pages.class)
class ReactiveGuildsTestApplication {

	static final MovableClock CLOCK = new MovableClock();

	@Bean
	DiscordAuthorities discordAuthorities(DiscordOAuth2Properties properties, DiscordAuthoritiesProperties authorities,
			ApplicationEventPublisher events) {
		return new DiscordAuthorities(authorities.policy(properties), properties.getRegistrationId(),
				properties.getLogin().getJoinGuilds(), CLOCK, events);
	}

	@Bean
	AuthoritiesEvents authoritiesEvents() {
		return new AuthoritiesEvents();
	}

	@RestController
	static class Pages {

		@GetMapping("/")
		String home() {
			return "home";
		}

		@GetMapping("/authorities")
		String authorities(Authentication authentication) {
			return String.join(",",
					authentication.getAuthorities()
						.stream()
						.map(GrantedAuthority::getAuthority)
						.filter((name) -> !name.startsWith("SCOPE_"))
						.sorted()
						.toList());
		}

		@GetMapping("/moderators")
		@PreAuthorize("hasRole('MODERATOR')")
		Mono<String> moderators() {
			return Mono.just("moderators");
		}

	}

}
