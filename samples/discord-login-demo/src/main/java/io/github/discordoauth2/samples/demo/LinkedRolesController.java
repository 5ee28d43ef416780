package io.github.discordoauth2.samples.demo;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.discordoauth2.AccessToken;
import io.github.discordoauth2.Client;
import io.github.discordoauth2.Scopes;
import io.github.discordoauth2.model.RoleConnection;
import io.github.discordoauth2.model.RoleConnectionMetadata;
import io.github.discordoauth2.model.RoleConnectionMetadataType;
import io.github.discordoauth2.model.User;
import io.github.discordoauth2.security.tokens.DiscordTokens;
import io.github.discordoauth2.security.tokens.UserWalkReport;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Linked roles in two steps: the app registers its metadata records (once per
 * application, with the bot token, via {@link Client#updateLinkedRolesMetadata}), then
 * writes each user's role connection with the user's {@code role_connections.write}
 * token. Server admins can then create roles that require, say, a verified email.
 */
@Controller
final class LinkedRolesController {

	private static final int SYNC_PAGE_SIZE = 100;

	/** The records this app reports; keys are what role connections use. */
	static final List<RoleConnectionMetadata> RECORDS = List.of(
			new RoleConnectionMetadata(RoleConnectionMetadataType.BOOLEAN_EQUAL, "verified_email", "Verified email",
					"Has a verified email address on Discord"),
			new RoleConnectionMetadata(RoleConnectionMetadataType.INTEGER_GREATER_THAN_OR_EQUAL, "servers", "Servers",
					"Number of servers the user is in"),
			new RoleConnectionMetadata(RoleConnectionMetadataType.DATETIME_GREATER_THAN_OR_EQUAL, "linked_since",
					"Linked since", "Days since the user first linked the demo"));

	private final Client client;

	private final DemoProperties demo;

	private final DiscordTokens tokens;

	private final ApplicationOwner owner;

	LinkedRolesController(Client client, DemoProperties demo, DiscordTokens tokens, ApplicationOwner owner) {
		this.client = client;
		this.demo = demo;
		this.tokens = tokens;
		this.owner = owner;
	}

	@GetMapping("/linked-roles")
	String linkedRoles(AccessToken token, Model model, Authentication authentication) {
		MissingScopeException.require(token, Scopes.ROLE_CONNECTIONS_WRITE);
		if (this.client.hasBotToken()) {
			model.addAttribute("records", this.client.fetchLinkedRolesMetadata().stream().map(RecordView::of).toList());
			boolean isOwner = this.owner.isOwner(authentication);
			model.addAttribute("canRegister", isOwner);
			model.addAttribute("isOwner", isOwner);
		}
		else {
			model.addAttribute("records", List.of());
			model.addAttribute("canRegister", false);
			model.addAttribute("metadataProblem", "Registering metadata records needs the bot token of your"
					+ " Discord application: set DISCORD_BOT_TOKEN (discord.oauth2.bot-token) and restart.");
		}
		RoleConnection connection = token.fetchMetadata();
		boolean written = connection.platformName() != null || !connection.metadata().isEmpty();
		model.addAttribute("connection", written ? connection : null);
		model.addAttribute("connectionValues", new java.util.TreeMap<>(connection.metadata()));
		return "linked-roles";
	}

	@PostMapping("/linked-roles/metadata")
	String registerMetadata(Authentication authentication, RedirectAttributes redirect) {
		requireOwner(authentication);
		List<RoleConnectionMetadata> stored = this.client.updateLinkedRolesMetadata(RECORDS);
		redirect.addFlashAttribute("result", "Registered " + stored.size() + " metadata records with Discord.");
		return "redirect:/linked-roles";
	}

	@PostMapping("/linked-roles")
	String updateRoleConnection(AccessToken token, RedirectAttributes redirect) {
		MissingScopeException.require(token, Scopes.ROLE_CONNECTIONS_WRITE);
		RoleConnection stored = writeRoleConnection(token);
		redirect.addFlashAttribute("result", "Updated your role connection: Discord stored " + stored.metadata().size()
				+ " values for " + stored.platformUsername() + ".");
		return "redirect:/linked-roles";
	}

	/**
	 * What a nightly job would do: walk every user with stored tokens, a page at a time,
	 * and write each one's role connection with their own (refreshed when expired) token.
	 * The walk always completes: users who removed the app are dropped on the way, other
	 * failures (a rate limit) are counted in its report.
	 */
	@PostMapping("/linked-roles/sync")
	String syncEveryone(Authentication authentication, RedirectAttributes redirect) {
		requireOwner(authentication);
		int[] counts = new int[2];
		UserWalkReport report = this.tokens.forEachToken(SYNC_PAGE_SIZE, (userId, token) -> {
			if (!token.hasScope(Scopes.ROLE_CONNECTIONS_WRITE)) {
				counts[1]++;
				return;
			}
			writeRoleConnection(token);
			counts[0]++;
		});
		redirect.addFlashAttribute("result",
				"Synced " + counts[0] + (counts[0] == 1 ? " user" : " users") + "; " + counts[1]
						+ " without role_connections.write, " + report.removed() + " removed (they removed the app), "
						+ report.failed() + " failed.");
		return "redirect:/linked-roles";
	}

	private RoleConnection writeRoleConnection(AccessToken token) {
		User user = token.fetchIdentify();
		RoleConnection current = token.fetchMetadata();
		Map<String, Object> values = new LinkedHashMap<>();
		values.put("verified_email", Boolean.TRUE.equals(user.verified()));
		values.put("servers", token.hasScope(Scopes.GUILDS) ? token.fetchGuilds().size() : 0);
		values.put("linked_since", linkedSince(current));
		return token.updateMetadata(this.demo.platformNameOrDefault(), user.username(), values);
	}

	private void requireOwner(Authentication authentication) {
		if (!this.owner.isOwner(authentication)) {
			throw new AccessDeniedException("Only the application's owner may do this");
		}
	}

	/** Keeps the first link date across updates, so "days since" roles keep working. */
	private static OffsetDateTime linkedSince(RoleConnection current) {
		String previous = current.metadata().get("linked_since");
		if (previous != null) {
			try {
				return OffsetDateTime.parse(previous);
			}
			catch (java.time.format.DateTimeParseException ex) {
				// Written by something else: start over.
			}
		}
		return OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS);
	}

	/** A metadata record as the page shows it. */
	record RecordView(String key, String name, String type, String description) {

		static RecordView of(RoleConnectionMetadata record) {
			return new RecordView(record.key(), record.name(), record.type().name(), record.description());
		}
	}

}
