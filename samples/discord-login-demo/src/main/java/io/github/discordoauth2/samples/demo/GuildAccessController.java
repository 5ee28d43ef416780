package io.github.discordoauth2.samples.demo;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

import io.github.discordoauth2.security.DiscordAuthorities;
import io.github.discordoauth2.security.DiscordOAuth2User;
import io.github.discordoauth2.test.FakeDiscord;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.ModelAndView;

/**
 * Who may do what, from Discord: a members page for members of the demo's server and a
 * moderators page for holders of its Moderator role. The security chain gates them on the
 * starter's authorities ({@code DISCORD_GUILD_<id>}, {@code ROLE_MODERATOR}); these
 * handlers only show them. In demo mode the members page can take the demo user's
 * Moderator role away at the embedded FakeDiscord, and give it back, so a visitor sees
 * access end on the first request after the refresh interval.
 */
@Controller
final class GuildAccessController {

	static final String MEMBERS = "/members";

	static final String MODERATORS = "/moderators";

	static final String ACCESS_DENIED = "/access-denied";

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss 'UTC'")
		.withZone(ZoneOffset.UTC);

	private final DemoProperties demo;

	private final ObjectProvider<FakeDiscord> fake;

	private final ObjectProvider<DiscordAuthorities> authorities;

	private final LayoutModelAdvice layout;

	GuildAccessController(DemoProperties demo, ObjectProvider<FakeDiscord> fake,
			ObjectProvider<DiscordAuthorities> authorities, LayoutModelAdvice layout) {
		this.demo = demo;
		this.fake = fake;
		this.authorities = authorities;
		this.layout = layout;
	}

	@GetMapping(MEMBERS)
	String members(Authentication authentication, Model model) {
		model.addAttribute("configured", this.demo.membersGuildId() != null);
		model.addAttribute("guildName", this.demo.membersGuildNameOrId());
		model.addAttribute("guildId", this.demo.membersGuildId());
		model.addAttribute("discordAuthorities", discordAuthorities(authentication));
		model.addAttribute("moderator", has(authentication, "ROLE_MODERATOR"));
		DiscordAuthorities policy = this.authorities.getIfAvailable();
		Duration interval = (policy != null) ? policy.policy().refreshInterval() : null;
		model.addAttribute("interval", (interval != null) ? describe(interval) : null);
		Instant checkedAt = (authentication.getPrincipal() instanceof DiscordOAuth2User user)
				? user.authoritiesCheckedAt() : null;
		model.addAttribute("checkedAt", (checkedAt != null) ? TIME.format(checkedAt) : null);
		model.addAttribute("nextCheck",
				(checkedAt != null && interval != null) ? TIME.format(checkedAt.plus(interval)) : null);
		Boolean roleAtDiscord = roleAtDiscord(authentication);
		model.addAttribute("controls", roleAtDiscord != null);
		model.addAttribute("roleAtDiscord", Boolean.TRUE.equals(roleAtDiscord));
		return "members";
	}

	/**
	 * Demo mode only: what a server admin does in Discord's client, done at the embedded
	 * FakeDiscord. The app learns it only on its next check.
	 */
	@PostMapping(MEMBERS + "/moderator-role")
	String moderatorRole(@RequestParam boolean give, Authentication authentication) {
		FakeDiscord discord = this.fake.getIfAvailable();
		Long guild = this.demo.membersGuildId();
		Long role = this.demo.moderatorRoleId();
		if (discord == null || guild == null || role == null
				|| !(authentication.getPrincipal() instanceof DiscordOAuth2User user)) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND);
		}
		if (give) {
			discord.guild(guild).member(user.id()).grantRole(role);
		}
		else {
			discord.guild(guild).member(user.id()).revokeRole(role);
		}
		return "redirect:" + MEMBERS + (give ? "?given" : "?taken");
	}

	@GetMapping(MODERATORS)
	String moderators(Model model) {
		model.addAttribute("guildName", this.demo.membersGuildNameOrId());
		return "moderators";
	}

	/** Where Spring Security forwards a user whom a gated page refuses (HTTP 403). */
	@RequestMapping(ACCESS_DENIED)
	ModelAndView accessDenied(HttpServletRequest request) {
		Object path = request.getAttribute(RequestDispatcher.FORWARD_REQUEST_URI);
		String guild = this.demo.membersGuildNameOrId();
		if (path instanceof String refused && refused.startsWith(MODERATORS)) {
			return this.layout
				.problemPage(Problem.notAllowed("moderators", "the Moderator role in " + guild, "ROLE_MODERATOR"));
		}
		return this.layout.problemPage(
				Problem.notAllowed("members", "membership of " + guild, "DISCORD_GUILD_" + this.demo.membersGuildId()));
	}

	/** The role at FakeDiscord, or {@code null} outside demo mode. */
	private @Nullable Boolean roleAtDiscord(Authentication authentication) {
		FakeDiscord discord = this.fake.getIfAvailable();
		Long guild = this.demo.membersGuildId();
		Long role = this.demo.moderatorRoleId();
		if (discord == null || guild == null || role == null
				|| !(authentication.getPrincipal() instanceof DiscordOAuth2User user)) {
			return null;
		}
		var member = discord.guild(guild).member(user.id());
		return member.isMember() && member.roles().contains(role);
	}

	private static List<String> discordAuthorities(Authentication authentication) {
		return authentication.getAuthorities()
			.stream()
			.map(GrantedAuthority::getAuthority)
			.filter(name -> name != null && (name.startsWith("DISCORD_") || name.startsWith("ROLE_")))
			.sorted()
			.toList();
	}

	private static boolean has(Authentication authentication, String authority) {
		return authentication.getAuthorities().stream().anyMatch(a -> authority.equals(a.getAuthority()));
	}

	private static String describe(Duration interval) {
		long seconds = interval.toSeconds();
		return (seconds % 60 == 0) ? (seconds / 60) + (seconds == 60 ? " minute" : " minutes")
				: seconds + (seconds == 1 ? " second" : " seconds");
	}

}
