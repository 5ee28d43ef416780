package io.github.discordoauth2.off;

import io.github.discordoauth2.Client;
import io.github.discordoauth2.security.web.DiscordAccessTokenArgumentResolver;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An application with the starter but without {@code discord.oauth2.client-id} starts on
 * a real server, with Discord simply off.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DiscordLoginOffIntegrationTests {

	@Autowired
	ApplicationContext context;

	@Test
	void applicationStartsWithDiscordOff() {
		assertThat(this.context.getBeanNamesForType(Client.class)).isEmpty();
		assertThat(this.context.getBeanNamesForType(ClientRegistrationRepository.class)).isEmpty();
		assertThat(this.context.getBeanNamesForType(DiscordAccessTokenArgumentResolver.class)).isEmpty();
		assertThat(this.context.containsBean("discordSecurityFilterChain")).isFalse();
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class PlainApplication {

	}

}
