package io.github.discordoauth2.test.web.servlet;

import io.github.discordoauth2.test.web.DiscordLoginSpec;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.util.Assert;
import org.springframework.web.context.WebApplicationContext;
import org.springframework.web.context.support.WebApplicationContextUtils;

/**
 * A Discord login for MockMvc requests, in {@code @WebMvcTest} slices and in
 * {@code @SpringBootTest} with {@code @AutoConfigureMockMvc}:
 *
 * <pre class="code">
 * mvc.perform(get("/me").with(discordLogin().tokensFrom(discord.fake())))
 *     .andExpect(content().string("Hello Demo User"));
 * </pre>
 *
 * The request is authenticated as the Discord user and the user's tokens are stored in
 * the application's token store, so that {@code AccessToken} arguments resolve. Needs
 * Spring Security's MockMvc support, which Spring Boot applies with
 * {@code spring-boot-starter-security-test}.
 *
 * @since 0.1.0
 */
public final class DiscordMockMvc {

	private DiscordMockMvc() {
	}

	/**
	 * A login as FakeDiscord's demo user, with the registration's scopes and made-up
	 * tokens; see {@link DiscordLoginSpec} for the settings.
	 * @return the post-processor
	 */
	public static DiscordLogin discordLogin() {
		return new DiscordLogin();
	}

	/**
	 * The request post-processor of {@link #discordLogin()}.
	 */
	public static final class DiscordLogin extends DiscordLoginSpec<DiscordLogin> implements RequestPostProcessor {

		private DiscordLogin() {
		}

		@Override
		public MockHttpServletRequest postProcessRequest(MockHttpServletRequest request) {
			WebApplicationContext context = WebApplicationContextUtils
				.getRequiredWebApplicationContext(request.getServletContext());
			ClientRegistration registration = context.getBean(ClientRegistrationRepository.class)
				.findByRegistrationId(registrationId());
			Assert.state(registration != null, () -> "The application has no client registration '" + registrationId()
					+ "': set discordLogin().registrationId(...) to its discord.oauth2.registration-id");
			OAuth2AuthenticationToken authentication = authentication(registration);
			OAuth2AuthorizedClient authorized = authorizedClient(registration);
			context.getBean(OAuth2AuthorizedClientRepository.class)
				.saveAuthorizedClient(authorized, authentication, request, new MockHttpServletResponse());
			return SecurityMockMvcRequestPostProcessors.authentication(authentication).postProcessRequest(request);
		}

	}

}
