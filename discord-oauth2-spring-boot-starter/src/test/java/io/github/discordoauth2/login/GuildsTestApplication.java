package io.github.discordoauth2.login;

import io.github.discordoauth2.autoconfigure.DiscordAuthoritiesProperties;
import io.github.discordoauth2.autoconfigure.DiscordOAuth2Properties;
import io.github.discordoauth2.security.DiscordAuthorities;
import io.github.discordoauth2.support.MovableClock;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A servlet application whose pages are gated on Discord servers and roles: only the
 * starter's default chain, properties and a {@code @PreAuthorize("hasRole('MODERATOR')")}
 * page. The authorities' clock is the test's, so that the refresh interval passes when
 * the test says.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@EnableMethodSecurity
@Import(GuildsTestApplication.Pages.class)
class GuildsTestApplication {

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
		String moderators() {
			return "moderators";
		}

	}

}
