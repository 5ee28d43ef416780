package io.github.discordoauth2.security;

import java.util.function.Supplier;

import io.github.discordoauth2.AccessToken;
import io.github.discordoauth2.ReactiveClient;
import io.github.discordoauth2.ReactivePartialAccessToken;
import io.github.discordoauth2.model.User;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.oauth2.client.userinfo.DefaultReactiveOAuth2UserService;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserRequest;
import org.springframework.security.oauth2.client.userinfo.ReactiveOAuth2UserService;
import org.springframework.security.oauth2.core.user.OAuth2User;
import org.springframework.util.Assert;
import org.springframework.util.function.SingletonSupplier;

/**
 * Loads the user of a Discord login in a WebFlux application through the non-blocking
 * {@link ReactiveClient} ({@code GET /users/@me}) into the same {@link DiscordOAuth2User}
 * as {@link DiscordOAuth2UserService}, and publishes the same {@link DiscordLoginEvent}.
 * Listeners are called on a {@link Schedulers#boundedElastic() bounded elastic} thread,
 * never on the event loop, as a listener that stores the refresh token usually blocks; as
 * on the servlet stack, they run before the login completes and an exception fails it.
 * Registrations of other providers go to a delegate (by default Spring Security's
 * {@link DefaultReactiveOAuth2UserService}). Discord servers and roles become authorities
 * as with {@link DiscordOAuth2UserService}, through
 * {@link #setAuthorities(DiscordAuthorities, ReactiveDiscordStandingReader)}.
 *
 * @since 0.1.0
 */
public final class DiscordReactiveOAuth2UserService
		implements ReactiveOAuth2UserService<OAuth2UserRequest, OAuth2User> {

	private final ReactiveClient client;

	private final String registrationId;

	private final ApplicationEventPublisher eventPublisher;

	private @Nullable DiscordAuthorities authorities;

	private @Nullable ReactiveDiscordStandingReader standingReader;

	// Spring Security's default service builds its own WebClient: only when another
	// provider needs it.
	private Supplier<ReactiveOAuth2UserService<OAuth2UserRequest, OAuth2User>> delegate = SingletonSupplier
		.of(DefaultReactiveOAuth2UserService::new);

	/**
	 * Creates the service.
	 * @param client the reactive core client that talks to Discord
	 * @param registrationId the ID of the Discord registration, e.g. {@code discord}
	 * @param eventPublisher where to publish {@link DiscordLoginEvent}s
	 */
	public DiscordReactiveOAuth2UserService(ReactiveClient client, String registrationId,
			ApplicationEventPublisher eventPublisher) {
		Assert.notNull(client, "client must not be null");
		Assert.hasText(registrationId, "registrationId must not be empty");
		Assert.notNull(eventPublisher, "eventPublisher must not be null");
		this.client = client;
		this.registrationId = registrationId;
		this.eventPublisher = eventPublisher;
	}

	/**
	 * Sets the user service for registrations other than Discord's.
	 * @param delegate the user service for other providers
	 */
	public void setDelegate(ReactiveOAuth2UserService<OAuth2UserRequest, OAuth2User> delegate) {
		Assert.notNull(delegate, "delegate must not be null");
		this.delegate = () -> delegate;
	}

	/**
	 * Reads the user's Discord servers and roles into authorities at login, and applies
	 * the login gate of required servers.
	 * @param authorities the policy and its settings
	 * @param standingReader reads the servers and roles with the login's token
	 * @since 0.1.0
	 */
	public void setAuthorities(DiscordAuthorities authorities, ReactiveDiscordStandingReader standingReader) {
		Assert.notNull(authorities, "authorities must not be null");
		Assert.notNull(standingReader, "standingReader must not be null");
		this.authorities = authorities;
		this.standingReader = standingReader;
	}

	@Override
	public Mono<OAuth2User> loadUser(OAuth2UserRequest userRequest) {
		if (!this.registrationId.equals(userRequest.getClientRegistration().getRegistrationId())) {
			return Mono.defer(() -> this.delegate.get().loadUser(userRequest));
		}
		AccessToken token = DiscordOAuth2UserService.accessToken(userRequest, this.client.client());
		ReactivePartialAccessToken reactiveToken = this.client.fromAccessToken(token.token());
		return reactiveToken.fetchIdentify()
			.onErrorMap(DiscordOAuth2UserService::loadFailure)
			.flatMap((user) -> withAuthorities(user, token, reactiveToken)
				.flatMap((principal) -> Mono.fromCallable(() -> {
					this.eventPublisher.publishEvent(new DiscordLoginEvent(this, this.registrationId, user, token));
					return (OAuth2User) principal;
				}).subscribeOn(Schedulers.boundedElastic())));
	}

	private Mono<DiscordOAuth2User> withAuthorities(User user, AccessToken token,
			ReactivePartialAccessToken reactiveToken) {
		DiscordOAuth2User principal = DiscordOAuth2UserService.principal(user, token);
		DiscordAuthorities authorities = this.authorities;
		ReactiveDiscordStandingReader reader = this.standingReader;
		if (authorities == null || reader == null) {
			return Mono.just(principal);
		}
		Mono<Void> joined = reader.joinGuilds(reactiveToken, user.id(), authorities.joinGuilds());
		if (!authorities.checksGuilds()) {
			return joined.thenReturn(principal);
		}
		return joined.then(reader.read(reactiveToken, token.scopes()))
			.map((outcome) -> authorities.atLogin(principal, outcome));
	}

}
