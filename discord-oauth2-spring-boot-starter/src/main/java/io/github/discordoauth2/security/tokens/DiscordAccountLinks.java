package io.github.discordoauth2.security.tokens;

import java.util.Optional;
import java.util.OptionalLong;

import io.github.discordoauth2.AccessToken;
import io.github.discordoauth2.security.web.DiscordConnectConfigurer;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.oauth2.core.user.OAuth2User;
import org.springframework.util.Assert;

/**
 * Account linking: a user signed in some other way (a form, another provider) connects
 * their Discord account ("Connect Discord", see {@link DiscordConnectConfigurer}, and
 * {@code DiscordServerConnectConfigurer} on WebFlux), and from then on gets their own
 * Discord token wherever a controller takes an {@link AccessToken} (or a
 * {@code ReactiveAccessToken}); the principal stays the local one. Its methods read and
 * write the store, so they block: on WebFlux use {@link ReactiveDiscordAccountLinks}.
 *
 * <p>
 * The tokens are kept in the {@link DiscordTokenStore} under the Discord user ID that
 * Discord reports for them ({@code GET /users/@me} with the new token), beside a link
 * from the local account to that ID. A link is written only when the signed-in user
 * completes a Discord authorization whose {@code state} Spring Security has checked
 * against their session, never from an ID a request names, so no local account can reach
 * another user's token.
 *
 * <p>
 * Links are keyed by the local account's stable identifier ({@link #accountKey}): for a
 * login with another OAuth2 provider its registration and subject, for any other login
 * what the {@link LocalAccountIdentifier} says (by default the name). One Discord account
 * is linked to at most {@code maxAccountsPerDiscordUser} local accounts (one unless the
 * application allows more); connecting a local account to another Discord account revokes
 * the grant of the one it was connected to before.
 *
 * @since 0.1.0
 */
public final class DiscordAccountLinks {

	private static final Log logger = LogFactory.getLog(DiscordAccountLinks.class);

	private final DiscordTokens tokens;

	private final LocalAccountIdentifier identifier;

	private final int maxAccountsPerDiscordUser;

	private final DiscordClientRouting routing;

	/**
	 * Creates the links on the tokens' store, with the defaults: local accounts named by
	 * their name ({@link LocalAccountIdentifier#byName()}) and one local account per
	 * Discord account.
	 * @param tokens the Discord tokens, whose store also keeps the links
	 */
	public DiscordAccountLinks(DiscordTokens tokens) {
		this(tokens, LocalAccountIdentifier.byName(), 1);
	}

	/**
	 * Creates the links on the tokens' store.
	 * @param tokens the Discord tokens, whose store also keeps the links
	 * @param identifier names a local account (not an OAuth2 login) by a stable
	 * identifier
	 * @param maxAccountsPerDiscordUser the most local accounts one Discord account may be
	 * connected to
	 */
	public DiscordAccountLinks(DiscordTokens tokens, LocalAccountIdentifier identifier, int maxAccountsPerDiscordUser) {
		Assert.notNull(tokens, "tokens must not be null");
		Assert.notNull(identifier, "identifier must not be null");
		Assert.isTrue(maxAccountsPerDiscordUser > 0, "maxAccountsPerDiscordUser must be positive");
		this.tokens = tokens;
		this.identifier = identifier;
		this.maxAccountsPerDiscordUser = maxAccountsPerDiscordUser;
		this.routing = new DiscordClientRouting(tokens.registrationId());
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
		return this.routing.isLocalAccount(authentication);
	}

	/**
	 * Disconnects the local account's Discord account: revokes the authorization at
	 * Discord (every token of it dies, also those of a Discord login of the same Discord
	 * user in this application), forgets the stored tokens and the link. When the
	 * application lets several local accounts share a Discord account and others are
	 * still connected to it, only this account's link goes.
	 * @param authentication the local account
	 * @return what came of the revocation ({@link DiscordRevocation#NOTHING_STORED} also
	 * when the account had no link, or when other accounts still use the Discord account)
	 */
	public DiscordRevocation disconnect(@Nullable Authentication authentication) {
		if (authentication == null || !isLocalAccount(authentication)) {
			return DiscordRevocation.NOTHING_STORED;
		}
		String key = accountKey(authentication);
		DiscordTokenStore store = this.tokens.store();
		Long userId = store.linkedUserId(this.tokens.registrationId(), key);
		if (userId == null) {
			return DiscordRevocation.NOTHING_STORED;
		}
		if (store.countLinks(this.tokens.registrationId(), userId) > 1) {
			store.removeLink(this.tokens.registrationId(), key);
			return DiscordRevocation.NOTHING_STORED;
		}
		DiscordRevocation revocation = this.tokens.revoke(userId);
		store.removeLink(this.tokens.registrationId(), key);
		return revocation;
	}

