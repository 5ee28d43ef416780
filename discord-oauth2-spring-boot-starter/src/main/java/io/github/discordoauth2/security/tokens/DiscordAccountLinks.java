package io.github.discordoauth2.security.tokens;

import java.util.Optional;

import io.github.discordoauth2.AccessToken;
import io.github.discordoauth2.security.web.DiscordConnectConfigurer;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.util.Assert;

/**
 * Account linking: a user signed in some other way (a form, another provider) connects
 * their Discord account ("Connect Discord", see {@link DiscordConnectConfigurer}), and
 * from then on gets their own Discord token wherever a controller takes an
 * {@link AccessToken}; the principal stays the local one.
 *
 * <p>
 * The tokens are kept in the {@link DiscordTokenStore} under the Discord user ID that
 * Discord reports for them ({@code GET /users/@me} with the new token), beside a link
 * from the local account to that ID. A link is written only when the signed-in user
 * completes a Discord authorization whose {@code state} Spring Security has checked
 * against their session, never from an ID a request names, so no local account can reach
 * another user's token.
 *
 */
public final class DiscordAccountLinks {

	private static final Log logger = LogFactory.getLog(DiscordAccountLinks.class);

	private final DiscordTokens tokens;

	/**
	 * Creates the links on the tokens' store.
	 * @param tokens the Discord tokens, whose store also keeps the links
	 */
	public DiscordAccountLinks(DiscordTokens tokens) {
		Assert.notNull(tokens, "tokens must not be null");
		this.tokens = tokens;
	}

	/**
	 * The Discord user ID of an authentication: the one it logged in with, or the one its
	 * local account has connected.
	 * @param authentication the authentication, or {@code null}
	 * @return the Discord user ID, or empty
	 */
	public Optional<Long> discordIdOf(@Nullable Authentication authentication) {
		return Optional.ofNullable(userIdOf(authentication));
	}

	/**
	 * Whether the authentication is a local account that can connect Discord: signed in,
	 * not anonymous, and not a Discord login.
	 * @param authentication the authentication, or {@code null}
	 * @return whether it can have a link
	 */
	public boolean isLocalAccount(@Nullable Authentication authentication) {
		return authentication != null && authentication.isAuthenticated()
				&& !(authentication instanceof AnonymousAuthenticationToken) && !isDiscordLogin(authentication);
	}

	/**
	 * Disconnects the local account's Discord account: revokes the authorization at
	 * Discord (every token of it dies, also those of a Discord login of the same Discord
	 * user in this application), forgets the stored tokens and the link.
	 * @param authentication the local account
	 * @return what came of the revocation ({@link DiscordRevocation#NOTHING_STORED} also
	 * when the account had no link)
	 */
	public DiscordRevocation disconnect(@Nullable Authentication authentication) {
		if (authentication == null || !isLocalAccount(authentication)) {
			return DiscordRevocation.NOTHING_STORED;
		}
		String key = accountKey(authentication);
		Long userId = this.tokens.store().linkedUserId(this.tokens.registrationId(), key);
		if (userId == null) {
			return DiscordRevocation.NOTHING_STORED;
		}
		DiscordRevocation revocation = this.tokens.revoke(userId);
		this.tokens.store().removeLink(this.tokens.registrationId(), key);
		return revocation;
	}

	/**
	 * The key under which a local account's link is stored: {@code local:} and the name
	 * for a form login (or any other non-OAuth2 authentication), {@code oauth2:}, the
	 * registration ID, {@code :} and the name for another OAuth2 login, so that a form
	 * user can never share a Google user's key.
	 * @param authentication the local account
	 * @return the key
	 */
	public static String accountKey(Authentication authentication) {
		Assert.notNull(authentication, "authentication must not be null");
		if (authentication instanceof OAuth2AuthenticationToken oauth2) {
			return "oauth2:" + oauth2.getAuthorizedClientRegistrationId() + ":" + authentication.getName();
		}
		return "local:" + authentication.getName();
	}

	/**
	 * The Discord user an authentication stands for: its Discord login, else the Discord
	 * account its local account connected (a read of the store).
	 * @param authentication the authentication, or {@code null}
	 * @return the Discord user ID, or {@code null}
	 */
	public @Nullable Long userIdOf(@Nullable Authentication authentication) {
		Long discordLogin = this.tokens.userIdOf(authentication);
		if (discordLogin != null || authentication == null || !isLocalAccount(authentication)) {
			return discordLogin;
		}
		return this.tokens.store().linkedUserId(this.tokens.registrationId(), accountKey(authentication));
	}

	/**
	 * Stores the tokens of a completed "Connect Discord" authorization under the Discord
	 * user they belong to (Discord says whose they are), and links the local account to
	 * that user. The web layer calls it once Spring Security has checked the
	 * authorization's state.
	 * @param authentication the signed-in local account
	 * @param authorized the completed authorization
	 * @return the Discord user ID
	 */
	public long connect(Authentication authentication, OAuth2AuthorizedClient authorized) {
		// Discord says whose token it is: the ID never comes from the request.
		long userId = this.tokens.toAccessToken(authorized).fetchIdentify().id();
		OAuth2AuthorizedClient entry = new OAuth2AuthorizedClient(authorized.getClientRegistration(),
				Long.toString(userId), authorized.getAccessToken(), authorized.getRefreshToken());
		this.tokens.store().save(entry, userId);
		this.tokens.store().saveLink(this.tokens.registrationId(), accountKey(authentication), userId);
		logger.debug("A local account connected Discord user " + userId);
		return userId;
	}

	private boolean isDiscordLogin(Authentication authentication) {
		return authentication instanceof OAuth2AuthenticationToken oauth2
				&& this.tokens.registrationId().equals(oauth2.getAuthorizedClientRegistrationId());
	}

}
