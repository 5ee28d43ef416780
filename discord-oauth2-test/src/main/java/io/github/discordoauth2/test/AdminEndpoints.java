package io.github.discordoauth2.test;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;

/**
 * The test-only admin door under {@code /_fake/}: what {@link GuildHandle},
 * {@link FakeDiscord#deauthorize(long)} and {@link WebhookEvents} do from Java, over HTTP
 * for the standalone server. Not part of Discord's API: no authentication (the fake
 * listens on loopback), no journal, no rate limits or faults. Answers are JSON; errors
 * are {@code {"message": "..."}} with 400, 404 or 409.
 */
final class AdminEndpoints {

	private static final String PREFIX = "/_fake/";

	private final FakeState state;

	private final WebhookEvents webhookEvents;

	AdminEndpoints(FakeState state, WebhookEvents webhookEvents) {
		this.state = state;
		this.webhookEvents = webhookEvents;
	}

	static boolean isAdmin(String target) {
		return target.startsWith(PREFIX);
	}

	Response handle(Listener.Incoming in) {
		try {
			URI uri = new URI(in.target());
			String path = uri.getPath() == null ? "" : uri.getPath();
			String[] s = path.substring(PREFIX.length()).split("/");
			String body = new String(in.body(), StandardCharsets.UTF_8);
			return route(in.method(), s, uri.getRawQuery(), body);
		}
		catch (URISyntaxException | NumberFormatException e) {
			return error(400, "Malformed admin request: " + e.getMessage());
		}
		catch (JacksonException e) {
			return error(400, "The body must be JSON such as {\"url\": \"http://localhost:8080/discord/events\"}.");
		}
		catch (IllegalArgumentException e) {
			return error(400, String.valueOf(e.getMessage()));
		}
		catch (IllegalStateException e) {
			return error(409, String.valueOf(e.getMessage()));
		}
	}

	private Response route(String method, String[] s, @Nullable String query, String body) {
		if (s.length >= 2 && s[0].equals("guilds")) {
			return guilds(method, s);
		}
		if (s.length == 3 && s[0].equals("users") && s[2].equals("deauthorize")) {
			return method.equals("POST") ? deauthorize(Long.parseLong(s[1])) : methodNotAllowed();
		}
		if (s[0].equals("webhook-events")) {
			return webhookEvents(method, s, query, body);
		}
		return error(404, "Unknown admin route; see docs/fake-discord.md, \"Changing the fake while an app runs\".");
	}

	// ------------------------------------------------------------------------------------------
	// guilds

	private Response guilds(String method, String[] s) {
		long guildId = Long.parseLong(s[1]);
		FakeGuild guild = this.state.guild(guildId);
		if (guild == null) {
			return error(404, "Unknown guild " + guildId + ".");
		}
		GuildHandle handle = new GuildHandle(this.state, guild);
		if (s.length == 2) {
			return method.equals("GET") ? Response.json(200, guildView(handle)) : methodNotAllowed();
		}
		if (s.length < 4 || !s[2].equals("members")) {
			return error(404, "Unknown admin route.");
		}
		long userId = Long.parseLong(s[3]);
		if (this.state.user(userId) == null) {
			return error(404, "Unknown user " + userId + ": only seeded users can be members.");
		}
		MemberHandle member = handle.member(userId);
		if (s.length == 4) {
			switch (method) {
				case "GET":
					return member.isMember() ? Response.json(200, memberView(member))
							: error(404, "User " + userId + " is not a member of guild " + guildId + ".");
				case "PUT":
					if (member.isMember()) {
						return Response.noContent();
					}
					return Response.json(201, memberView(handle.addMember(userId)));
				case "DELETE":
					return handle.removeMember(userId) ? Response.noContent()
							: error(404, "User " + userId + " is not a member of guild " + guildId + ".");
				default:
					return methodNotAllowed();
			}
		}
		if (s.length == 6 && s[4].equals("roles")) {
			long roleId = Long.parseLong(s[5]);
			switch (method) {
				case "PUT":
					member.grantRole(roleId);
					return Response.noContent();
				case "DELETE":
					member.revokeRole(roleId);
					return Response.noContent();
				default:
					return methodNotAllowed();
			}
		}
		return error(404, "Unknown admin route.");
	}