	/**
	 * The key under which a local account's link is stored, by something that never
	 * changes and is never reused: for a login with another OAuth2 provider,
	 * {@code oauth2:}, the registration ID, {@code :} and the subject (OpenID Connect's
	 * {@code sub}, else the principal's name attribute); for any other login
	 * {@code local:} and what the {@link LocalAccountIdentifier} says. A form user can
	 * never share a Google user's key. Keys compare exactly, every character and case.
	 * @param authentication the local account
	 * @return the key
	 */
	public String accountKey(Authentication authentication) {
		Assert.notNull(authentication, "authentication must not be null");
		if (authentication instanceof OAuth2AuthenticationToken oauth2) {
			OAuth2User principal = oauth2.getPrincipal();
			String subject = (principal instanceof OidcUser oidc && oidc.getSubject() != null) ? oidc.getSubject()
					: authentication.getName();
			return "oauth2:" + oauth2.getAuthorizedClientRegistrationId() + ":" + subject;
		}
		String id = this.identifier.identify(authentication);
		Assert.state(id != null && !id.isEmpty(), "LocalAccountIdentifier returned no identifier");
		return "local:" + id;
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
	 * What the web layer's authorized client repositories do with a Discord authorization
	 * that Spring Security saves for a signed-in local account: the connected account's
	 * own pair handed back (the same pair, or one marked expired, as the 401 handling
	 * does to ask for a refresh) only makes the next use refresh it; anything else is a
	 * completed "Connect Discord" authorization and is {@link #connect connected}.
	 * @param authentication the signed-in local account
	 * @param authorized the authorization Spring Security saves
	 * @return {@code false} when a new connection was refused (the Discord account is
	 * connected to as many local accounts as allowed), else {@code true}
	 */
	public boolean saveAuthorized(Authentication authentication, OAuth2AuthorizedClient authorized) {
		Long linked = userIdOf(authentication);
		if (linked != null && (DiscordAuthorizedClients.isSamePair(this.tokens.load(linked), authorized)
				|| this.tokens.toAccessToken(authorized).isExpired())) {
			// Not a new connection: its token is one Discord has just refused.
			this.tokens.saveFromRepository(authorized, linked);
			return true;
		}
		return connect(authentication, authorized).isPresent();
	}

	/**
	 * Stores the tokens of a completed "Connect Discord" authorization under the Discord
	 * user they belong to (Discord says whose they are), and links the local account to
	 * that user. The web layer calls it once Spring Security has checked the
	 * authorization's state and that the account completing it is the one that started
	 * it. When the Discord user is linked to as many other local accounts as allowed, the
	 * connection is refused and the new authorization revoked at Discord; when the
	 * account was connected to another Discord user before, that user's grant is revoked
	 * (unless another local account still uses it).
	 * @param authentication the signed-in local account
	 * @param authorized the completed authorization
	 * @return the Discord user ID, or empty when the connection was refused
	 */
	public OptionalLong connect(Authentication authentication, OAuth2AuthorizedClient authorized) {
		// Discord says whose token it is: the ID never comes from the request.
		AccessToken token = this.tokens.toAccessToken(authorized);
		long userId = token.fetchIdentify().id();
		String registrationId = this.tokens.registrationId();
		DiscordTokenStore store = this.tokens.store();
		DiscordTokenStore.LinkResult link = store.link(registrationId, accountKey(authentication), userId,
				this.maxAccountsPerDiscordUser);
		if (!link.linked()) {
			logger.info("Refused to connect Discord user " + userId + " to another local account: it is connected "
					+ "to as many as discord.oauth2.linking.max-accounts-per-discord-user allows");
			// Nobody holds the new authorization: it must not live on at Discord.
			this.tokens.revokeUnstored(userId, token);
			return OptionalLong.empty();
		}
		OAuth2AuthorizedClient entry = new OAuth2AuthorizedClient(authorized.getClientRegistration(),
				Long.toString(userId), authorized.getAccessToken(), authorized.getRefreshToken());
		this.tokens.save(entry, userId);
		Long previous = link.previousUserId();
		if (previous != null && previous != userId && store.countLinks(registrationId, previous) == 0) {
			// Reconnected to another Discord account: the grant of the one before is
			// nobody's any more.
			this.tokens.revoke(previous);
		}
		logger.debug("A local account connected Discord user " + userId);
		return OptionalLong.of(userId);
	}

}
