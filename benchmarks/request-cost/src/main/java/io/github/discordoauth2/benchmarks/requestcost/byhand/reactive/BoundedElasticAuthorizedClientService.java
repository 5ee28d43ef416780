package io.github.discordoauth2.benchmarks.requestcost.byhand.reactive;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.ReactiveOAuth2AuthorizedClientService;

/**
 * A blocking {@link OAuth2AuthorizedClientService} (here Spring Security's JDBC one) for
 * WebFlux, each call moved off the event loop onto Reactor's bounded-elastic threads.
 * Spring Security has a reactive service in memory and on R2DBC only, so a WebFlux user
 * who keeps the tokens in a JDBC database writes this adapter by hand.
 */
final class BoundedElasticAuthorizedClientService implements ReactiveOAuth2AuthorizedClientService {

	private final OAuth2AuthorizedClientService delegate;

	BoundedElasticAuthorizedClientService(OAuth2AuthorizedClientService delegate) {
		this.delegate = delegate;
	}

	@Override
	public <T extends OAuth2AuthorizedClient> Mono<T> loadAuthorizedClient(String clientRegistrationId,
			String principalName) {
		return Mono.<T>fromCallable(() -> this.delegate.loadAuthorizedClient(clientRegistrationId, principalName))
			.subscribeOn(Schedulers.boundedElastic());
	}

	@Override
	public Mono<Void> saveAuthorizedClient(OAuth2AuthorizedClient authorizedClient, Authentication principal) {
		return Mono.<Void>fromRunnable(() -> this.delegate.saveAuthorizedClient(authorizedClient, principal))
			.subscribeOn(Schedulers.boundedElastic());
	}

	@Override
	public Mono<Void> removeAuthorizedClient(String clientRegistrationId, String principalName) {
		return Mono.<Void>fromRunnable(() -> this.delegate.removeAuthorizedClient(clientRegistrationId, principalName))
			.subscribeOn(Schedulers.boundedElastic());
	}

}
