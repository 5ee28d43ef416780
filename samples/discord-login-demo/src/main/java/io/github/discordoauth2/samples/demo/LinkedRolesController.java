package io.github.discordoauth2.samples.demo;

import io.github.discordoauth2.AccessToken;
import io.github.discordoauth2.Client;
import io.github.discordoauth2.Scopes;
import io.github.discordoauth2.model.RoleConnection;
import io.github.discordoauth2.model.RoleConnectionMetadata;
import io.github.discordoauth2.model.RoleConnectionMetadataType;
import io.github.discordoauth2.model.User;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

	LinkedRolesController(Client client, DemoProperties demo) {
		this.client = client;
		this.demo = demo;
	}

	@GetMapping("/linked-roles")
	String linkedRoles(AccessToken token, Model model) {
		MissingScopeException.require(token, Scopes.ROLE_CONNECTIONS_WRITE);
		if (client.hasBotToken()) {
			model.addAttribute("records",
					BotTokenRejectedException.withBotToken(client::fetchLinkedRolesMetadata)
						.stream()
						.map(RecordView::of)
						.toList());
			model.addAttribute("canRegister", true);
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
	String registerMetadata(RedirectAttributes redirect) {
		List<RoleConnectionMetadata> stored = BotTokenRejectedException
			.withBotToken(() -> client.updateLinkedRolesMetadata(RECORDS));
		redirect.addFlashAttribute("result", "Registered " + stored.size() + " metadata records with Discord.");
		return "redirect:/linked-roles";
	}

	@PostMapping("/linked-roles")
	String updateRoleConnection(AccessToken token, RedirectAttributes redirect) {
		MissingScopeException.require(token, Scopes.ROLE_CONNECTIONS_WRITE);
		User user = token.fetchIdentify();
		RoleConnection current = token.fetchMetadata();
		Map<String, Object> values = new LinkedHashMap<>();
		values.put("verified_email", Boolean.TRUE.equals(user.verified()));
		values.put("servers", token.hasScope(Scopes.GUILDS) ? token.fetchGuilds().size() : 0);
		values.put("linked_since", linkedSince(current));
		RoleConnection stored = token.updateMetadata(demo.platformNameOrDefault(), user.username(), values);
		redirect.addFlashAttribute("result", "Updated your role connection: Discord stored " + stored.metadata().size()
				+ " values for " + stored.platformUsername() + ".");
		return "redirect:/linked-roles";
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
