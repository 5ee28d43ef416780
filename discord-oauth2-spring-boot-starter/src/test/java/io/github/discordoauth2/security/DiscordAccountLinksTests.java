package io.github.discordoauth2.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.github.discordoauth2.Client;
import io.github.discordoauth2.security.tokens.DiscordAccountLinks;
import io.github.discordoauth2.security.tokens.DiscordTokens;
import io.github.discordoauth2.security.tokens.InMemoryDiscordTokenStore;
import org.junit.jupiter.api.Test;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.user.DefaultOAuth2User;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The keys of account linking name a local account by what never changes: another
 * provider's registration and subject, or the application's own identifier.
 */
class DiscordAccountLinksTests {

	private final DiscordTokens tokens = new DiscordTokens(
			Client.builder().clientId(1100000000000000001L).clientSecret("s3cret").build(), "discord",
			new InMemoryDiscordTokenStore(10, Clock.systemUTC()), (event) -> {
			}, Duration.ofSeconds(60), Duration.ofSeconds(3));

	@Test
	void anOpenIdConnectLoginIsKeyedByItsSubjectNotByTheNameItShows() {
		OidcIdToken idToken = new OidcIdToken("id-token", Instant.now(), Instant.now().plusSeconds(60),
				Map.of("sub", "110169484474386276334", "email", "alice@example.com"));
		DefaultOidcUser user = new DefaultOidcUser(AuthorityUtils.createAuthorityList("OIDC_USER"), idToken, "email");
		OAuth2AuthenticationToken google = new OAuth2AuthenticationToken(user, user.getAuthorities(), "google");

		assertThat(new DiscordAccountLinks(this.tokens).accountKey(google))
			.isEqualTo("oauth2:google:110169484474386276334");
	}

	@Test
	void anOAuth2LoginIsKeyedByItsRegistrationAndNameAttribute() {
		DefaultOAuth2User user = new DefaultOAuth2User(AuthorityUtils.createAuthorityList("OAUTH2_USER"),
				Map.of("id", "583231", "login", "octocat"), "id");
		OAuth2AuthenticationToken github = new OAuth2AuthenticationToken(user, user.getAuthorities(), "github");

		assertThat(new DiscordAccountLinks(this.tokens).accountKey(github)).isEqualTo("oauth2:github:583231");
	}

	@Test
	void anyOtherLoginIsKeyedByTheApplicationsIdentifierAndByNameWithoutOne() {
		UsernamePasswordAuthenticationToken alice = UsernamePasswordAuthenticationToken.authenticated("Alice", null,
				List.of());

		assertThat(new DiscordAccountLinks(this.tokens).accountKey(alice)).isEqualTo("local:Alice");
		assertThat(new DiscordAccountLinks(this.tokens, (authentication) -> "42", 1).accountKey(alice))
			.isEqualTo("local:42");
	}

}
