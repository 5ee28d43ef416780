package io.github.discordoauth2.security;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.discordoauth2.autoconfigure.DiscordOAuth2ClientAutoConfiguration;
import io.github.discordoauth2.autoconfigure.DiscordOAuth2TokenStoreAutoConfiguration;
import io.github.discordoauth2.autoconfigure.servlet.DiscordOAuth2AuthorizedClientAutoConfiguration;
import io.github.discordoauth2.autoconfigure.servlet.DiscordOAuth2LoginAutoConfiguration;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.core.serializer.support.DeserializingConverter;
import org.springframework.core.serializer.support.SerializingConverter;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestRedirectFilter;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.core.endpoint.PkceParameterNames;
import org.springframework.security.oauth2.core.user.OAuth2UserAuthority;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the starter puts into the HTTP session, the security context with the
 * {@link DiscordOAuth2User} and the authorization request of a login in progress,
 * survives the serializations of shared session stores: Java serialization (Spring
 * Session JDBC) and Spring Security's Jackson 3 modules (Spring Session Redis' JSON).
 */
class SessionSerializationTests {

	private final JsonMapper json = JsonMapper.builder()
		.addModules(DiscordJacksonModule.withSecurityModules(getClass().getClassLoader()))
		.build();

	@Test
	void securityContextOfADiscordLoginSurvivesJavaSerialization() {
		SecurityContext context = discordLogin();

		SecurityContext copy = (SecurityContext) javaRoundTrip(context);

		assertSameLogin(copy, context);
	}

	@Test
	void securityContextOfADiscordLoginSurvivesSpringSecuritysJackson() {
		SecurityContext context = discordLogin();

		String written = this.json.writeValueAsString(context);
		Object copy = this.json.readValue(written, Object.class);

		assertThat(written).contains(DiscordOAuth2User.class.getName()).doesNotContain("\"user\"");
		assertSameLogin((SecurityContext) copy, context);
	}

	@Test
	void theTimeOfTheLastAuthoritiesCheckTravelsWithThePrincipalBothWays() {
		SecurityContext context = discordLogin();
		Instant checkedAt = ((DiscordOAuth2User) context.getAuthentication().getPrincipal()).authoritiesCheckedAt();
		assertThat(checkedAt).isNotNull();

		SecurityContext viaJava = (SecurityContext) javaRoundTrip(context);
		SecurityContext viaJson = (SecurityContext) this.json.readValue(this.json.writeValueAsString(context),
				Object.class);

		for (SecurityContext copy : List.of(viaJava, viaJson)) {
			assertThat(((DiscordOAuth2User) copy.getAuthentication().getPrincipal()).authoritiesCheckedAt())
				.isEqualTo(checkedAt);
			assertThat(copy.getAuthentication().getAuthorities()).extracting(GrantedAuthority::getAuthority)
				.contains("DISCORD_GUILD_1100000000000000201", "ROLE_MODERATOR");
		}
	}

	@Test
	void jsonWrittenBeforeTheCheckTimeExistedStillReadsAndIsDueAtOnce() {
		String written = this.json.writeValueAsString(discordLogin());
		String older = written.replaceAll(",?\\s*\"authoritiesCheckedAt\"\\s*:\\s*(\"[^\"]*\"|[-+0-9.eE]+|null)", "");
		assertThat(older).isNotEqualTo(written).doesNotContain("authoritiesCheckedAt");

		SecurityContext copy = (SecurityContext) this.json.readValue(older, Object.class);

		DiscordOAuth2User user = (DiscordOAuth2User) copy.getAuthentication().getPrincipal();
		assertThat(user.authoritiesCheckedAt()).isNull();
		assertThat(user.id()).isEqualTo(1100000000000000100L);
	}

