package io.github.discordoauth2.autoconfigure.reactive;

import io.github.discordoauth2.Client;
import io.github.discordoauth2.ReactiveClient;
import io.github.discordoauth2.autoconfigure.ConditionalOnDiscordClientId;
import io.github.discordoauth2.autoconfigure.DiscordOAuth2ClientAutoConfiguration;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Auto-configuration of the non-blocking {@link ReactiveClient} in a WebFlux application:
 * the reactive road of the {@link Client} bean (same settings, the same rate-limit
 * buckets), on Boot's {@link WebClient.Builder} when the application has one (so its
 * customizers, connector, SSL and observations apply), else on Spring's defaults. It
 * needs {@code discord.oauth2.client-id}, as the {@code Client} does.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = DiscordOAuth2ClientAutoConfiguration.class,
		afterName = "org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@ConditionalOnClass(value = { ReactiveClient.class, WebClient.class }, name = "reactor.core.publisher.Mono")
@ConditionalOnDiscordClientId
@ConditionalOnBean(Client.class)
public final class DiscordOAuth2ReactiveClientAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ReactiveClient discordReactiveClient(Client client, ObjectProvider<WebClient.Builder> webClientBuilder) {
		// Boot's builder is a prototype: every lookup is a fresh one with the
		// application's customizers applied; the core clones it anyway.
		WebClient.Builder builder = webClientBuilder.getIfUnique();
		return (builder != null) ? ReactiveClient.of(client, builder) : ReactiveClient.of(client);
	}

}
