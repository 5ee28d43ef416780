package io.github.discordoauth2.samples.demo;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import io.github.discordoauth2.AccessToken;
import io.github.discordoauth2.GuildsQuery;
import io.github.discordoauth2.Scopes;
import io.github.discordoauth2.model.Connection;
import io.github.discordoauth2.model.PartialGuild;
import io.github.discordoauth2.model.User;
import org.jspecify.annotations.Nullable;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The read-only pages: home, profile, servers and connections. Each takes the logged-in
 * user's {@link AccessToken} as a method argument (the starter resolves and, when needed,
 * refreshes it) and reads Discord through it: the Discord login's token, or the token of
 * the Discord account the local account has connected.
 */
@Controller
final class PagesController {

	/**
	 * Discord's epoch (2015-01-01): snowflakes count milliseconds from it in their top 42
	 * bits.
	 */
	private static final long DISCORD_EPOCH_MILLIS = 1420070400000L;

	private static final DateTimeFormatter CREATED = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH);

	private final DiscordImages images;

	PagesController(DiscordImages images) {
		this.images = images;
	}

	@GetMapping("/")
	String home() {
		return "home";
	}

	@GetMapping("/profile")
	String profile(AccessToken token, Model model, Authentication authentication) {
		User user = token.fetchIdentify();
		// The local account that connected this Discord account, if it is one.
		model.addAttribute("localAccount",
				authentication instanceof UsernamePasswordAuthenticationToken ? authentication.getName() : null);
		model.addAttribute("user", user);
		model.addAttribute("displayName", user.displayName());
		model.addAttribute("avatarUrl", this.images.avatar(user));
		model.addAttribute("email", user.email());
		model.addAttribute("verified", user.verified());
		model.addAttribute("locale", user.locale());
		model.addAttribute("mfa", Boolean.TRUE.equals(user.mfaEnabled()));
		model.addAttribute("scopes", token.scopes().stream().sorted().toList());
		model.addAttribute("createdAt", CREATED.format(createdAt(user.id())));
		return "profile";
	}

	@GetMapping("/guilds")
	String guilds(AccessToken token, Model model) {
		MissingScopeException.require(token, Scopes.GUILDS);
		List<GuildView> guilds = token.fetchGuilds(GuildsQuery.withApproximateCounts())
			.stream()
			// Owned servers first, then by name: the owner badge is easy to find.
			.sorted(Comparator.comparing((PartialGuild g) -> !g.owner())
				.thenComparing(g -> g.name().toLowerCase(Locale.ROOT)))
			.map(g -> new GuildView(g.id(), g.name(), this.images.icon(g), g.owner(), g.approximateMemberCount(),
					g.approximatePresenceCount()))
			.toList();
		model.addAttribute("guilds", guilds);
		return "guilds";
	}

	@GetMapping("/connections")
	String connections(AccessToken token, Model model) {
		MissingScopeException.require(token, Scopes.CONNECTIONS);
		List<ConnectionView> connections = token.fetchConnections().stream().map(ConnectionView::of).toList();
		model.addAttribute("connections", connections);
		return "connections";
	}

	/** When the account was created, read from its snowflake id. */
	static LocalDate createdAt(long snowflake) {
		return Instant.ofEpochMilli((snowflake >>> 22) + DISCORD_EPOCH_MILLIS).atZone(ZoneOffset.UTC).toLocalDate();
	}

	/** A server as the servers page shows it; icons fall back to initials. */
	record GuildView(long id, String name, String iconUrl, boolean owner, @Nullable Integer memberCount,
			@Nullable Integer onlineCount) {
	}

	/** A linked account as the connections page shows it. */
	record ConnectionView(String type, String name, boolean verified, boolean visible, boolean revoked) {

		static ConnectionView of(Connection connection) {
			return new ConnectionView(connection.type(), connection.name(), connection.verified(),
					connection.visibility() == 1, Boolean.TRUE.equals(connection.revoked()));
		}
	}

}
