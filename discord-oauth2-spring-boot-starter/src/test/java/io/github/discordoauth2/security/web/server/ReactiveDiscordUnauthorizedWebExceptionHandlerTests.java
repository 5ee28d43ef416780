package io.github.discordoauth2.security.web.server;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import io.github.discordoauth2.exceptions.Credential;
import io.github.discordoauth2.exceptions.ForbiddenException;
import io.github.discordoauth2.security.DiscordUnauthorized;
import io.github.discordoauth2.test.DemoData;
import io.github.discordoauth2.test.FakeDiscord;
import io.github.discordoauth2.test.FakeDiscordExtension;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.web.server.WebSessionServerOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.web.server.ResponseStatusException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Specification of {@link DiscordUnauthorizedWebExceptionHandler}, the WebFlux side of
 * what {@link DiscordUnauthorized} decides: a refused stored token is set aside, a token
 * replaced meanwhile is not, a GET is sent to the same URL once, anything else is
 * answered naming the cause.
 */
@Tag("reactive")
class ReactiveDiscordUnauthorizedWebExceptionHandlerTests {

	private static final ForbiddenException UNAUTHORIZED = ForbiddenException.unauthorized()
		.message("401: Unauthorized")
		.credential(Credential.USER_TOKEN)
		.code(0)
		.discordMessage("401: Unauthorized")
		.build();

	@RegisterExtension
	static FakeDiscordExtension discord = FakeDiscordExtension.withDemoData();

	private final WebSessionServerOAuth2AuthorizedClientRepository repository = new WebSessionServerOAuth2AuthorizedClientRepository();

	private final Authentication user = UsernamePasswordAuthenticationToken.authenticated("1100000000000000100", null,
			List.of());

	private final DiscordUnauthorizedWebExceptionHandler handler = new DiscordUnauthorizedWebExceptionHandler("discord",
			() -> this.repository);

	private final FakeDiscord.Tokens tokens = discord.fake().createToken(DemoData.USER_ID, Set.of("identify"));

