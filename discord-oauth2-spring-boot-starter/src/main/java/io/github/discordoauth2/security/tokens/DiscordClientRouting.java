package io.github.discordoauth2.security.tokens;

import io.github.discordoauth2.security.DiscordClientRegistrations;
import io.github.discordoauth2.security.DiscordOAuth2User;
import org.jspecify.annotations.Nullable;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.client.authentication.OAuth2LoginAuthenticationToken;
import org.springframework.security.oauth2.core.user.OAuth2User;
import org.springframework.util.Assert;

/**
 * Where an authorized client that Spring Security loads, saves or removes for a principal
 * belongs, decided once for both web stacks' authorized client repositories: another
 * registration's goes to Spring Security's repository, a Discord login's to the token
 * store under its Discord user ID, a signed-in local account's to the Discord account it
 * has connected ({@link DiscordAccountLinks}), and anyone else's (anonymous, not signed
 * in, a Discord login without a user ID) nowhere shared, only to the user's own session.
 * It reads the authentication alone, never the store, so it costs nothing and never
 * blocks; whether a local account has a link is the repositories' next question.
 *
 * <p>
 * A Discord login is recognised by its registration, never by a name: a form user whose
 * name is someone's Discord ID is a local account. Both Spring Security's finished login
 * ({@link OAuth2AuthenticationToken}, which the servlet login saves with) and the login
 * in progress ({@link OAuth2LoginAuthenticationToken}, which the WebFlux login saves
 * with) count.
 *
 * @since 0.1.0
 */
public final class DiscordClientRouting {

	private final String discordRegistrationId;

	/**
	 * Creates the routing for one Discord registration.
	 * @param discordRegistrationId the ID of the Discord registration, e.g.
	 * {@code discord}
	 */
	public DiscordClientRouting(String discordRegistrationId) {
		Assert.hasText(discordRegistrationId, "discordRegistrationId must not be empty");
		this.discordRegistrationId = discordRegistrationId;
	}

	/**
	 * The Discord registration this routing is for.
	 * @return e.g. {@code discord}
	 */
	public String discordRegistrationId() {
		return this.discordRegistrationId;
	}

	/**
	 * Where the authorized client of a registration goes for a principal.
	 * @param registrationId the registration of the authorized client
	 * @param principal the principal it is loaded, saved or removed for, or {@code null}
	 * @return the route
	 */
	public Route route(String registrationId, @Nullable Authentication principal) {
		if (!this.discordRegistrationId.equals(registrationId)) {
			return Route.DELEGATE;
		}
		if (principal == null) {
			return Route.NONE;
		}
		String loginRegistration = loginRegistrationOf(principal);
		if (this.discordRegistrationId.equals(loginRegistration)) {
			Long userId = discordUserIdOf(principal);
			return (userId != null) ? Route.discordUser(userId) : Route.NONE;
		}
		if (principal instanceof OAuth2LoginAuthenticationToken || !principal.isAuthenticated()
				|| principal instanceof AnonymousAuthenticationToken) {
			// Another provider's login still in progress is nobody's local account yet.
			return Route.NONE;
		}
		return Route.LOCAL_ACCOUNT;
	}

	/**
	 * Whether a principal is a local account that can connect Discord: signed in, not
	 * anonymous, and not a Discord login.
	 * @param principal the principal, or {@code null}
	 * @return whether its Discord tokens are those of a connected account
	 */
	public boolean isLocalAccount(@Nullable Authentication principal) {
		return route(this.discordRegistrationId, principal).target() == Target.LOCAL_ACCOUNT;
	}

	private static @Nullable String loginRegistrationOf(Authentication principal) {
		if (principal instanceof OAuth2AuthenticationToken login) {
			return login.getAuthorizedClientRegistrationId();
		}
		if (principal instanceof OAuth2LoginAuthenticationToken login) {
			return login.getClientRegistration().getRegistrationId();
		}
		return null;
	}

	private static @Nullable Long discordUserIdOf(Authentication principal) {
		Object user = principal.getPrincipal();
		if (user instanceof DiscordOAuth2User discordUser) {
			return discordUser.id();
		}
		// An application's own user service: the id of Discord's user object.
		Object id = (user instanceof OAuth2User oauth2User)
				? oauth2User.getAttributes().get(DiscordClientRegistrations.USER_NAME_ATTRIBUTE) : null;
		if (id == null) {
			return null;
		}
		try {
			return Long.parseLong(id.toString());
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	/**
	 * Where an authorized client goes.
	 */
	public enum Target {

		/** Another registration: Spring Security's repository keeps it. */
		DELEGATE,

		/** A Discord login: the token store, under {@link Route#discordUserId()}. */
		DISCORD_USER,

		/**
		 * A signed-in local account: the token store, under the Discord user its link
		 * names, if any; saving a fresh authorization connects it.
		 */
		LOCAL_ACCOUNT,

		/**
		 * No one whose tokens may be shared: only the user's own session keeps them.
		 */
		NONE

	}

	/**
	 * A routing decision.
	 *
	 * @param target where the authorized client goes
	 * @param discordUserId the Discord user ID, only for {@link Target#DISCORD_USER}
	 */
	public record Route(Target target, @Nullable Long discordUserId) {

		static final Route DELEGATE = new Route(Target.DELEGATE, null);

		static final Route LOCAL_ACCOUNT = new Route(Target.LOCAL_ACCOUNT, null);

		static final Route NONE = new Route(Target.NONE, null);

		/**
		 * Checks that only a Discord login carries a Discord user ID.
		 * @param target where the authorized client goes
		 * @param discordUserId the Discord user ID, only for {@link Target#DISCORD_USER}
		 */
		public Route {
			Assert.notNull(target, "target must not be null");
			Assert.isTrue((target == Target.DISCORD_USER) == (discordUserId != null),
					"discordUserId is given for a Discord login, and only for it");
		}

		static Route discordUser(long userId) {
			return new Route(Target.DISCORD_USER, userId);
		}

		/**
		 * The Discord user ID of a {@link Target#DISCORD_USER} route.
		 * @return the ID
		 * @throws IllegalStateException for any other route
		 */
		public long requireDiscordUserId() {
			Long id = this.discordUserId;
			if (id == null) {
				throw new IllegalStateException("Only a Discord login's route names a Discord user");
			}
			return id;
		}

	}

}
