package io.github.discordoauth2.test;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The HTML of the consent screen and of authorize errors: plain, accessible, one form, no
 * script.
 */
final class ConsentPage {

	private static final String STYLE = "body{font-family:system-ui,sans-serif;background:#313338;color:#f2f3f5;"
			+ "margin:0;display:flex;justify-content:center}main{background:#2b2d31;margin:3rem 1rem;padding:2rem;"
			+ "border-radius:8px;max-width:28rem;width:100%}h1{font-size:1.3rem}h2{font-size:1rem}ul{padding-left:1.2rem}"
			+ "li{margin:.4rem 0}.buttons{display:flex;gap:1rem;margin-top:1.5rem}button{font-size:1rem;"
			+ "padding:.6rem 1.4rem;border-radius:4px;border:0;cursor:pointer}button.primary{background:#5865f2;"
			+ "color:#fff}button.secondary{background:#4e5058;color:#fff}button:focus{outline:3px solid #fff}"
			+ ".muted{color:#b5bac1;font-size:.9rem}label{display:block;margin-top:1rem}";

	private ConsentPage() {
	}

	static String render(String applicationName, FakeUser user, OAuthEndpoints.AuthRequest ar,
			Map<Long, String> ownedGuilds) {
		StringBuilder html = new StringBuilder(2048);
		String app = escape(applicationName);
		html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
			.append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
			.append("<title>Authorize ")
			.append(app)
			.append(" - FakeDiscord</title><style>")
			.append(STYLE)
			.append("</style></head><body><main>\n")
			.append("<p class=\"muted\">FakeDiscord, a local stand-in for Discord</p>\n")
			.append("<h1 id=\"title\">")
			.append(app)
			.append(" wants to access your Discord account</h1>\n")
			.append("<p>Signed in as <strong>")
			.append(escape(user.globalName() != null ? user.globalName() : user.username()))
			.append("</strong> (@")
			.append(escape(user.username()))
			.append(")</p>\n")
			.append("<h2 id=\"scopes\">This will allow ")
			.append(app)
			.append(" to:</h2>\n<ul aria-labelledby=\"scopes\">\n");
		for (String scope : ar.scopes()) {
			html.append("<li>")
				.append(escape(Scopes.describe(scope)))
				.append(" <span class=\"muted\">(")
				.append(escape(scope))
				.append(")</span></li>\n");
		}
		html.append("</ul>\n<form method=\"post\" action=\"/oauth2/authorize\" aria-labelledby=\"title\">\n");
		for (Map.Entry<String, String> e : ar.echo().entrySet()) {
			if (e.getKey().equals("guild_id") && needsGuild(ar) && !ar.guildLocked()) {
				continue;
			}
			html.append("<input type=\"hidden\" name=\"")
				.append(escape(e.getKey()))
				.append("\" value=\"")
				.append(escape(e.getValue()))
				.append("\">\n");
		}
		if (needsGuild(ar) && !ar.guildLocked()) {
			// guild_id only pre-selects; disable_guild_select=true locks it (OAuth2
			// docs).
			html.append("<label for=\"guild_id\">Add to server</label><select id=\"guild_id\" name=\"guild_id\">");
			ownedGuilds.forEach((id, name) -> html.append("<option value=\"")
				.append(id)
				.append(id.equals(ar.guildId()) ? "\" selected>" : "\">")
				.append(escape(name))
				.append("</option>"));
			html.append("</select>\n");
		}
		html.append("<p class=\"muted\">")
			.append(ar.redirectUri() == null ? "You will stay on Discord."
					: "You will be sent back to " + escape(ar.redirectUri()))
			.append("</p>\n")
			.append("<div class=\"buttons\">")
			// Authorize comes first: pressing Enter submits with the first button, and
			// approval is the intent.
			.append("<button type=\"submit\" name=\"decision\" value=\"authorize\" class=\"primary\" autofocus>")
			.append("Authorize</button>")
			.append("<button type=\"submit\" name=\"decision\" value=\"cancel\" class=\"secondary\">Cancel</button>")
			.append("</div>\n</form>\n</main></body></html>\n");
		return html.toString();
	}

	private static boolean needsGuild(OAuthEndpoints.AuthRequest ar) {
		return ar.scopes().contains("bot") || ar.scopes().contains("webhook.incoming");
	}

	static Response error(int status, @Nullable String message) {
		return page(status, "Authorization error", "alert", "error",
				message == null ? "Something went wrong." : message);
	}

	/**
	 * Discord's own page after a plain bot invite, which has no redirect to go back to.
	 */
	static Response notice(String title, String message) {
		return page(200, title, "status", "notice", message);
	}

	private static Response page(int status, String title, String role, String id, String message) {
		String html = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + escape(title)
				+ " - FakeDiscord</title><style>" + STYLE + "</style></head><body><main role=\"" + role + "\">\n<h1>"
				+ escape(title) + "</h1>\n<p id=\"" + id + "\">" + escape(message) + "</p>\n</main></body></html>\n";
		return Response.html(status, html);
	}

	static String escape(String s) {
		StringBuilder out = new StringBuilder(s.length() + 16);
		for (int i = 0; i < s.length(); i++) {
			char c = s.charAt(i);
			switch (c) {
				case '<' -> out.append("&lt;");
				case '>' -> out.append("&gt;");
				case '&' -> out.append("&amp;");
				case '"' -> out.append("&quot;");
				case '\'' -> out.append("&#39;");
				default -> out.append(c);
			}
		}
		return out.toString();
	}

}
