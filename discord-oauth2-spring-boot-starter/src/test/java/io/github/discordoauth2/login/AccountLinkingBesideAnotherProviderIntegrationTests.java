package io.github.discordoauth2.login;

import io.github.discordoauth2.security.web.DiscordConnectConfigurer;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Account linking beside another provider in a servlet application: the contract of
 * {@link AccountLinkingBesideAnotherProviderContract} on Tomcat.
 */
@SpringBootTest(
		classes = { ComposedLoginApplication.class, AccountLinkingBesideAnotherProviderIntegrationTests.Chain.class },
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AccountLinkingBesideAnotherProviderIntegrationTests extends AccountLinkingBesideAnotherProviderContract {

	@Override
	TestBrowser newBrowser() {
		return new TestBrowser();
	}

	/** Login with the other provider only; Discord is connected, never a login here. */
	@Configuration(proxyBeanMethods = false)
	@Import(CompositionSnippets.AccountLinking.AccountController.class)
	static class Chain {

		@Bean
		SecurityFilterChain security(HttpSecurity http) throws Exception {
			http.authorizeHttpRequests(
					(requests) -> requests.requestMatchers("/error").permitAll().anyRequest().authenticated());
			http.oauth2Login(Customizer.withDefaults());
			http.with(DiscordConnectConfigurer.discordConnect().returnUrl("/account"), Customizer.withDefaults());
			return http.build();
		}

	}

}
