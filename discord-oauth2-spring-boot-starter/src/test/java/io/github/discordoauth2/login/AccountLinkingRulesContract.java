package io.github.discordoauth2.login;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import io.github.discordoauth2.Client;
import io.github.discordoauth2.PartialAccessToken;
import io.github.discordoauth2.exceptions.ForbiddenException;
import io.github.discordoauth2.security.tokens.DiscordAccountLinks;
import io.github.discordoauth2.security.tokens.DiscordTokenStore;
import io.github.discordoauth2.security.tokens.DiscordTokensRemovedEvent;
import io.github.discordoauth2.security.tokens.LocalAccountIdentifier;
import io.github.discordoauth2.test.DemoData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Account linking in an application that names its accounts by id (a
 * {@link LocalAccountIdentifier} bean) and has rules of its own for who may connect, the
 * same on both stacks: links follow the account, not its name; the application's rules
 * apply to the connect form; one Discord account is connected to one local account; and
 * reconnecting to another Discord account revokes the grant of the one before. Subclasses
 * run it on a servlet and on a WebFlux application whose chain lets only
 * {@code ROLE_CONNECTOR} post to {@code /oauth2/connect/**}, with form login over
 * {@link Accounts}, the identifier of {@link #accountId}, and controllers answering
 * {@code /account} and {@code /discord}.
 */
abstract class AccountLinkingRulesContract extends ComposedLoginTests {

	private static final Pattern CSRF_INPUT = Pattern.compile("name=\"_csrf\" type=\"hidden\" value=\"([^\"]+)\"");

	@Autowired
	Accounts accounts;

	@Autowired
	DiscordTokenStore store;

	@Autowired
	DiscordAccountLinks links;

	@Autowired
	DataSource dataSource;

	@Autowired
	Client client;

	@Autowired
	TokenEvents tokenEvents;

	@AfterEach
	void forgetLinksAndTokens() {
		JdbcTemplate jdbc = new JdbcTemplate(this.dataSource);
		jdbc.update("DELETE FROM discord_account_link");
		jdbc.update("DELETE FROM oauth2_authorized_client");
		discord.fake().actAs(DemoData.USER_ID);
		this.tokenEvents.removed.clear();
	}

	@Test
	void theApplicationsRulesDecideWhoMayConnect() {
		this.accounts.create("olga", "USER");
		TestBrowser olga = loggedIn("olga");

		HttpResponse<String> refused = olga.post(url("/oauth2/connect/discord"), csrf(olga));

		assertThat(refused.statusCode()).isEqualTo(403);
		this.accounts.create("paul", "USER", "CONNECTOR");
		TestBrowser paul = loggedIn("paul");
		HttpResponse<String> allowed = paul.post(url("/oauth2/connect/discord"), csrf(paul));
		assertThat(TestBrowser.location(allowed).toString()).startsWith(discord.baseUrl() + "/oauth2/authorize");
	}

	@Test
	void anAccountDeletedAndRecreatedUnderTheSameNameGetsNoDiscordToken() {
		this.accounts.create("alice", "USER", "CONNECTOR");
		TestBrowser alice = loggedIn("alice");
		connect(alice);
		assertThat(alice.get(url("/discord")).body()).isEqualTo("alice is " + DemoData.USERNAME + " on Discord");

		this.accounts.delete("alice");
		this.accounts.create("alice", "USER", "CONNECTOR");
		TestBrowser newAlice = loggedIn("alice");

		assertThat(newAlice.get(url("/discord")).statusCode()).isEqualTo(403);
		assertThat(newAlice.get(url("/account")).body()).isEqualTo("alice has not connected Discord");
	}

	@Test
	void oneDiscordAccountIsConnectedToOneLocalAccount() {
		this.accounts.create("bob", "USER", "CONNECTOR");
		this.accounts.create("carol", "USER", "CONNECTOR");
		TestBrowser bob = loggedIn("bob");
		connect(bob);
		TestBrowser carol = loggedIn("carol");

		HttpResponse<String> landed = connect(carol);

		assertThat(landed.uri().getQuery()).isEqualTo("discord-connect-error=already_linked");
		assertThat(landed.body()).isEqualTo("carol has not connected Discord");
		assertThat(carol.get(url("/discord")).statusCode()).isEqualTo(403);
		// Bob keeps his connection and a working token.
		assertThat(bob.get(url("/discord")).body()).isEqualTo("bob is " + DemoData.USERNAME + " on Discord");
	}

	@Test
	void reconnectingToAnotherDiscordAccountRevokesTheGrantOfTheOneBefore() {
		this.accounts.create("dave", "USER", "CONNECTOR");
		TestBrowser dave = loggedIn("dave");
		connect(dave);
		OAuth2AuthorizedClient before = this.store.load("discord", DemoData.USER_ID);
		assertThat(before).isNotNull();

		discord.fake().actAs(DemoData.OTHER_USER_ID);
		connect(dave);

		assertThat(dave.get(url("/account")).body()).isEqualTo("dave connected Discord user " + DemoData.OTHER_USER_ID);
		assertThat(this.store.load("discord", DemoData.USER_ID)).isNull();
		PartialAccessToken old = this.client.fromAccessToken(before.getAccessToken().getTokenValue());
		assertThatExceptionOfType(ForbiddenException.class).isThrownBy(old::fetchIdentify);
		assertThat(this.tokenEvents.removed).singleElement()
			.satisfies((event) -> assertThat(event.userId()).isEqualTo(DemoData.USER_ID))
			.satisfies((event) -> assertThat(event.reason()).isEqualTo(DiscordTokensRemovedEvent.Reason.REVOKED));
	}

	/** A browser for the stack under test. */
	abstract TestBrowser newBrowser();

	/**
	 * The application's {@link LocalAccountIdentifier}: the account's id, never its name.
	 */
	static String accountId(Authentication authentication) {
		return Long.toString(((Account) authentication.getPrincipal()).id());
	}

	private HttpResponse<String> connect(TestBrowser browser) {
		HttpResponse<String> toDiscord = browser.post(url("/oauth2/connect/discord"), csrf(browser));
		assertThat(TestBrowser.isRedirect(toDiscord)).as("connect form sends to Discord").isTrue();
		return browser.follow(TestBrowser.location(toDiscord).toString());
	}

	private TestBrowser loggedIn(String name) {
		TestBrowser browser = newBrowser();
		HttpResponse<String> login = browser.post(url("/login"),
				"username=" + name + "&password=pw&" + csrf(browser, url("/login")));
		assertThat(TestBrowser.location(login).getQuery()).as("form login of " + name).isNull();
		return browser;
	}

	private String csrf(TestBrowser browser) {
		return csrf(browser, url("/logout"));
	}

	private static String csrf(TestBrowser browser, String page) {
		Matcher csrf = CSRF_INPUT.matcher(browser.get(page).body());
		assertThat(csrf.find()).as("CSRF token on " + page).isTrue();
		return "_csrf=" + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8);
	}

	/** An account of the application's own, named by a number that is never reused. */
	record Account(long id, String username, List<GrantedAuthority> authorities) implements UserDetails {

		@Override
		public Collection<? extends GrantedAuthority> getAuthorities() {
			return this.authorities;
		}

		@Override
		public String getPassword() {
			return "{noop}pw";
		}

		@Override
		public String getUsername() {
			return this.username;
		}

	}

	/** The application's user records: created and deleted by the tests. */
	static class Accounts implements UserDetailsService {

		private final AtomicLong ids = new AtomicLong();

		private final Map<String, Account> byName = new ConcurrentHashMap<>();

		void create(String username, String... roles) {
			this.byName.put(username, new Account(this.ids.incrementAndGet(), username, AuthorityUtils
				.createAuthorityList(Arrays.stream(roles).map((role) -> "ROLE_" + role).toArray(String[]::new))));
		}

		void delete(String username) {
			this.byName.remove(username);
		}

		@Override
		public UserDetails loadUserByUsername(String username) {
			Account account = this.byName.get(username);
			if (account == null) {
				throw new UsernameNotFoundException(username);
			}
			return account;
		}

	}

}