	private Json.Obj guildView(GuildHandle guild) {
		List<Object> members = new ArrayList<>();
		for (Long id : guild.memberIds()) {
			members.add(memberView(guild.member(id)));
		}
		return Json.obj()
			.with("id", Long.toString(guild.id()))
			.with("name", guild.guild().name())
			.with("owner_id", Long.toString(guild.guild().ownerId()))
			.with("roles", guild.roles().stream().map(Views::role).toList())
			.with("members", members);
	}

	private static Json.Obj memberView(MemberHandle member) {
		return Json.obj()
			.with("user_id", Long.toString(member.userId()))
			.with("roles", member.roles().stream().map(r -> Long.toString(r)).toList())
			.with("permissions", member.permissions());
	}

	private Response deauthorize(long userId) {
		if (this.state.user(userId) == null) {
			return error(404, "Unknown user " + userId + ".");
		}
		boolean authorized = FakeDiscord.deauthorize(this.state, this.webhookEvents, userId);
		return Response.json(200, Json.obj().with("deauthorized", authorized));
	}

	// ------------------------------------------------------------------------------------------
	// webhook events

	private Response webhookEvents(String method, String[] s, @Nullable String query, String body) {
		if (s.length == 1) {
			if (!method.equals("GET")) {
				return methodNotAllowed();
			}
			return Response.json(200,
					Json.obj()
						.with("url", this.webhookEvents.url())
						.with("public_key", this.webhookEvents.publicKey())
						.with("deliveries",
								this.webhookEvents.deliveries().stream().map(AdminEndpoints::deliveryView).toList()));
		}
		if (s.length == 2 && s[1].equals("url")) {
			if (!method.equals("PUT")) {
				return methodNotAllowed();
			}
			Map<String, @Nullable Object> map = Json.asObject(Json.parse(body));
			Object url = map == null ? null : map.get("url");
			if (map == null || !(url == null || url instanceof String)) {
				return error(400, "The body must be {\"url\": \"http://...\"} or {\"url\": null}.");
			}
			this.webhookEvents.url((String) url);
			return Response.noContent();
		}
		if (s.length == 2 && s[1].equals("ping")) {
			if (!method.equals("POST")) {
				return methodNotAllowed();
			}
			boolean invalid = query != null
					&& Request.parseUrlEncoded(query).getOrDefault("invalid_signature", List.of()).contains("true");
			try {
				WebhookEventDelivery delivery = (invalid ? this.webhookEvents.pingWithInvalidSignature()
						: this.webhookEvents.ping())
					.get(10, TimeUnit.SECONDS);
				return Response.json(200, deliveryView(delivery));
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				return error(500, "Interrupted while waiting for the PING's answer.");
			}
			catch (ExecutionException | TimeoutException e) {
				return error(500, "The PING was not delivered: " + e.getMessage());
			}
		}
		return error(404, "Unknown admin route.");
	}

	private static Json.Obj deliveryView(WebhookEventDelivery d) {
		return Json.obj()
			.with("type", d.type())
			.with("url", d.url())
			.with("status", d.status())
			.with("acknowledged", d.acknowledged())
			.with("signature_valid", d.signatureValid())
			.with("failure", d.failure())
			.with("sent_at", Views.timestamp(d.sentAt()))
			.with("body", d.body());
	}

	private static Response methodNotAllowed() {
		return error(405, "Method not allowed on this admin route.");
	}

	private static Response error(int status, String message) {
		return Response.json(status, Json.obj().with("message", message));
	}

}
