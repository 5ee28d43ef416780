package io.github.discordoauth2;

import java.net.URI;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import io.github.discordoauth2.model.Application;
import io.github.discordoauth2.model.RoleConnectionMetadata;
import io.github.discordoauth2.support.ReactiveSharedCalls;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.web.reactive.function.client.WebClient;

/**
 * The non-blocking twin of {@link Client}, for Spring WebFlux and other Reactor code: the
 * same operations under the same names, returning {@link Mono} or {@link Flux}, sent
 * through Spring's {@link WebClient}. Nothing happens until subscription; bad input and
 * missing configuration are signalled as errors then, before anything is sent. Waits for
 * Discord's rate limits run on Reactor's timers, never on a blocked thread.
 *
 * <p>
 * Made from a {@link Client}, whose settings it takes (credentials, base URL, redirect
 * URI, clock, maximum rate-limit wait, timeouts) and whose rate-limit bookkeeping it
 * shares, so calls on either road count against one budget per token:
 *
 * <pre>{@code
 * ReactiveClient reactive = ReactiveClient.of(client);
 * Mono<User> user = reactive.exchangeCode(code).flatMap(ReactiveAccessToken::fetchIdentify);
 * }</pre>
 *
 * Needs {@code spring-webflux} (and a connector: Reactor Netty, or the JDK's
 * {@code HttpClient} when none is present) on the class path; the blocking {@link Client}
 * never does. Thread-safe; create one per {@link Client} and share it.
 *
 * @since 0.1.0
 */
public final class ReactiveClient {

	private final Client client;

	private final Requests requests;

	private final ReactiveDiscordHttp http;

	private final ReactiveSharedCalls<ReactiveAccessToken> refreshes = new ReactiveSharedCalls<>();

	private ReactiveClient(Client client, WebClient webClient) {
		this.client = client;
		this.requests = client.requests();
		this.http = new ReactiveDiscordHttp(webClient, client.settings());
	}

	/**
	 * Makes the non-blocking client of a {@link Client}, on a {@link WebClient} of
	 * Spring's defaults (the connector found on the class path). Each attempt may take at
	 * most the client's connect plus read timeout, from sending to the last byte.
	 * @param client the blocking client whose settings and rate limits are used
	 * @return the reactive client
	 */
	public static ReactiveClient of(Client client) {
		Args.notNull(client, "client");
		return new ReactiveClient(client, WebClient.builder().build());
	}

	/**
	 * Makes the non-blocking client of a {@link Client} on the given builder (connector,
	 * proxies, SSL, observations); it is cloned, not changed. The core never uses its
	 * codecs: bodies are written and read as bytes with the core's own JSON mapping.
	 * @param client the blocking client whose settings and rate limits are used
	 * @param webClientBuilder the builder, for example Spring Boot's
	 * @return the reactive client
	 */
	public static ReactiveClient of(Client client, WebClient.Builder webClientBuilder) {
		Args.notNull(client, "client");
		Args.notNull(webClientBuilder, "webClientBuilder");
		return new ReactiveClient(client, webClientBuilder.clone().build());
	}

	/**
	 * @return the blocking client this one was made from
	 */
	public Client client() {
		return this.client;
	}

	/**
	 * @return the application's client id
	 */
	public long clientId() {
		return this.client.clientId();
	}

	/**
	 * @return the base URL, for example {@code https://discord.com}
	 */
	public String baseUrl() {
		return this.client.baseUrl();
	}

	/**
	 * @return the default redirect URI, if configured
	 */
	public Optional<String> redirectUri() {
		return this.client.redirectUri();
	}

	/**
	 * @return the authorize page, {@code {baseUrl}/oauth2/authorize}
	 */
	public URI authorizationEndpoint() {
		return this.client.authorizationEndpoint();
	}

	/**
	 * @return the token endpoint, {@code {baseUrl}/api/v10/oauth2/token}
	 */
	public URI tokenEndpoint() {
		return this.client.tokenEndpoint();
	}

	/**
	 * @return whether a bot token is configured
	 */
	public boolean hasBotToken() {
		return this.client.hasBotToken();
	}

	/**
	 * @return whether a client secret is configured
	 */
	public boolean hasClientSecret() {
		return this.client.hasClientSecret();
	}

	/**
	 * Builds the authorize URL for the given scopes; sends nothing. See
	 * {@link Client#generateUri(String...)}.
	 * @param scopes at least one scope
	 * @return the URL to send the user to
	 */
	public URI generateUri(String... scopes) {
		return this.client.generateUri(scopes);
	}

	/**
	 * Builds the authorize URL for a full request; sends nothing. See
	 * {@link Client#generateUri(AuthorizationRequest)}.
	 * @param request what to ask for
	 * @return the URL to send the user to
	 */
	public URI generateUri(AuthorizationRequest request) {
		return this.client.generateUri(request);
	}

	/**
	 * Exchanges an authorization code for a token, with the client's redirect URI. Never
	 * retried: a code is single-use.
	 * @param code the {@code code} from the redirect
	 * @return the token; {@link io.github.discordoauth2.exceptions.InvalidGrantException}
	 * when the code is invalid, expired or used
	 */
	public Mono<ReactiveAccessToken> exchangeCode(String code) {
		return token(() -> this.requests.exchangeCode(code, null));
	}

	/**
	 * Exchanges an authorization code obtained with a PKCE challenge, with the client's
	 * redirect URI.
	 * @param code the {@code code} from the redirect
	 * @param codeVerifier the PKCE verifier, or {@code null} without PKCE
	 * @return the token
	 */
	public Mono<ReactiveAccessToken> exchangeCode(String code, @Nullable String codeVerifier) {
		return token(() -> this.requests.exchangeCode(code, codeVerifier));
	}

