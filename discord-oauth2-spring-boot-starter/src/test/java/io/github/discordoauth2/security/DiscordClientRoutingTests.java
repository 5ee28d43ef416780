package io.github.discordoauth2.security;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.github.discordoauth2.security.tokens.DiscordClientRouting;
import io.github.discordoauth2.security.tokens.DiscordClientRouting.Route;
import io.github.discordoauth2.security.tokens.DiscordClientRouting.Target;
import io.github.discordoauth2.test.DemoData;
import org.junit.jupiter.api.Test;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.client.authentication.OAuth2LoginAuthenticationToken;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationExchange;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationResponse;
import org.springframework.security.oauth2.core.user.DefaultOAuth2User;
import org.springframework.security.oauth2.core.user.OAuth2User;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Where both stacks' authorized client repositories send an authorized client, for every
 * kind of principal: decided from the authentication alone, without a store or a context.
 */
class DiscordClientRoutingTests {

	private static final long USER = DemoData.USER_ID;

	private final DiscordClientRouting routing = new DiscordClientRouting("discord");

	@Test
	void anotherRegistrationGoesToSpringSecuritysRepositoryWhoeverAsks() {
		assertThat(this.routing.route("google", discordLogin()).target()).isEqualTo(Target.DELEGATE);
		assertThat(this.routing.route("google", formUser("alice")).target()).isEqualTo(Target.DELEGATE);
		assertThat(this.routing.route("google", null).target()).isEqualTo(Target.DELEGATE);
	}

	@Test
	void aDiscordLoginGoesToItsDiscordUser() {
		Route route = this.routing.route("discord", discordLogin());

		assertThat(route).isEqualTo(new Route(Target.DISCORD_USER, USER));
		assertThat(route.requireDiscordUserId()).isEqualTo(USER);
	}

	@Test
	void aDiscordLoginThroughTheApplicationsOwnUserServiceGoesToTheIdAttribute() {
		OAuth2User user = new DefaultOAuth2User(AuthorityUtils.createAuthorityList("OAUTH2_USER"),
				Map.of("id", Long.toString(USER), "username", DemoData.USERNAME), "username");

		Route route = this.routing.route("discord",
				new OAuth2AuthenticationToken(user, user.getAuthorities(), "discord"));

		assertThat(route).isEqualTo(new Route(Target.DISCORD_USER, USER));
	}

	@Test
	void aDiscordLoginWithoutAUsableIdIsNobodysToShare() {
		OAuth2User user = new DefaultOAuth2User(AuthorityUtils.createAuthorityList("OAUTH2_USER"),
				Map.of("id", "not-a-number", "username", DemoData.USERNAME), "username");

		Route route = this.routing.route("discord",
				new OAuth2AuthenticationToken(user, user.getAuthorities(), "discord"));

		assertThat(route.target()).isEqualTo(Target.NONE);
		assertThat(this.routing.isLocalAccount(new OAuth2AuthenticationToken(user, user.getAuthorities(), "discord")))
			.as("a Discord login is never a local account")
			.isFalse();
	}

	@Test
	void aDiscordLoginInProgressAsWebFluxSavesItGoesToItsDiscordUser() {
		Route route = this.routing.route("discord", loginInProgress("discord", discordUser()));

		assertThat(route).isEqualTo(new Route(Target.DISCORD_USER, USER));
	}

	@Test
	void anotherProvidersLoginInProgressIsNobodysLocalAccountYet() {
		OAuth2User partner = new DefaultOAuth2User(AuthorityUtils.createAuthorityList("OAUTH2_USER"),
				Map.of("sub", "123"), "sub");

		assertThat(this.routing.route("discord", loginInProgress("partner", partner)).target()).isEqualTo(Target.NONE);
	}

	@Test
	void aFormUserNamedLikeADiscordIdIsALocalAccountNeverThatDiscordUser() {
		Route route = this.routing.route("discord", formUser(Long.toString(USER)));

		assertThat(route).isEqualTo(new Route(Target.LOCAL_ACCOUNT, null));
		assertThat(this.routing.isLocalAccount(formUser(Long.toString(USER)))).isTrue();
	}

