package io.github.discordoauth2.security.web.server;

import io.github.discordoauth2.security.DiscordOAuth2User;
import io.github.discordoauth2.security.tokens.DiscordTokenStore;
import io.github.discordoauth2.security.tokens.ReactiveDiscordAuthorizedClients;
import io.github.discordoauth2.security.tokens.ReactiveDiscordTokens;
import io.github.discordoauth2.security.web.DiscordOAuth2AuthorizedClientRepository;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.authentication.OAuth2LoginAuthenticationToken;
import org.springframework.security.oauth2.client.web.server.ServerOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.client.web.server.WebSessionServerOAuth2AuthorizedClientRepository;
import org.springframework.util.Assert;
import org.springframework.web.server.ServerWebExchange;

/**
 * The {@link ServerOAuth2AuthorizedClientRepository} of a WebFlux application with
 * Discord login, with the rules of the servlet
 * {@link DiscordOAuth2AuthorizedClientRepository}: the Discord registration's tokens go
 * to the {@link DiscordTokenStore}, keyed by the Discord user ID, and only for an
 * authentication that came from that registration (or a local account's connected Discord
 * account, when reading); an anonymous user's authorization stays in its web session; a
 * freshly issued pair is stored whatever its lifetime, while saving an expired pair or
 * removing the entry only makes the next use refresh, so a pair another request has just
 * rotated survives. Store access runs on a bounded elastic thread
 * ({@link ReactiveDiscordTokens}). Other registrations go to the delegate.
 *
 * @since 0.1.0
 */
public final class DiscordServerOAuth2AuthorizedClientRepository implements ServerOAuth2AuthorizedClientRepository {

	private final ReactiveDiscordAuthorizedClients tokens;

	private final ServerOAuth2AuthorizedClientRepository delegate;

	private final ServerOAuth2AuthorizedClientRepository sessions = new WebSessionServerOAuth2AuthorizedClientRepository();

	/**
	 * Creates the repository.
	 * @param tokens reads, refreshes and saves the Discord tokens
	 * @param delegate keeps the authorized clients of other registrations
	 */
	public DiscordServerOAuth2AuthorizedClientRepository(ReactiveDiscordAuthorizedClients tokens,
			ServerOAuth2AuthorizedClientRepository delegate) {
		Assert.notNull(tokens, "tokens must not be null");
		Assert.notNull(delegate, "delegate must not be null");
		this.tokens = tokens;
		this.delegate = delegate;
	}

	@Override
	@SuppressWarnings("unchecked")
	public <T extends OAuth2AuthorizedClient> Mono<T> loadAuthorizedClient(String clientRegistrationId,
			@Nullable Authentication principal, ServerWebExchange exchange) {
		if (!isDiscord(clientRegistrationId)) {
			return this.delegate.loadAuthorizedClient(clientRegistrationId, principal, exchange);
		}
		return this.tokens.linkedUserIdOf(principal)
			.flatMap(this.tokens::load)
			.map((authorized) -> (T) authorized)
			.switchIfEmpty(Mono.defer(() -> isKnownUser(principal) ? Mono.empty()
					: this.sessions.loadAuthorizedClient(clientRegistrationId, principal, exchange)));
	}

	@Override
	public Mono<Void> saveAuthorizedClient(OAuth2AuthorizedClient authorizedClient, @Nullable Authentication principal,
			ServerWebExchange exchange) {
		if (!isDiscord(authorizedClient.getClientRegistration().getRegistrationId())) {
			return this.delegate.saveAuthorizedClient(authorizedClient, principal, exchange);
		}
		Long userId = userIdOf(principal);
		if (userId == null) {
			// Not a Discord login: "Connect Discord" is a servlet feature for now, so the
			// authorization stays with this session only, never under a name.
			return this.sessions.saveAuthorizedClient(authorizedClient, principal, exchange);
		}
		// A fresh login's pair is stored whatever its lifetime; a pair handed back
		// expired only asks for a refresh, on the entry as stored.
		return this.tokens.saveFromRepository(authorizedClient, userId);
	}

	@Override
	public Mono<Void> removeAuthorizedClient(String clientRegistrationId, @Nullable Authentication principal,
			ServerWebExchange exchange) {
		if (!isDiscord(clientRegistrationId)) {
			return this.delegate.removeAuthorizedClient(clientRegistrationId, principal, exchange);
		}
		return this.tokens.linkedUserIdOf(principal)
			.flatMap((userId) -> this.tokens.invalidateAccessToken(userId).thenReturn(true))
			.switchIfEmpty(
					Mono.defer(() -> this.sessions.removeAuthorizedClient(clientRegistrationId, principal, exchange)
						.thenReturn(false)))
			.then();
	}

	/**
	 * The Discord user ID of the authentication a save comes with: WebFlux's login hands
	 * in its {@link OAuth2LoginAuthenticationToken} (the servlet one hands in the final
	 * authentication), whose principal is the Discord user as well.
	 */
	private @Nullable Long userIdOf(@Nullable Authentication principal) {
		if (principal instanceof OAuth2LoginAuthenticationToken login
				&& isDiscord(login.getClientRegistration().getRegistrationId())
				&& login.getPrincipal() instanceof DiscordOAuth2User user) {
			return user.id();
		}
		return this.tokens.userIdOf(principal);
	}

	private boolean isKnownUser(@Nullable Authentication principal) {
		return this.tokens.userIdOf(principal) != null;
	}

	private boolean isDiscord(String registrationId) {
		return this.tokens.registrationId().equals(registrationId);
	}

}