	/**
	 * Exchanges an authorization code with the redirect URI of that very authorization.
	 * @param code the {@code code} from the redirect
	 * @param codeVerifier the PKCE verifier, or {@code null} without PKCE
	 * @param redirectUri the absolute redirect URI used in the authorize URL
	 * @return the token
	 */
	public Mono<ReactiveAccessToken> exchangeCode(String code, @Nullable String codeVerifier, String redirectUri) {
		return token(() -> this.requests.exchangeCode(code, codeVerifier, redirectUri));
	}

	/**
	 * Trades a refresh token for a new token; Discord rotates the refresh token, so store
	 * the new one. Subscriptions with the same refresh token while one runs share that
	 * one request.
	 * @param refreshToken the refresh token
	 * @return the new token;
	 * {@link io.github.discordoauth2.exceptions.InvalidGrantException} when the refresh
	 * token is no longer valid
	 */
	public Mono<ReactiveAccessToken> refreshToken(String refreshToken) {
		return Mono.defer(() -> {
			DiscordRequest request = this.requests.refresh(refreshToken);
			return this.refreshes.call(Secrets.identity(refreshToken), () -> token(() -> request));
		});
	}

	/**
	 * Gets a token for the application's owner (client credentials grant). It has no
	 * refresh token.
	 * @param scopes at least one scope
	 * @return the token
	 */
	public Mono<ReactiveAccessToken> clientCredentialsGrant(String... scopes) {
		return token(() -> this.requests.clientCredentials(List.of(Args.notNull(scopes, "scopes"))));
	}

	/**
	 * Gets a token for the application's owner (client credentials grant).
	 * @param scopes at least one scope
	 * @return the token
	 */
	public Mono<ReactiveAccessToken> clientCredentialsGrant(Collection<String> scopes) {
		return token(() -> this.requests.clientCredentials(scopes));
	}

	/**
	 * Wraps a stored access token so its user endpoints can be called; sends nothing.
	 * @param accessToken the access token
	 * @return the token handle
	 */
	public ReactivePartialAccessToken fromAccessToken(String accessToken) {
		return new ReactivePartialAccessToken(this, this.client.fromAccessToken(accessToken));
	}

	/**
	 * Rebuilds a full token the application stored; sends nothing.
	 * @param accessToken the access token
	 * @param refreshToken the refresh token, or {@code null}
	 * @param expiresAt when the access token expires, or {@code null} if unknown
	 * @param scopes the granted scopes (may be empty if unknown)
	 * @return the token
	 */
	public ReactiveAccessToken restoreAccessToken(String accessToken, @Nullable String refreshToken,
			@Nullable Instant expiresAt, Collection<String> scopes) {
		return new ReactiveAccessToken(this,
				this.client.restoreAccessToken(accessToken, refreshToken, expiresAt, scopes));
	}

	/**
	 * Revokes a token; Discord then revokes every token of that authorization.
	 * @param token an access or refresh token
	 * @return completes once revoked
	 */
	public Mono<Void> revokeToken(String token) {
		return Mono.defer(() -> this.http.sendForNothing(this.requests.revoke(token, null)));
	}

	/**
	 * Revokes a token, telling Discord which kind it is.
	 * @param token an access or refresh token
	 * @param hint which kind of token it is
	 * @return completes once revoked
	 */
	public Mono<Void> revokeToken(String token, TokenTypeHint hint) {
		return Mono.defer(() -> this.http.sendForNothing(this.requests.revoke(token, Args.notNull(hint, "hint"))));
	}

	/**
	 * Replaces the application's linked-roles metadata records (Bot auth) after checking
	 * them as Discord would.
	 * @param records at most 5 records
	 * @return the records Discord stored
	 */
	public Flux<RoleConnectionMetadata> updateLinkedRolesMetadata(List<RoleConnectionMetadata> records) {
		return Flux.defer(() -> this.http.sendList(this.requests.updateLinkedRolesMetadata(records),
				RoleConnectionMetadata.class));
	}

	/**
	 * Reads the application's registered linked-roles metadata records (Bot auth).
	 * @return the records
	 */
	public Flux<RoleConnectionMetadata> fetchLinkedRolesMetadata() {
		return Flux
			.defer(() -> this.http.sendList(this.requests.fetchLinkedRolesMetadata(), RoleConnectionMetadata.class));
	}

	/**
	 * Reads the application this client's bot belongs to (Bot auth).
	 * @return the application
	 */
	public Mono<Application> fetchApplication() {
		return Mono.defer(() -> this.http.send(this.requests.fetchApplication(), Application.class));
	}

	/**
	 * @return a description with the secret and bot token masked
	 */
	@Override
	public String toString() {
		return "Reactive" + this.client;
	}

	ReactiveDiscordHttp http() {
		return this.http;
	}

	/**
	 * @return how many refreshes are running (for tests of bounded state)
	 */
	int refreshesInFlight() {
		return this.refreshes.size();
	}

	/** Sends a token request, built on subscription, and reads the answer as a token. */
	private Mono<ReactiveAccessToken> token(Supplier<DiscordRequest> request) {
		return Mono.defer(() -> {
			DiscordRequest built = request.get();
			return this.http.send(built, (call, response) -> new ReactiveAccessToken(this,
					TokenResponses.read(this.client, built, response, this.client.clock().instant())));
		});
	}

}
