package io.github.discordoauth2.samples.demo;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * What the friendly error page shows: what happened and what to do, never a stack trace.
 *
 * @param status the HTTP status of the page
 * @param kind a short label above the title
 * @param title the headline
 * @param whatHappened what went wrong, in the user's words
 * @param whatToDo what the user can do about it
 * @param actionUrl where the main button leads
 * @param actionLabel the main button's text
 */
record Problem(int status, String kind, String title, String whatHappened, String whatToDo, String actionUrl,
		String actionLabel) {

	/**
	 * Whether the main button posts a form (with the CSRF token) instead of following a
	 * link: connecting Discord starts with a POST, so that no other site can start it.
	 * @return whether the action is a form
	 */
	public boolean actionIsForm() {
		return this.actionUrl.startsWith("/oauth2/connect/");
	}

	static final String LOGIN_URL = "/oauth2/authorization/discord";

	/**
	 * A local account on a page that reads Discord, with no Discord account connected;
	 * {@code connectError} is the OAuth2 error code of a connection that just failed
	 * (only known codes are described, none is echoed).
	 */
	static Problem connectDiscord(String registrationId, @Nullable String connectError) {
		String what;
		if (connectError == null) {
			what = "You are signed in with a local account, and this page reads Discord for you, but no Discord"
					+ " account is connected to it yet.";
		}
		else if ("access_denied".equals(connectError)) {
			what = "You chose Cancel on Discord's consent screen, so no Discord account was connected.";
		}
		else if ("already_linked".equals(connectError)) {
			what = "That Discord account is already connected to another local account, so it was not connected"
					+ " to this one.";
		}
		else {
			what = "Discord did not complete the connection, so no Discord account was connected.";
		}
		return new Problem(403, "Discord not connected", "Connect your Discord account", what,
				"Connect Discord: Discord asks you to authorize this app, and you stay signed in as yourself.",
				"/oauth2/connect/" + registrationId, "Connect Discord");
	}

	static Problem loginCancelled() {
		return new Problem(401, "Login cancelled", "You cancelled the login",
				"You chose Cancel on Discord's consent screen, so Discord shared nothing with this app.",
				"Changed your mind? Log in again and choose Authorize.", LOGIN_URL, "Login with Discord");
	}

	static Problem loginExpired() {
		return new Problem(401, "Login interrupted", "The login could not be finished",
				"The login took too long, was started in another tab, or the answer from Discord did not match"
						+ " the login this browser started.",
				"Start the login again from this browser.", LOGIN_URL, "Login with Discord");
	}

	static Problem loginFailed() {
		return new Problem(401, "Login failed", "Discord did not complete the login",
				"Discord refused the login (for example an expired or reused code, or a misconfigured app).",
				"Try again; if it keeps failing, check the client id, secret and redirect URI in the server log.",
				LOGIN_URL, "Login with Discord");
	}

	static Problem tokenRejected() {
		return new Problem(401, "Session ended", "Discord no longer accepts your login",
				"Your access expired or was revoked (for example under User Settings > Authorized Apps on"
						+ " Discord), so this app can no longer read your account.",
				"Log in again to give the app a fresh token.", LOGIN_URL, "Login with Discord");
	}

	/**
	 * A session ended (or a login refused) because of what Discord said about the user's
	 * servers or authorization; {@code reason} is the starter's description, written for
	 * the user.
	 */
	static Problem discordAccessEnded(String reason) {
		return new Problem(401, "Access ended", "Discord ended your access to this site", reason,
				"Log in again once Discord lets you in; your other accounts and data are unchanged.", LOGIN_URL,
				"Login with Discord");
	}

	/** A gated page the user's Discord authorities do not open. */
	static Problem notAllowed(String page, String needs, String authority) {
		return new Problem(403, "Members only", "The " + page + " page is not for you (yet)",
				"This page needs " + needs + ": the Spring Security authority " + authority
						+ ", which the app reads from Discord.",
				"If that changed at Discord just now, wait for the next check (see the members page).", "/",
				"Back to the home page");
	}

	static Problem missingPermission(String detail) {
		return new Problem(403, "Missing permission", "Discord refused this request",
				"Discord answered that the app may not do this: " + detail,
				"Log in again and approve all requested permissions; for server actions, the bot must be in"
						+ " the server with the needed rights.",
				LOGIN_URL, "Login again");
	}

	static Problem missingScope(String scope) {
		return new Problem(403, "Missing permission", "This page needs a permission you did not grant",
				"Your login did not include the \"" + scope + "\" scope, so Discord will not share this with the app.",
				"Log in again and approve every permission on Discord's consent screen.", LOGIN_URL, "Login again");
	}

	static Problem botTokenRejected() {
		return new Problem(503, "Bot not set up", "The app's bot could not sign in to Discord",
				"Discord refused the bot token this app is configured with, so it cannot manage servers or"
						+ " linked roles right now. Your own login is fine.",
				"If you run this app: check DISCORD_BOT_TOKEN (the bot of this same application) and restart.",
				"/profile", "Back to your profile");
	}

	static Problem rateLimited(Duration retryAfter) {
		long seconds = Math.max(1, (retryAfter.toMillis() + 999) / 1000);
		return new Problem(429, "Slow down", "Discord asks us to slow down",
				"Too many requests reached Discord in a short time, so it is rate limiting this app.",
				"Wait " + seconds + (seconds == 1 ? " second" : " seconds") + ", then try again.", "/",
				"Back to the home page");
	}

	static Problem discordError(int status) {
		return new Problem(502, "Discord error", "Discord could not answer",
				"Discord answered with an error (HTTP " + status + ").", "Try again in a moment.", "/",
				"Back to the home page");
	}

	static Problem discordUnreachable() {
		return new Problem(503, "Discord unreachable", "Discord could not be reached",
				"The app got no answer from Discord (network problem or timeout).",
				"Check the connection and try again in a moment.", "/", "Back to the home page");
	}
}
