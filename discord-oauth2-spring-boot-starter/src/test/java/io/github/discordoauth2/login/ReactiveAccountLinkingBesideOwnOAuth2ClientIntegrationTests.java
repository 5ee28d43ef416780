package io.github.discordoauth2.login;

import io.github.discordoauth2.security.web.server.DiscordServerConnectConfigurer;
import io.github.discordoauth2.support.BlockHoundSupport;
import org.junit.jupiter.api.Tag;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;

/**
 * Account linking in a WebFlux application whose chain also has {@code oauth2Client()} of
 * its own: the contract of {@link AccountLinkingContract} still holds, so Spring
 * Security's own code grant filter, earlier in the chain, never completes a pending
 * connection (which would skip the check that the account completing it started it).
 */
@Tag("reactive")
@SpringBootTest(classes = ReactiveAccountLinkingBesideOwnOAuth2ClientIntegrationTests.ClientApplication.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "discord.oauth2.login.refresh-on-unauthorized=true")
class ReactiveAccountLinkingBesideOwnOAuth2ClientIntegrationTests extends AccountLinkingContract {

	static {
		BlockHoundSupport.install();
	}

	@Override
	TestBrowser newBrowser() {
		return new TestBrowser();
	}

	/**
	 * Form login, the application's own {@code oauth2Client()}, and "Connect Discord".
	 */
	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import({ ReactiveAccountLinkingIntegrationTests.LocalAccounts.class,
			ReactiveAccountLinkingIntegrationTests.AccountController.class,
			ReactiveAccountLinkingIntegrationTests.AuthoritiesController.class })
	static class ClientApplication {

		@Bean
		SecurityWebFilterChain security(ServerHttpSecurity http, ApplicationContext context) {
			http.authorizeExchange(
					(exchanges) -> exchanges.pathMatchers("/", "/error").permitAll().anyExchange().authenticated());
			http.formLogin(Customizer.withDefaults());
			http.oauth2Client(Customizer.withDefaults());
			DiscordServerConnectConfigurer.discordConnect(context).returnUrl("/account").customize(http);
			return http.build();
		}

	}

}
