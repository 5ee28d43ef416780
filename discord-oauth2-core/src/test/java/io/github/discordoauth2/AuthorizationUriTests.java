package io.github.discordoauth2;

import java.math.BigInteger;
import java.net.URI;

import io.github.discordoauth2.model.Permission;
import io.github.discordoauth2.model.Permissions;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class AuthorizationUriTests {

	private final Client client = Client.builder()
		.clientId(1100000000000000001L)
		.clientSecret("secret")
		.redirectUri("http://localhost:8080/login/oauth2/code/discord")
		.build();

	@Test
	void minimalUriHasClientIdResponseTypeRedirectAndScopesJoinedWithPercent20() {
		URI uri = this.client.generateUri(Scopes.IDENTIFY, Scopes.GUILDS, Scopes.GUILDS_MEMBERS_READ);
		assertThat(uri.toString()).isEqualTo("https://discord.com/oauth2/authorize?client_id=1100000000000000001"
				+ "&response_type=code&redirect_uri=http%3A%2F%2Flocalhost%3A8080%2Flogin%2Foauth2%2Fcode%2Fdiscord"
				+ "&scope=identify%20guilds%20guilds.members.read");
		assertThat(uri.toString()).doesNotContain("integration_type").doesNotContain("+").doesNotContain("prompt");
	}

	@Test
	void everyParameterIsSentWhenAsked() {
		Pkce pkce = Pkce.create();
		AuthorizationRequest request = AuthorizationRequest.builder()
			.scopes(Scopes.BOT, Scopes.APPLICATIONS_COMMANDS)
			.state("st ate/1")
			.prompt(Prompt.CONSENT)
			.integrationType(IntegrationType.GUILD_INSTALL)
			.permissions(556302458433L)
			.guildId(1200000000000000002L)
			.disableGuildSelect(true)
			.codeChallenge(pkce.challenge())
			.build();
		String uri = this.client.generateUri(request).toString();
		assertThat(uri).contains("&scope=bot%20applications.commands")
			.contains("&state=st%20ate%2F1")
			.contains("&prompt=consent")
			.contains("&integration_type=0")
			.contains("&permissions=556302458433")
			.contains("&guild_id=1200000000000000002")
			.contains("&disable_guild_select=true")
			.contains("&code_challenge=" + pkce.challenge() + "&code_challenge_method=S256");
	}

	@Test
	void promptNoneUserInstallAndImplicitResponseType() {
		String uri = this.client
			.generateUri(AuthorizationRequest.builder()
				.scopes(Scopes.IDENTIFY)
				.prompt(Prompt.NONE)
				.integrationType(IntegrationType.USER_INSTALL)
				.responseType("token")
				.disableGuildSelect(false)
				.build())
			.toString();
		assertThat(uri).contains("response_type=token")
			.contains("&prompt=none")
			.contains("&integration_type=1")
			.contains("&disable_guild_select=false");
	}

	@Test
	void requestRedirectUriOverridesTheClientsAndBaseUrlIsUsed() {
		Client local = Client.builder().clientId(42).baseUrl("http://127.0.0.1:9999/").build();
		String uri = local
			.generateUri(
					AuthorizationRequest.builder().scopes("identify").redirectUri("https://app.example/cb?x=1").build())
			.toString();
		assertThat(uri).startsWith("http://127.0.0.1:9999/oauth2/authorize?client_id=42&response_type=code")
			.contains("redirect_uri=https%3A%2F%2Fapp.example%2Fcb%3Fx%3D1");
		assertThat(local.authorizationEndpoint()).hasToString("http://127.0.0.1:9999/oauth2/authorize");
		assertThat(local.tokenEndpoint()).hasToString("http://127.0.0.1:9999/api/v10/oauth2/token");
	}

	@Test
	void withoutAnyRedirectUriNoneIsSent() {
		Client noRedirect = Client.builder().clientId(42).build();
		assertThat(noRedirect.generateUri(Scopes.IDENTIFY).toString()).doesNotContain("redirect_uri");
		assertThat(noRedirect.redirectUri()).isEmpty();
	}

	@Test
	void aBotInviteIsDiscordsPlainInviteWithoutRedirectOrResponseType() {
		String invite = this.client.generateUri(Scopes.BOT).toString();
		assertThat(invite).isEqualTo("https://discord.com/oauth2/authorize?client_id=1100000000000000001&scope=bot");

		String withCommands = this.client
			.generateUri(AuthorizationRequest.builder()
				.scopes(Scopes.BOT, Scopes.APPLICATIONS_COMMANDS)
				.permissions(8)
				.guildId(1200000000000000002L)
				.build())
			.toString();
		assertThat(withCommands).isEqualTo("https://discord.com/oauth2/authorize?client_id=1100000000000000001"
				+ "&scope=bot%20applications.commands&permissions=8&guild_id=1200000000000000002");
		assertThat(this.client.generateUri(Scopes.APPLICATIONS_COMMANDS).toString()).doesNotContain("redirect_uri")
			.doesNotContain("response_type");
	}

	@Test
	void aBotInviteTakesItsPermissionsAsASet() {
		String invite = this.client
			.generateUri(AuthorizationRequest.builder()
				.scopes(Scopes.BOT)
				.permissions(Permissions.of(Permission.MANAGE_ROLES, Permission.CREATE_INSTANT_INVITE))
				.build())
			.toString();
		assertThat(invite).endsWith("&scope=bot&permissions=268435457");
		assertThatIllegalArgumentException().isThrownBy(
				() -> AuthorizationRequest.builder().permissions(new Permissions(BigInteger.ONE.shiftLeft(63))));
	}

	@Test
	void advancedBotAuthorizationRedirectsWithACodeWhenTheRequestAsksForIt() {
		String byResponseType = this.client
			.generateUri(AuthorizationRequest.builder().scopes(Scopes.BOT).responseType("code").state("s1").build())
			.toString();
		assertThat(byResponseType).contains("&response_type=code")
			.contains("&redirect_uri=http%3A%2F%2Flocalhost%3A8080%2Flogin%2Foauth2%2Fcode%2Fdiscord")
			.contains("&state=s1");

		String byRedirect = this.client
			.generateUri(AuthorizationRequest.builder()
				.scopes(Scopes.BOT, Scopes.APPLICATIONS_COMMANDS)
				.redirectUri("https://app.example/bot-added")
				.build())
			.toString();
		assertThat(byRedirect).contains("&response_type=code")
			.contains("&redirect_uri=https%3A%2F%2Fapp.example%2Fbot-added");
	}

	@Test
	void aBotWithAUserScopeIsALoginAndKeepsTheRedirect() {
		assertThat(this.client.generateUri(Scopes.BOT, Scopes.IDENTIFY).toString()).contains("&response_type=code")
			.contains("&redirect_uri=");
		assertThat(this.client.generateUri(Scopes.WEBHOOK_INCOMING).toString()).contains("&redirect_uri=");
	}

	@Test
	void roleConnectionsWriteWithPkceIsRefusedBeforeAnyRequestSayingWhyAndWhatToDo() {
		AuthorizationRequest.Builder request = AuthorizationRequest.builder()
			.scopes(Scopes.IDENTIFY, Scopes.ROLE_CONNECTIONS_WRITE)
			.state("s")
			.codeChallenge(Pkce.create().challenge());
		assertThatIllegalArgumentException().isThrownBy(request::build)
			.withMessageContaining("role_connections.write")
			.withMessageContaining("PKCE")
			.withMessageContaining("error=invalid_scope")
			.withMessageContaining("#5751")
			.withMessageContaining("linked-roles metadata")
			.withMessageContaining("without codeChallenge(..)");
	}

	@Test
	void roleConnectionsWriteWithTheImplicitGrantIsRefused() {
		AuthorizationRequest.Builder request = AuthorizationRequest.builder()
			.scopes(Scopes.ROLE_CONNECTIONS_WRITE)
			.responseType("token");
		assertThatIllegalArgumentException().isThrownBy(request::build)
			.withMessageContaining("role_connections.write")
			.withMessageContaining("implicit grant")
			.withMessageContaining("error=invalid_scope")
			.withMessageContaining("#5885")
			.withMessageContaining("confidential code flow");
	}

	@Test
	void roleConnectionsWriteWithTheConfidentialCodeFlowIsFine() {
		String uri = this.client
			.generateUri(AuthorizationRequest.builder()
				.scopes(Scopes.IDENTIFY, Scopes.ROLE_CONNECTIONS_WRITE)
				.state("s")
				.build())
			.toString();
		assertThat(uri).contains("&response_type=code")
			.contains("&scope=identify%20role_connections.write")
			.doesNotContain("code_challenge");
		assertThat(this.client.generateUri(AuthorizationRequest.builder()
			.scopes(Scopes.IDENTIFY)
			.codeChallenge(Pkce.create().challenge())
			.build())).isNotNull();
	}

	@Test
	void duplicateScopesAreSentOnce() {
		assertThat(this.client.generateUri("identify", "email", "identify").toString())
			.endsWith("&scope=identify%20email");
	}

	@Test
	void badRequestsAreRefusedNamingTheArgument() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.client.generateUri())
			.withMessageContaining("scopes");
		assertThatIllegalArgumentException().isThrownBy(() -> AuthorizationRequest.builder().scopes("two words"))
			.withMessageContaining("scopes");
		assertThatIllegalArgumentException().isThrownBy(() -> AuthorizationRequest.builder().guildId(0))
			.withMessageContaining("guildId");
		assertThatIllegalArgumentException().isThrownBy(() -> AuthorizationRequest.builder().redirectUri("/relative"))
			.withMessageContaining("redirectUri");
		assertThatIllegalArgumentException().isThrownBy(() -> AuthorizationRequest.builder().responseType("id_token"))
			.withMessageContaining("responseType");
		assertThatIllegalArgumentException().isThrownBy(() -> AuthorizationRequest.builder().state(" "))
			.withMessageContaining("state");
	}

	@Test
	void randomStatesAreUrlSafeAndDistinct() {
		String a = AuthorizationRequest.randomState();
		String b = AuthorizationRequest.randomState();
		assertThat(a).matches("[A-Za-z0-9_-]{43}").isNotEqualTo(b);
	}

	@Test
	void pkceMatchesRfc7636AppendixB() {
		Pkce pkce = Pkce.of("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk");
		assertThat(pkce.challenge()).isEqualTo("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
		assertThat(pkce.method()).isEqualTo("S256");
		assertThat(pkce.toString()).doesNotContain(pkce.verifier());
	}

	@Test
	void pkceCreateMakesAFreshValidPair() {
		Pkce a = Pkce.create();
		Pkce b = Pkce.create();
		assertThat(a.verifier()).hasSize(43).isNotEqualTo(b.verifier());
		assertThat(Pkce.challengeOf(a.verifier())).isEqualTo(a.challenge());
		assertThatIllegalArgumentException().isThrownBy(() -> new Pkce(a.verifier(), b.challenge()))
			.withMessageContaining("challenge");
		assertThatIllegalArgumentException().isThrownBy(() -> Pkce.of("short")).withMessageContaining("verifier");
	}

}
