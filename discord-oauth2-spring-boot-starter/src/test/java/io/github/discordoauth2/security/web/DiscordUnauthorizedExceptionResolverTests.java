package io.github.discordoauth2.security.web;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import io.github.discordoauth2.exceptions.Credential;
import io.github.discordoauth2.exceptions.ForbiddenException;
import io.github.discordoauth2.security.DiscordUnauthorized;
import io.github.discordoauth2.test.DemoData;
import io.github.discordoauth2.test.FakeDiscord;
import io.github.discordoauth2.test.FakeDiscordExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.web.HttpSessionOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.web.servlet.ModelAndView;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Specification of {@link DiscordUnauthorizedExceptionResolver}: when it steps in, and
 * that it steps in at most once per token.
 */
class DiscordUnauthorizedExceptionResolverTests {

	private static final ForbiddenException UNAUTHORIZED = ForbiddenException.unauthorized()
		.message("401: Unauthorized")
		.credential(Credential.USER_TOKEN)
		.code(0)
		.discordMessage("401: Unauthorized")
		.build();

	private static final ForbiddenException MISSING_ACCESS = ForbiddenException.forbidden()
		.message("403: Missing Access")
		.credential(Credential.USER_TOKEN)
		.code(50001)
		.discordMessage("Missing Access")
		.build();

	private final HttpSessionOAuth2AuthorizedClientRepository repository = new HttpSessionOAuth2AuthorizedClientRepository();

	private final SecurityContextHolderStrategy securityContext = SecurityContextHolder.getContextHolderStrategy();

	private final Authentication user = UsernamePasswordAuthenticationToken.authenticated("1100000000000000100", null,
			List.of());

	@RegisterExtension
	static FakeDiscordExtension discord = FakeDiscordExtension.withDemoData();

	private final DiscordUnauthorizedExceptionResolver resolver = new DiscordUnauthorizedExceptionResolver("discord",
			() -> this.repository);

	private final FakeDiscord.Tokens tokens = discord.fake().createToken(DemoData.USER_ID, Set.of("identify"));

	private final MockHttpServletRequest request = new MockHttpServletRequest("GET", "/me");

	DiscordUnauthorizedExceptionResolverTests() {
		this.resolver.setSecurityContextHolderStrategy(this.securityContext);
		this.securityContext.setContext(new SecurityContextImpl(this.user));
		this.request.setQueryString("x=1");
	}

	@AfterEach
	void clearSecurityContext() {
		this.securityContext.clearContext();
	}

	@Test
	void marksTheTokenExpiredAndRetriesTheSameUrlOnce() {
		store(this.tokens.refreshToken());
		handedToController(this.tokens.accessToken());
		discord.fake().expireAccessToken(this.tokens.accessToken());

		MockHttpServletResponse response = new MockHttpServletResponse();
		ModelAndView first = this.resolver.resolveException(this.request, response, null, UNAUTHORIZED);

		assertThat(first).isNotNull();
		assertThat(response.getRedirectedUrl()).isEqualTo("/me?x=1");
		OAuth2AuthorizedClient stored = load();
		assertThat(stored.getAccessToken().getExpiresAt()).isBefore(Instant.now());
		assertThat(stored.getRefreshToken().getTokenValue()).isEqualTo(this.tokens.refreshToken());
		// Another request that held the same token, while it is set aside: sent again
		// too, its next use refreshes.
		MockHttpServletResponse concurrent = new MockHttpServletResponse();
		assertThat(this.resolver.resolveException(this.request, concurrent, null, UNAUTHORIZED)).isNotNull();
		assertThat(concurrent.getRedirectedUrl()).isEqualTo("/me?x=1");
		// The same token failing again once it is back in the store (the refresh did not
		// replace it) is not sent round in a loop: the answer names the cause.
		store(this.tokens.refreshToken());
		MockHttpServletResponse again = new MockHttpServletResponse();
		assertThat(this.resolver.resolveException(this.request, again, null, UNAUTHORIZED)).isNotNull();
		assertThat(again.getStatus()).isEqualTo(401);
		assertThat(again.getErrorMessage()).isEqualTo(DiscordUnauthorized.MESSAGE);
	}

	@Test
	void aPostIsAnswered401NamingTheCauseAndTheTokenIsSetAside() {
		store(this.tokens.refreshToken());
		handedToController(this.tokens.accessToken());
		discord.fake().revokeToken(this.tokens.accessToken());
		this.request.setMethod("POST");

		MockHttpServletResponse response = new MockHttpServletResponse();
		assertThat(this.resolver.resolveException(this.request, response, null, UNAUTHORIZED)).isNotNull();

		assertThat(response.getStatus()).isEqualTo(401);
		assertThat(response.getErrorMessage()).contains("Discord refused the user's access token (HTTP 401)")
			.contains("removed the application")
			.doesNotContain(this.tokens.accessToken());
		assertThat(response.getRedirectedUrl()).isNull();
		assertThat(load().getAccessToken().getExpiresAt()).isBefore(Instant.now());
	}

	@Test
	void forgetsTheAuthorizedClientWithoutRefreshToken() {
		store(null);
		handedToController(this.tokens.accessToken());
		discord.fake().revokeToken(this.tokens.accessToken());

		assertThat(this.resolver.resolveException(this.request, new MockHttpServletResponse(), null, UNAUTHORIZED))
			.isNotNull();
		assertThat(load()).isNull();
	}