	@Test
	void authorizationRequestOfALoginInProgressSurvivesBoth() {
		new WebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(DiscordOAuth2ClientAutoConfiguration.class,
					DiscordOAuth2LoginAutoConfiguration.class, DiscordOAuth2TokenStoreAutoConfiguration.class,
					DiscordOAuth2AuthorizedClientAutoConfiguration.class))
			.withPropertyValues("discord.oauth2.client-id=1100000000000000001", "discord.oauth2.client-secret=s3cret",
					"discord.oauth2.prompt=consent", "discord.oauth2.scopes=identify,email")
			.run((context) -> {
				MockHttpServletRequest request = new MockHttpServletRequest("GET", "/oauth2/authorization/discord");
				request.setServletPath("/oauth2/authorization/discord");
				// As the login filter builds it, from the Discord registration.
				OAuth2AuthorizationRequest authorization = new DefaultOAuth2AuthorizationRequestResolver(
						context.getBean(ClientRegistrationRepository.class),
						OAuth2AuthorizationRequestRedirectFilter.DEFAULT_AUTHORIZATION_REQUEST_BASE_URI)
					.resolve(request);
				assertThat(authorization).isNotNull();
				assertThat((String) authorization.getAttribute(PkceParameterNames.CODE_VERIFIER)).isNotBlank();

				OAuth2AuthorizationRequest viaJava = (OAuth2AuthorizationRequest) javaRoundTrip(authorization);
				OAuth2AuthorizationRequest viaJson = (OAuth2AuthorizationRequest) this.json
					.readValue(this.json.writeValueAsString(authorization), Object.class);

				for (OAuth2AuthorizationRequest copy : List.of(viaJava, viaJson)) {
					assertThat(copy.getAuthorizationRequestUri()).isEqualTo(authorization.getAuthorizationRequestUri())
						.contains("prompt=consent");
					assertThat(copy.getState()).isEqualTo(authorization.getState());
					assertThat(copy.getAttributes()).isEqualTo(authorization.getAttributes());
					assertThat(copy.getAdditionalParameters()).isEqualTo(authorization.getAdditionalParameters());
					assertThat(copy.getScopes()).containsExactlyInAnyOrder("identify", "email");
				}
			});
	}

	private static SecurityContext discordLogin() {
		Map<String, Object> attributes = new LinkedHashMap<>();
		attributes.put("id", "1100000000000000100");
		attributes.put("username", "demo_user");
		attributes.put("discriminator", "0");
		attributes.put("global_name", "Demo User");
		attributes.put("avatar", "8342729096ea3675442027381ff50dfe");
		attributes.put("verified", true);
		attributes.put("email", "demo.user@example.com");
		attributes.put("flags", 64);
		attributes.put("premium_type", 2);
		attributes.put("public_flags", 64);
		attributes.put("mfa_enabled", true);
		attributes.put("locale", "en-US");
		// As the user service builds it: Discord's JSON through the typed user.
		Map<String, Object> asStored = DiscordUserAttributes.toAttributes(DiscordUserAttributes.toUser(attributes));
		List<GrantedAuthority> authorities = List.of(new OAuth2UserAuthority(asStored, "id"),
				new SimpleGrantedAuthority("SCOPE_identify"), new SimpleGrantedAuthority("SCOPE_email"),
				new SimpleGrantedAuthority("DISCORD_GUILD_1100000000000000201"),
				new SimpleGrantedAuthority("DISCORD_ROLE_1100000000000000301"),
				new SimpleGrantedAuthority("ROLE_MODERATOR"));
		DiscordOAuth2User principal = new DiscordOAuth2User(DiscordUserAttributes.toUser(asStored), asStored,
				authorities, Instant.parse("2026-12-01T10:15:30.123456789Z"));
		return new SecurityContextImpl(new OAuth2AuthenticationToken(principal, authorities, "discord"));
	}

	private static void assertSameLogin(SecurityContext copy, SecurityContext original) {
		OAuth2AuthenticationToken token = (OAuth2AuthenticationToken) copy.getAuthentication();
		OAuth2AuthenticationToken expected = (OAuth2AuthenticationToken) original.getAuthentication();
		assertThat(token.getAuthorizedClientRegistrationId()).isEqualTo("discord");
		assertThat(token.getPrincipal()).isInstanceOf(DiscordOAuth2User.class).isEqualTo(expected.getPrincipal());
		DiscordOAuth2User user = (DiscordOAuth2User) token.getPrincipal();
		assertThat(user.id()).isEqualTo(1100000000000000100L);
		assertThat(user.user().globalName()).isEqualTo("Demo User");
		assertThat(token.getAuthorities()).isEqualTo(expected.getAuthorities());
	}

	private static Object javaRoundTrip(Object value) {
		// What Spring Session JDBC does with every attribute.
		byte[] bytes = new SerializingConverter().convert(value);
		return new DeserializingConverter(SessionSerializationTests.class.getClassLoader()).convert(bytes);
	}

}
