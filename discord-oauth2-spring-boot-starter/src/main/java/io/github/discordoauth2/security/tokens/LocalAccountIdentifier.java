package io.github.discordoauth2.security.tokens;

import org.springframework.security.core.Authentication;

/**
 * Names the local account behind an authentication that is not an OAuth2 login (a form
 * login, HTTP Basic, remember-me, ...) by something that never changes and is never given
 * to another account: the primary key or UUID of the application's user record. Account
 * linking ({@link DiscordAccountLinks}) keys a connected Discord account by it, so the
 * link follows the account, not its name: a user who is deleted and re-created under the
 * same name, or renamed, does not inherit or lose a Discord account by it. (OAuth2 and
 * OpenID Connect logins of other providers are keyed by their registration and subject
 * without it.)
 *
 * <p>
 * Define one as a bean; the starter's default is {@link #byName()}, the authentication's
 * name, and it says so with a WARN at startup when an application uses "Connect Discord"
 * without a bean of its own. For example, with a {@code UserDetails} of the application's
 * own that carries the account's id:
 *
 * <pre class="code">
 * &#64;Bean
 * LocalAccountIdentifier localAccountIdentifier() {
 *     return (authentication) -&gt; ((AccountUser) authentication.getPrincipal()).id().toString();
 * }
 * </pre>
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface LocalAccountIdentifier {

	/**
	 * The stable identifier of the signed-in local account.
	 * @param authentication a signed-in local account (never anonymous, never an OAuth2
	 * login)
	 * @return its identifier; compared exactly, character by character
	 */
	String identify(Authentication authentication);

	/**
	 * The default: the authentication's name. Stable only while names are never reused
	 * nor changed.
	 * @return the identifier that returns {@link Authentication#getName()}
	 */
	static LocalAccountIdentifier byName() {
		return Authentication::getName;
	}

}