	@Test
	void anotherProvidersSignedInUserIsALocalAccount() {
		OAuth2User google = new DefaultOAuth2User(AuthorityUtils.createAuthorityList("OAUTH2_USER"),
				Map.of("sub", "g-1", "id", Long.toString(USER)), "sub");

		Route route = this.routing.route("discord",
				new OAuth2AuthenticationToken(google, google.getAuthorities(), "google"));

		assertThat(route.target()).isEqualTo(Target.LOCAL_ACCOUNT);
	}

	@Test
	void noPrincipalAnAnonymousOneOrOneNotSignedInKeepsItInTheSession() {
		Authentication anonymous = new AnonymousAuthenticationToken("key", "anonymousUser",
				AuthorityUtils.createAuthorityList("ROLE_ANONYMOUS"));
		Authentication notSignedIn = UsernamePasswordAuthenticationToken.unauthenticated("alice", "pw");

		assertThat(this.routing.route("discord", null).target()).isEqualTo(Target.NONE);
		assertThat(this.routing.route("discord", anonymous).target()).isEqualTo(Target.NONE);
		assertThat(this.routing.route("discord", notSignedIn).target()).isEqualTo(Target.NONE);
		assertThat(this.routing.isLocalAccount(anonymous)).isFalse();
	}

	@Test
	void onlyADiscordLoginsRouteNamesADiscordUser() {
		assertThatIllegalArgumentException().isThrownBy(() -> new Route(Target.DISCORD_USER, null));
		assertThatIllegalArgumentException().isThrownBy(() -> new Route(Target.LOCAL_ACCOUNT, USER));
		assertThatIllegalStateException().isThrownBy(() -> new Route(Target.NONE, null).requireDiscordUserId());
	}

	@Test
	void routesForTheRegistrationItWasMadeFor() {
		DiscordClientRouting other = new DiscordClientRouting("discord-beta");

		assertThat(other.route("discord", discordLogin()).target()).isEqualTo(Target.DELEGATE);
		assertThat(other.route("discord-beta", discordLogin()).target())
			.as("a login of the other Discord registration is not this one's")
			.isEqualTo(Target.LOCAL_ACCOUNT);
	}

	private static DiscordOAuth2User discordUser() {
		Map<String, Object> attributes = Map.of("id", Long.toString(USER), "username", DemoData.USERNAME,
				"discriminator", "0");
		return new DiscordOAuth2User(attributes, AuthorityUtils.createAuthorityList("OAUTH2_USER"));
	}

	private static OAuth2AuthenticationToken discordLogin() {
		DiscordOAuth2User user = discordUser();
		return new OAuth2AuthenticationToken(user, user.getAuthorities(), "discord");
	}

	private static Authentication formUser(String name) {
		return UsernamePasswordAuthenticationToken.authenticated(name, null,
				AuthorityUtils.createAuthorityList("ROLE_USER"));
	}

	private static OAuth2LoginAuthenticationToken loginInProgress(String registrationId, OAuth2User user) {
		ClientRegistration registration = ClientRegistration.withRegistrationId(registrationId)
			.clientId("client")
			.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
			.redirectUri("https://app.example/login/oauth2/code/" + registrationId)
			.authorizationUri("https://idp.example/authorize")
			.tokenUri("https://idp.example/token")
			.build();
		OAuth2AuthorizationRequest request = OAuth2AuthorizationRequest.authorizationCode()
			.authorizationUri("https://idp.example/authorize")
			.clientId("client")
			.redirectUri(registration.getRedirectUri())
			.state("state")
			.build();
		OAuth2AuthorizationResponse response = OAuth2AuthorizationResponse.success("code")
			.redirectUri(registration.getRedirectUri())
			.state("state")
			.build();
		OAuth2AccessToken accessToken = new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, "access",
				Instant.now(), Instant.now().plusSeconds(60));
		return new OAuth2LoginAuthenticationToken(registration, new OAuth2AuthorizationExchange(request, response),
				user, List.copyOf(user.getAuthorities()), accessToken);
	}

}