	@Test
	void leavesA401OfACallWithTheBotTokenAlone() {
		store(this.tokens.refreshToken());
		handedToController(this.tokens.accessToken());
		ForbiddenException botTokenRefused = ForbiddenException.unauthorized()
			.message("401: Unauthorized")
			.credential(Credential.BOT_TOKEN)
			.code(0)
			.discordMessage("401: Unauthorized")
			.build();

		assertThat(this.resolver.resolveException(this.request, new MockHttpServletResponse(), null, botTokenRefused))
			.isNull();
		assertThat(load().getAccessToken().getExpiresAt()).isAfter(Instant.now());
		assertThat(discord.fake().journal()).as("no call to Discord to find out").isEmpty();
	}

	@Test
	void withRefreshOnUnauthorizedOffARefusedStoredTokenIsLeftToTheApplication() {
		this.resolver.setRefreshOnUnauthorized(false);
		store(this.tokens.refreshToken());
		handedToController(this.tokens.accessToken());

		assertThat(this.resolver.resolveException(this.request, new MockHttpServletResponse(), null, UNAUTHORIZED))
			.isNull();
		assertThat(load().getAccessToken().getExpiresAt()).isAfter(Instant.now());
	}

	@Test
	void aRevokedUsersPageLeadsToTheLoginNotAnErrorPage() {
		// Logged out or revoked on another instance: nothing is stored any more.
		handedToController(this.tokens.accessToken());

		MockHttpServletResponse response = new MockHttpServletResponse();
		assertThat(this.resolver.resolveException(this.request, response, null, UNAUTHORIZED)).isNotNull();
		assertThat(response.getRedirectedUrl()).isEqualTo("/me?x=1");

		this.request.setMethod("POST");
		MockHttpServletResponse post = new MockHttpServletResponse();
		assertThat(this.resolver.resolveException(this.request, post, null, UNAUTHORIZED)).isNotNull();
		assertThat(post.getStatus()).isEqualTo(401);
	}

	@Test
	void leavesOtherFailuresAlone() {
		store(this.tokens.refreshToken());
		handedToController(this.tokens.accessToken());
		discord.fake().expireAccessToken(this.tokens.accessToken());

		assertThat(this.resolver.resolveException(this.request, new MockHttpServletResponse(), null, MISSING_ACCESS))
			.isNull();
		assertThat(this.resolver.resolveException(this.request, new MockHttpServletResponse(), null,
				new IllegalStateException("boom")))
			.isNull();
		assertThat(load().getAccessToken().getExpiresAt()).isAfter(Instant.now());
	}

	@Test
	void leavesRequestsWithoutAccessTokenArgumentAlone() {
		store(this.tokens.refreshToken());
		discord.fake().expireAccessToken(this.tokens.accessToken());

		assertThat(this.resolver.resolveException(this.request, new MockHttpServletResponse(), null, UNAUTHORIZED))
			.isNull();
		assertThat(load().getAccessToken().getExpiresAt()).isAfter(Instant.now());
	}

	@Test
	void aTokenReplacedWhileTheRequestRanSendsAGetAgainWithTheNewerTokenWhateverTheSetting() {
		this.resolver.setRefreshOnUnauthorized(false);
		store(this.tokens.refreshToken());
		handedToController("an-older-access-token");

		MockHttpServletResponse response = new MockHttpServletResponse();
		assertThat(this.resolver.resolveException(this.request, response, null, UNAUTHORIZED)).isNotNull();

		assertThat(response.getRedirectedUrl()).isEqualTo("/me?x=1");
		assertThat(load().getAccessToken().getExpiresAt()).as("the newer token is not refreshed")
			.isAfter(Instant.now());
		// Another request of the user that held the same old token, at the same time:
		// sent again too, not answered with an error.
		MockHttpServletResponse concurrent = new MockHttpServletResponse();
		assertThat(this.resolver.resolveException(this.request, concurrent, null, UNAUTHORIZED)).isNotNull();
		assertThat(concurrent.getRedirectedUrl()).isEqualTo("/me?x=1");
	}

	@Test
	void aTokenReplacedWhileAPostRanIsAnswered409NamingTheCause() {
		store(this.tokens.refreshToken());
		handedToController("an-older-access-token");
		this.request.setMethod("POST");

		MockHttpServletResponse response = new MockHttpServletResponse();
		assertThat(this.resolver.resolveException(this.request, response, null, UNAUTHORIZED)).isNotNull();

		assertThat(response.getStatus()).isEqualTo(409);
		assertThat(response.getErrorMessage()).isEqualTo(DiscordUnauthorized.REPLACED_MESSAGE)
			.contains("Send the request again");
		assertThat(response.getRedirectedUrl()).isNull();
		assertThat(load().getAccessToken().getExpiresAt()).isAfter(Instant.now());
	}

	private void handedToController(String accessToken) {
		this.request.setAttribute(DiscordAccessTokenArgumentResolver.RESOLVED_TOKEN_ATTRIBUTE, new OAuth2AccessToken(
				OAuth2AccessToken.TokenType.BEARER, accessToken, Instant.now(), Instant.now().plusSeconds(600)));
	}

	private void store(String refreshToken) {
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
		OAuth2AuthorizedClient client = new OAuth2AuthorizedClient(registration, this.user.getName(), accessToken,
				(refreshToken != null) ? new OAuth2RefreshToken(refreshToken, issuedAt) : null);
		this.repository.saveAuthorizedClient(client, this.user, this.request, new MockHttpServletResponse());
	}

	private OAuth2AuthorizedClient load() {
		return this.repository.loadAuthorizedClient("discord", this.user, this.request);
	}

}
