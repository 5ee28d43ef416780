package io.github.discordoauth2.login;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import io.github.discordoauth2.security.tokens.DiscordAccountLinks;
import io.github.discordoauth2.security.tokens.DiscordTokenStore;
import io.github.discordoauth2.security.tokens.DiscordTokensRemovedEvent;
import io.github.discordoauth2.test.DemoData;
import io.github.discordoauth2.test.Fault;
import io.github.discordoauth2.test.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/spring-boot.md "Account linking", the same on both stacks, over a real server
 * against FakeDiscord: a form-login user connects Discord (an authorization, not a
 * login), gets their Discord token in the controllers' token arguments while staying the
 * local user, and disconnects; another local user never gets that token. Subclasses run
 * it on a servlet and on a WebFlux application whose chain has form login and "Connect
 * Discord" with {@code /account} as the return URL, the local accounts of
 * {@link #LOCAL_ACCOUNTS} (password {@code pw}), and controllers answering
 * {@code /account}, {@code /discord} (the connect form when no Discord account is
 * connected) and {@code /authorities} as the docs' snippet does.
 */
abstract class AccountLinkingContract extends ComposedLoginTests {

	private static final Pattern HIDDEN_INPUT = Pattern
		.compile("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\">");

	private static final Pattern CSRF_INPUT = Pattern.compile("name=\"_csrf\" type=\"hidden\" value=\"([^\"]+)\"");

	/** The local accounts every application of this contract has. */
	static final List<String> LOCAL_ACCOUNTS = List.of("alice", "bob", "carol", "dave", "erin", "frank", "grace",
			"heidi", "ivan", "judy", "kim");

	@Autowired
	DiscordAccountLinks links;

	@Autowired
	DiscordTokenStore store;

	@Autowired
	DataSource dataSource;

	@Autowired
	TokenEvents tokenEvents;

	// Every local account here connects the same demo Discord user, which may be
	// connected to one local account at a time.
	@AfterEach
	void forgetLinksAndTokens() {
		JdbcTemplate jdbc = new JdbcTemplate(this.dataSource);
		jdbc.update("DELETE FROM discord_account_link");
		jdbc.update("DELETE FROM oauth2_authorized_client");
		this.tokenEvents.removed.clear();
	}

	@Test
	void aLocalUserConnectsUsesAndDisconnectsDiscordWithoutBecomingTheDiscordUser() {
		TestBrowser alice = loggedIn("alice");
		HttpResponse<String> before = alice.get(url("/discord"));
		assertThat(before.statusCode()).isEqualTo(403);
		assertThat(before.body()).contains("action=\"/oauth2/connect/discord\"").contains("name=\"_csrf\"");

		HttpResponse<String> connected = connect(alice);

		// Discord saw an authorization with the connect callback, then the code exchange.
		assertThat(alice.visited()).anyMatch((uri) -> uri.getPath().equals("/oauth2/connect/code/discord")
				&& uri.getQuery() != null && uri.getQuery().contains("code="));
		assertThat(connected.uri().getPath()).isEqualTo("/account");
		assertThat(connected.uri().getQuery()).as("no connect error").isNull();
		assertThat(connected.body()).isEqualTo("alice connected Discord user " + DemoData.USER_ID);
		assertThat(alice.get(url("/discord")).body()).isEqualTo("alice is " + DemoData.USERNAME + " on Discord");
		assertThat(alice.get(url("/authorities")).body()).startsWith("User ");
		assertThat(this.store.linkedUserId("discord", "local:alice")).isEqualTo(DemoData.USER_ID);

		// Bob, another local account, gets nothing: not by his session, not by his name.
		TestBrowser bob = loggedIn("bob");
		assertThat(bob.get(url("/discord")).statusCode()).isEqualTo(403);
		assertThat(bob.get(url("/account")).body()).isEqualTo("bob has not connected Discord");
		assertThat(this.links.discordIdOf(UsernamePasswordAuthenticationToken
			.authenticated(Long.toString(DemoData.USER_ID), null, AuthorityUtils.createAuthorityList("ROLE_USER"))))
			.isEmpty();

		discord.fake().clearJournal();
		HttpResponse<String> disconnected = alice.post(url("/oauth2/disconnect/discord"), csrf(alice));

		assertThat(TestBrowser.location(disconnected).getPath()).isEqualTo("/account");
		assertThat(discord.fake().journal())
			.anyMatch((request) -> request.path().equals("/api/v10/oauth2/token/revoke") && request.status() == 200);
		assertThat(alice.get(url("/discord")).statusCode()).isEqualTo(403);
		assertThat(alice.get(url("/account")).body()).isEqualTo("alice has not connected Discord");
		assertThat(this.store.linkedUserId("discord", "local:alice")).isNull();
		assertThat(this.store.load("discord", DemoData.USER_ID)).isNull();
		// The application hears of it as of any revocation.
		assertThat(this.tokenEvents.removed).singleElement()
			.satisfies((event) -> assertThat(event.userId()).isEqualTo(DemoData.USER_ID))
			.satisfies((event) -> assertThat(event.reason()).isEqualTo(DiscordTokensRemovedEvent.Reason.REVOKED));
	}

	@Test
	void disconnectThatDiscordDoesNotConfirmTellsTheUser() {
		TestBrowser heidi = loggedIn("heidi");
		connect(heidi);
		discord.fake().faults().next("POST /oauth2/token/revoke", 2, Fault.status(502));

		HttpResponse<String> disconnected = heidi.post(url("/oauth2/disconnect/discord"), csrf(heidi));

		assertThat(TestBrowser.location(disconnected).getPath()).isEqualTo("/account");
		assertThat(TestBrowser.location(disconnected).getQuery())
			.isEqualTo("discord-disconnect-error=revocation_failed");
		assertThat(heidi.get(url("/account")).body()).isEqualTo("heidi has not connected Discord");
	}

	@Test
	void disconnectNeedsTheCsrfToken() {
		TestBrowser carol = loggedIn("carol");
		connect(carol);
		discord.fake().clearJournal();

		HttpResponse<String> forged = carol.post(url("/oauth2/disconnect/discord"), "");

		assertThat(forged.statusCode()).isEqualTo(403);
		assertThat(discord.fake().journal()).extracting(RecordedRequest::path)
			.doesNotContain("/api/v10/oauth2/token/revoke");
		assertThat(carol.get(url("/account")).body()).startsWith("carol connected Discord user ");
	}

	@Test
	void anotherUserReplayingTheCallbackGetsNoLink() {
		TestBrowser dave = loggedIn("dave");
		HttpResponse<String> toDiscord = dave.post(url("/oauth2/connect/discord"), csrf(dave));
		HttpResponse<String> fromDiscord = dave.get(TestBrowser.location(toDiscord).toString());
		String callback = TestBrowser.location(fromDiscord).toString();
		assertThat(callback).contains("/oauth2/connect/code/discord?code=").contains("state=");

		// Erin, signed in too, sends Dave's callback (code and state) from her session.
		TestBrowser erin = loggedIn("erin");
		HttpResponse<String> landed = erin.follow(callback);

		assertThat(landed.uri().getQuery()).isEqualTo("discord-connect-error=invalid_state");
		assertThat(this.store.linkedUserId("discord", "local:erin")).isNull();
		assertThat(erin.get(url("/discord")).statusCode()).isEqualTo(403);
		// The authorization belongs to the session that started it.
		assertThat(dave.follow(callback).body()).isEqualTo("dave connected Discord user " + DemoData.USER_ID);
	}

	@Test
	void aConnectionStartedByOneAccountIsNotCompletedForAnotherSignedInOverItInTheSameBrowser() {
		TestBrowser shared = loggedIn("ivan");
		HttpResponse<String> toDiscord = shared.post(url("/oauth2/connect/discord"), csrf(shared));
		HttpResponse<String> fromDiscord = shared.get(TestBrowser.location(toDiscord).toString());
		String callback = TestBrowser.location(fromDiscord).toString();
		// Judy signs in on the same browser before the callback arrives; the session,
		// which holds Ivan's pending connection, goes on under her.
		HttpResponse<String> judy = shared.post(url("/login"),
				"username=judy&password=pw&" + csrf(shared, url("/login")));
		assertThat(TestBrowser.location(judy).getQuery()).as("form login of judy").isNull();
		discord.fake().clearJournal();

		HttpResponse<String> landed = shared.follow(callback);

		assertThat(landed.uri().getPath()).isEqualTo("/account");
		assertThat(landed.uri().getQuery()).isEqualTo("discord-connect-error=account_mismatch");
		assertThat(landed.body()).isEqualTo("judy has not connected Discord");
		assertThat(this.store.linkedUserId("discord", "local:judy")).isNull();
		assertThat(this.store.linkedUserId("discord", "local:ivan")).isNull();
		// The code was never exchanged.
		assertThat(DiscordLoginFlow.tokenCalls(discord.fake())).isEmpty();
	}

	@Test
	void connectingIsAFormPostWithTheCsrfToken() {
		TestBrowser kim = loggedIn("kim");

		assertThat(kim.get(url("/oauth2/connect/discord")).statusCode()).as("a link").isNotIn(302, 303);
		assertThat(kim.post(url("/oauth2/connect/discord"), "").statusCode()).as("a forged form").isEqualTo(403);
		HttpResponse<String> form = kim.post(url("/oauth2/connect/discord"), csrf(kim));
		assertThat(TestBrowser.location(form).toString()).startsWith(discord.baseUrl() + "/oauth2/authorize");
	}

	@Test
	void cancellingOnDiscordComesBackWithTheErrorAndNoLink() {
		TestBrowser frank = loggedIn("frank");
		discord.fake().autoApprove(false);
		try {
			HttpResponse<String> toDiscord = frank.post(url("/oauth2/connect/discord"), csrf(frank));
			String consent = TestBrowser.location(toDiscord).toString();
			StringBuilder form = new StringBuilder("decision=cancel");
			Matcher hidden = HIDDEN_INPUT.matcher(frank.get(consent).body());
			while (hidden.find()) {
				form.append('&')
					.append(hidden.group(1))
					.append('=')
					.append(URLEncoder.encode(hidden.group(2).replace("&amp;", "&"), StandardCharsets.UTF_8));
			}
			HttpResponse<String> cancelled = frank.post(consent.substring(0, consent.indexOf('?')), form.toString());

			HttpResponse<String> landed = frank.follow(TestBrowser.location(cancelled).toString());

			assertThat(landed.uri().getPath()).isEqualTo("/account");
			assertThat(landed.uri().getQuery()).isEqualTo("discord-connect-error=access_denied");
			assertThat(landed.body()).isEqualTo("frank has not connected Discord");
		}
		finally {
			discord.fake().autoApprove(true);
		}
	}

	@Test
	void aConnectedAccountWhoseTokenDiscordRefusedEarlyGetsItRefreshed() {
		TestBrowser grace = loggedIn("grace");
		connect(grace);
		OAuth2AuthorizedClient before = this.store.load("discord", DemoData.USER_ID);
		assertThat(before).isNotNull();
		// Only Discord knows: the stored expiry is a week away.
		discord.fake().expireAccessToken(before.getAccessToken().getTokenValue());

		HttpResponse<String> page = grace.follow(url("/discord"));

		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).isEqualTo("grace is " + DemoData.USERNAME + " on Discord");
		OAuth2AuthorizedClient after = this.store.load("discord", DemoData.USER_ID);
		assertThat(after.getRefreshToken().getTokenValue()).isNotEqualTo(before.getRefreshToken().getTokenValue());
	}

	@Test
	void anAnonymousVisitorCannotConnect() {
		TestBrowser anonymous = newBrowser();

		HttpResponse<String> response = anonymous.post(url("/oauth2/connect/discord"), csrf(anonymous, url("/login")));

		// The application's rules apply: its login page, never Discord.
		assertThat(TestBrowser.location(response).getPath()).isEqualTo("/login");
	}

	/** A browser for the stack under test. */
	abstract TestBrowser newBrowser();

	/** Posts the connect form and follows Discord's consent back to the application. */
	HttpResponse<String> connect(TestBrowser browser) {
		HttpResponse<String> toDiscord = browser.post(url("/oauth2/connect/discord"), csrf(browser));
		assertThat(TestBrowser.isRedirect(toDiscord)).as("connect form sends to Discord").isTrue();
		return browser.follow(TestBrowser.location(toDiscord).toString());
	}

	TestBrowser loggedIn(String name) {
		TestBrowser browser = newBrowser();
		HttpResponse<String> login = browser.post(url("/login"),
				"username=" + name + "&password=pw&" + csrf(browser, url("/login")));
		assertThat(TestBrowser.location(login).getQuery()).as("form login of " + name).isNull();
		return browser;
	}

	String csrf(TestBrowser browser) {
		return csrf(browser, url("/logout"));
	}

	private static String csrf(TestBrowser browser, String page) {
		Matcher csrf = CSRF_INPUT.matcher(browser.get(page).body());
		assertThat(csrf.find()).as("CSRF token on " + page).isTrue();
		return "_csrf=" + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8);
	}

}
