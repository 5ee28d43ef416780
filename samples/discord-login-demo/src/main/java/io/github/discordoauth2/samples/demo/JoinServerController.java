package io.github.discordoauth2.samples.demo;

import java.time.format.DateTimeFormatter;
import java.util.Optional;

import io.github.discordoauth2.AccessToken;
import io.github.discordoauth2.Client;
import io.github.discordoauth2.JoinGuildOptions;
import io.github.discordoauth2.JoinGuildResult;
import io.github.discordoauth2.Scopes;
import io.github.discordoauth2.exceptions.HttpException;
import io.github.discordoauth2.model.GuildMember;
import io.github.discordoauth2.model.PartialGuild;
import io.github.discordoauth2.security.DiscordOAuth2User;
import org.jspecify.annotations.Nullable;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * "Join our server": the app's bot adds the logged-in user to the configured server
 * ({@code demo.join-guild-id}) with the user's {@code guilds.join} token. Needs the bot
 * token of the same application, injected through the {@link Client} bean.
 */
@Controller
final class JoinServerController {

	private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMM yyyy");

	private final Client client;

	private final DemoProperties demo;

	private final DiscordImages images;

	JoinServerController(Client client, DemoProperties demo, DiscordImages images) {
		this.client = client;
		this.demo = demo;
		this.images = images;
	}

	@GetMapping("/join")
	String joinPage(AccessToken token, Model model) {
		MissingScopeException.require(token, Scopes.GUILDS);
		String problem = unavailable();
		model.addAttribute("problem", problem);
		Long guildId = this.demo.joinGuildId();
		if (problem != null || guildId == null) {
			return "join";
		}
		Optional<PartialGuild> joined = token.fetchGuilds().stream().filter(g -> g.id() == guildId).findFirst();
		String name = joined.map(PartialGuild::name).orElse(this.demo.joinGuildNameOrDefault());
		model.addAttribute("guildId", guildId);
		model.addAttribute("guildName", name);
		model.addAttribute("guildIcon", joined.map(this.images::icon).orElseGet(() -> this.images.icon(name, guildId)));
		model.addAttribute("member", joined.isPresent());
		model.addAttribute("memberSince", joined.isPresent() ? memberSince(token, guildId) : null);
		return "join";
	}

	@PostMapping("/join")
	String join(AccessToken token, @AuthenticationPrincipal DiscordOAuth2User user, RedirectAttributes redirect) {
		Long guildId = this.demo.joinGuildId();
		MissingScopeException.require(token, Scopes.GUILDS_JOIN);
		if (unavailable() == null && guildId != null) {
			JoinGuildResult result = token.joinGuild(guildId, user.id(), JoinGuildOptions.none());
			redirect.addFlashAttribute("joinResult",
					result.added() ? "Done: the bot added you to the server (Discord answered 201 Created)."
							: "You are already a member of this server (Discord answered 204 No Content).");
		}
		// Post/redirect/get: a reload of the result page does not send the join again.
		return "redirect:/join";
	}

	/** Why the page cannot work in this configuration, or null when it can. */
	private @Nullable String unavailable() {
		if (!this.client.hasBotToken()) {
			return "Joining a server needs the bot token of your Discord application: set DISCORD_BOT_TOKEN"
					+ " (discord.oauth2.bot-token) and restart.";
		}
		if (this.demo.joinGuildId() == null) {
			return "No server is configured: set DISCORD_GUILD_ID (demo.join-guild-id) to a server your bot is in,"
					+ " and restart.";
		}
		return null;
	}

	/**
	 * When the user joined, read with {@code guilds.members.read}; absent when Discord
	 * does not say.
	 */
	private static @Nullable String memberSince(AccessToken token, long guildId) {
		try {
			if (!token.hasScope(Scopes.GUILDS_MEMBERS_READ)) {
				return null;
			}
			GuildMember member = token.fetchGuildMember(guildId);
			return member.joinedAt() == null ? null : DATE.format(member.joinedAt());
		}
		catch (HttpException ex) {
			if (ex.status() == 404) {
				return null;
			}
			throw ex;
		}
	}

}
