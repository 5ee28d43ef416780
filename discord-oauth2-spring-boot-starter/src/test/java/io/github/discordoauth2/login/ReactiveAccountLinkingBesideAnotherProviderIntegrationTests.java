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
 * Account linking beside another provider in a WebFlux application: the contract of
 * {@link AccountLinkingBesideAnotherProviderContract} on Netty, under BlockHound.
 */
@Tag("reactive")
@SpringBootTest(classes = ReactiveAccountLinkingBesideAnotherProviderIntegrationTests.PartnerApplication.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ReactiveAccountLinkingBesideAnotherProviderIntegrationTests extends AccountLinkingBesideAnotherProviderContract {

	static {
		BlockHoundSupport.install();
	}

	@Override
	TestBrowser newBrowser() {
		return new TestBrowser();
	}

	/** Login with the other provider only; Discord is connected, never a login here. */
	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import({ ReactiveAccountLinkingIntegrationTests.AccountController.class,
			ReactiveAccountLinkingIntegrationTests.AuthoritiesController.class })
	static class PartnerApplication {

		@Bean
		SecurityWebFilterChain security(ServerHttpSecurity http, ApplicationContext context) {
			http.authorizeExchange(
					(exchanges) -> exchanges.pathMatchers("/error").permitAll().anyExchange().authenticated());
			http.oauth2Login(Customizer.withDefaults());
			DiscordServerConnectConfigurer.discordConnect(context).returnUrl("/account").customize(http);
			return http.build();
		}

	}

}
