package io.github.discordoauth2.login;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

/**
 * Account linking in a servlet application: the contract of
 * {@link AccountLinkingContract} on Tomcat, with the docs' snippet
 * ({@link CompositionSnippets.AccountLinking}).
 */
@SpringBootTest(
		classes = { ComposedLoginApplication.class, CompositionSnippets.AccountLinking.class,
				AccountLinkingIntegrationTests.LocalAccounts.class },
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "discord.oauth2.login.refresh-on-unauthorized=true")
class AccountLinkingIntegrationTests extends AccountLinkingContract {

	@Override
	TestBrowser newBrowser() {
		return new TestBrowser();
	}

	/** The local accounts. */
	@Configuration(proxyBeanMethods = false)
	static class LocalAccounts {

		@Bean
		TokenEvents tokenEvents() {
			return new TokenEvents();
		}

		@Bean
		UserDetailsService localAccounts() {
			return new InMemoryUserDetailsManager(LOCAL_ACCOUNTS.stream()
				.map((name) -> User.withUsername(name).password("{noop}pw").roles("USER").build())
				.toList());
		}

	}

}