	@Test
	void getSetsTheTokenAsideAndIsSentToTheSameUrlOnce() {
		MockServerWebExchange exchange = exchange(MockServerHttpRequest.get("/me?x=1"));
		discord.fake().revokeToken(this.tokens.accessToken());

		this.handler.handle(exchange, UNAUTHORIZED).block();

		assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.FOUND);
		assertThat(exchange.getResponse().getHeaders().getLocation()).hasToString("/me?x=1");
		assertThat(load(exchange).getAccessToken().getExpiresAt()).isBefore(Instant.now());
		// The same token failing again once it is back in the store unexpired (the
		// refresh did not replace it) is not sent round in a loop.
		MockServerWebExchange again = exchange(MockServerHttpRequest.get("/me?x=1"));
		assertThat(catchThrowable(() -> this.handler.handle(again, UNAUTHORIZED).block())).isInstanceOfSatisfying(
				ResponseStatusException.class,
				(ex) -> assertThat(ex.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED));
	}

	@Test
	void postIsAnswered401NamingTheCauseAndTheTokenIsSetAside() {
		MockServerWebExchange exchange = exchange(MockServerHttpRequest.post("/sync"));
		discord.fake().revokeToken(this.tokens.accessToken());

		Throwable answer = catchThrowable(() -> this.handler.handle(exchange, UNAUTHORIZED).block());

		assertThat(answer).isInstanceOfSatisfying(ResponseStatusException.class, (ex) -> {
			assertThat(ex.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
			assertThat(ex.getReason()).isEqualTo(DiscordUnauthorized.MESSAGE);
		});
		assertThat(exchange.getResponse().getHeaders().getLocation()).isNull();
		assertThat(load(exchange).getAccessToken().getExpiresAt()).isBefore(Instant.now());
	}

	@Test
	void a401OfACallWithTheBotTokenIsLeftAloneWithoutAskingDiscord() {
		MockServerWebExchange exchange = exchange(MockServerHttpRequest.get("/me"));
		ForbiddenException botTokenRefused = ForbiddenException.unauthorized()
			.message("401: Unauthorized")
			.credential(Credential.BOT_TOKEN)
			.code(0)
			.discordMessage("401: Unauthorized")
			.build();

		assertThat(catchThrowable(() -> this.handler.handle(exchange, botTokenRefused).block()))
			.isSameAs(botTokenRefused);
		assertThat(load(exchange).getAccessToken().getExpiresAt()).isAfter(Instant.now());
		assertThat(discord.fake().journal()).isEmpty();
	}

	@Test
	void withRefreshOnUnauthorizedOffARefusedStoredTokenIsLeftToTheApplication() {
		this.handler.setRefreshOnUnauthorized(false);
		MockServerWebExchange exchange = exchange(MockServerHttpRequest.get("/me"));

		assertThat(catchThrowable(() -> this.handler.handle(exchange, UNAUTHORIZED).block())).isSameAs(UNAUTHORIZED);
		assertThat(load(exchange).getAccessToken().getExpiresAt()).isAfter(Instant.now());
	}

	@Test
	void aTokenReplacedWhileAGetRanIsSentAgainWithoutARefreshWhateverTheSetting() {
		this.handler.setRefreshOnUnauthorized(false);
		MockServerWebExchange exchange = exchange(MockServerHttpRequest.get("/me?x=1"));
		exchange.getAttributes()
			.put(DiscordReactiveAccessTokenArgumentResolver.RESOLVED_TOKEN_ATTRIBUTE, handed("an-older-access-token"));

		this.handler.handle(exchange, UNAUTHORIZED).block();

		assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.FOUND);
		assertThat(exchange.getResponse().getHeaders().getLocation()).hasToString("/me?x=1");
		assertThat(load(exchange).getAccessToken().getExpiresAt()).isAfter(Instant.now());
	}

	@Test
	void aTokenReplacedWhileAPostRanIsAnswered409NamingTheCause() {
		MockServerWebExchange exchange = exchange(MockServerHttpRequest.post("/sync"));
		exchange.getAttributes()
			.put(DiscordReactiveAccessTokenArgumentResolver.RESOLVED_TOKEN_ATTRIBUTE, handed("an-older-access-token"));

		Throwable answer = catchThrowable(() -> this.handler.handle(exchange, UNAUTHORIZED).block());

		assertThat(answer).isInstanceOfSatisfying(ResponseStatusException.class, (ex) -> {
			assertThat(ex.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
			assertThat(ex.getReason()).isEqualTo(DiscordUnauthorized.REPLACED_MESSAGE);
		});
		assertThat(load(exchange).getAccessToken().getExpiresAt()).isAfter(Instant.now());
	}

	@Test
	void aRevokedUsersPageLeadsToTheLoginNotAnErrorPage() {
		MockServerWebExchange exchange = exchange(MockServerHttpRequest.get("/me"));
		this.repository.removeAuthorizedClient("discord", this.user, exchange).block();

		this.handler.handle(exchange, UNAUTHORIZED).block();

		assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.FOUND);
		assertThat(exchange.getResponse().getHeaders().getLocation()).hasToString("/me");
	}

	@Test
	void otherFailuresAndRequestsWithoutTokenArgumentAreLeftAlone() {
		MockServerWebExchange exchange = exchange(MockServerHttpRequest.get("/me"));
		discord.fake().revokeToken(this.tokens.accessToken());
		IllegalStateException boom = new IllegalStateException("boom");

		assertThat(catchThrowable(() -> this.handler.handle(exchange, boom).block())).isSameAs(boom);
		MockServerWebExchange withoutToken = MockServerWebExchange.from(MockServerHttpRequest.get("/me"));
		assertThat(catchThrowable(() -> this.handler.handle(withoutToken, UNAUTHORIZED).block()))
			.isSameAs(UNAUTHORIZED);
		assertThat(load(exchange).getAccessToken().getExpiresAt()).isAfter(Instant.now());
	}

	private MockServerWebExchange exchange(MockServerHttpRequest.BaseBuilder<?> request) {
		MockServerWebExchange exchange = MockServerWebExchange.from(request);
		ClientRegistration registration = ClientRegistration.withRegistrationId("discord")
			.clientId("1100000000000000001")
			.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
			.redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
			.authorizationUri("http://127.0.0.1:9/oauth2/authorize")
			.tokenUri("http://127.0.0.1:9/api/v10/oauth2/token")
			.build();
		Instant issuedAt = Instant.now();
		OAuth2AccessToken accessToken = new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER,
				this.tokens.accessToken(), issuedAt, issuedAt.plusSeconds(604800), Set.of("identify"));
		this.repository
			.saveAuthorizedClient(new OAuth2AuthorizedClient(registration, this.user.getName(), accessToken,
					new OAuth2RefreshToken(this.tokens.refreshToken(), issuedAt)), this.user, exchange)
			.block();
		handedToController(exchange);
		return exchange;
	}

	private static OAuth2AccessToken handed(String accessToken) {
		return new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, accessToken, Instant.now(),
				Instant.now().plusSeconds(600));
	}

	private void handedToController(MockServerWebExchange exchange) {
		exchange.getAttributes()
			.put(DiscordReactiveAccessTokenArgumentResolver.RESOLVED_TOKEN_ATTRIBUTE,
					handed(this.tokens.accessToken()));
		exchange.getAttributes()
			.put(DiscordReactiveAccessTokenArgumentResolver.RESOLVED_AUTHENTICATION_ATTRIBUTE, this.user);
	}

	private OAuth2AuthorizedClient load(MockServerWebExchange exchange) {
		return this.repository.<OAuth2AuthorizedClient>loadAuthorizedClient("discord", this.user, exchange).block();
	}

}
