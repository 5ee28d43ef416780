package io.github.discordoauth2.security;

import java.util.function.Supplier;

import io.github.discordoauth2.Client;
import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.util.Assert;
import org.springframework.util.function.SingletonSupplier;

/**
 * Decides who sends a grant request, for the blocking and the reactive token response
 * clients alike: Spring Security uses one such client per grant for all registrations, so
 * requests of other registrations go to a delegate, those of a Discord registration the
 * application edited so that the core client no longer stands for it (another token URI,
 * client id, secret or client authentication method) to Spring Security's own client with
 * Discord's User-Agent, and the rest to the core client.
 *
 * @param <C> the token response client type
 */
final class DiscordGrantRouter<C> {

	private final Client client;

	private final String registrationId;

	// Spring Security's default client builds its own HTTP client: only when another
	// provider needs it.
	private Supplier<C> delegate;

	private final Supplier<C> asRegistered;

	private @Nullable ClientRegistration coreRegistration;

	/**
	 * Creates the router.
	 * @param client the core client that talks to Discord
	 * @param registrationId the ID of the Discord registration
	 * @param defaultDelegate creates the client for other registrations, unless one is
	 * set
	 * @param asRegistered creates the client for an edited Discord registration
	 */
	DiscordGrantRouter(Client client, String registrationId, Supplier<C> defaultDelegate, Supplier<C> asRegistered) {
		Assert.notNull(client, "client must not be null");
		Assert.hasText(registrationId, "registrationId must not be empty");
		this.client = client;
		this.registrationId = registrationId;
		this.delegate = SingletonSupplier.of(defaultDelegate);
		this.asRegistered = SingletonSupplier.of(asRegistered);
	}

	void setCoreRegistration(ClientRegistration coreRegistration) {
		Assert.notNull(coreRegistration, "coreRegistration must not be null");
		this.coreRegistration = coreRegistration;
	}

	void setDelegate(C delegate) {
		Assert.notNull(delegate, "delegate must not be null");
		this.delegate = () -> delegate;
	}

	/**
	 * The client that sends a request of this registration, or {@code null} when the core
	 * client does.
	 */
	@Nullable C clientFor(ClientRegistration registration) {
		if (!this.registrationId.equals(registration.getRegistrationId())) {
			return this.delegate.get();
		}
		if (!DiscordClientRegistrations.isServedBy(registration, this.client, this.coreRegistration)) {
			return this.asRegistered.get();
		}
		return null;
	}

}
