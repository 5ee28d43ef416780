package io.github.discordoauth2.test;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Discord's JSON shapes of the seeded objects; snowflakes and permissions are strings.
 */
final class Views {

	private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSxxx");

	private Views() {
	}

	static String timestamp(Instant instant) {
		return TIMESTAMP.format(instant.atOffset(ZoneOffset.UTC));
	}

	/**
	 * The user object; {@code email}/{@code verified} only with the {@code email} scope
	 * and {@code premium_type} only with {@code identify.premium} (Discord's rule since
	 * 2026).
	 */
	static Json.Obj user(FakeUser u, boolean withEmail, boolean withPremium) {
		Json.Obj o = Json.obj()
			.with("id", Long.toString(u.id()))
			.with("username", u.username())
			.with("avatar", u.avatar())
			.with("discriminator", "0")
			.with("public_flags", u.publicFlags())
			.with("flags", u.publicFlags())
			.with("banner", null)
			.with("accent_color", null)
			.with("global_name", u.globalName())
			.with("avatar_decoration_data", null)
			.with("collectibles", null)
			.with("banner_color", null)
			.with("clan", null)
			.with("primary_guild", null)
			.with("mfa_enabled", u.mfaEnabled())
			.with("locale", u.locale());
		if (withPremium) {
			o.with("premium_type", u.premiumType());
		}
		if (withEmail) {
			o.with("email", u.email()).with("verified", u.verified());
		}
		return o;
	}

	/** The user object as other people see it (inside members). */
	static Json.Obj publicUser(FakeUser u) {
		return Json.obj()
			.with("id", Long.toString(u.id()))
			.with("username", u.username())
			.with("avatar", u.avatar())
			.with("discriminator", "0")
			.with("public_flags", u.publicFlags())
			.with("flags", u.publicFlags())
			.with("banner", null)
			.with("accent_color", null)
			.with("global_name", u.globalName())
			.with("avatar_decoration_data", null)
			.with("collectibles", null)
			.with("primary_guild", null);
	}

	static Json.Obj partialGuild(FakeGuild g, boolean owner, String permissions, boolean withCounts) {
		Json.Obj o = Json.obj()
			.with("id", Long.toString(g.id()))
			.with("name", g.name())
			.with("icon", g.icon())
			.with("banner", g.banner())
			.with("owner", owner)
			.with("permissions", permissions)
			.with("features", g.features());
		if (withCounts) {
			o.with("approximate_member_count", g.approximateMemberCount())
				.with("approximate_presence_count", g.approximatePresenceCount());
		}
		return o;
	}

	/**
	 * The role object (Permissions docs, "Role Object"); {@code colors} is the newer
	 * spelling of {@code color}.
	 */
	static Json.Obj role(FakeRole r) {
		return Json.obj()
			.with("id", Long.toString(r.id()))
			.with("name", r.name())
			.with("color", r.color())
			.with("colors",
					Json.obj()
						.with("primary_color", r.color())
						.with("secondary_color", null)
						.with("tertiary_color", null))
			.with("hoist", r.hoist())
			.with("icon", null)
			.with("unicode_emoji", null)
			.with("position", r.position())
			.with("permissions", r.permissions())
			.with("managed", r.managed())
			.with("mentionable", r.mentionable())
			.with("flags", 0);
	}

	/** The guild object sent with a {@code bot} code grant and in webhook events. */
	static Json.Obj fullGuild(FakeGuild g, List<FakeRole> roles) {
		return Json.obj()
			.with("id", Long.toString(g.id()))
			.with("name", g.name())
			.with("icon", g.icon())
			.with("description", null)
			.with("splash", null)
			.with("discovery_splash", null)
			.with("features", g.features())
			.with("banner", g.banner())
			.with("owner_id", Long.toString(g.ownerId()))
			.with("application_id", null)
			.with("region", "deprecated")
			.with("afk_channel_id", null)
			.with("afk_timeout", 300)
			.with("system_channel_id", null)
			.with("widget_enabled", false)
			.with("widget_channel_id", null)
			.with("verification_level", 0)
			.with("roles", roles.stream().map(Views::role).toList())
			.with("default_message_notifications", 0)
			.with("mfa_level", 0)
			.with("explicit_content_filter", 0)
			.with("max_presences", null)
			.with("max_members", 500000)
			.with("vanity_url_code", null)
			.with("premium_tier", 0)
			.with("premium_subscription_count", 0)
			.with("system_channel_flags", 0)
			.with("preferred_locale", "en-US")
			.with("rules_channel_id", null)
			.with("public_updates_channel_id", null)
			.with("emojis", List.of())
			.with("stickers", List.of())
			.with("nsfw_level", 0)
			.with("premium_progress_bar_enabled", false);
	}

	static Json.Obj member(FakeMember m, @Nullable FakeUser user) {
		Json.Obj o = Json.obj()
			.with("avatar", null)
			.with("banner", null)
			.with("communication_disabled_until", null)
			.with("flags", 0)
			.with("joined_at", timestamp(m.joinedAt()))
			.with("nick", m.nick())
			.with("pending", false)
			.with("premium_since", null)
			.with("roles", m.roles().stream().map(r -> Long.toString(r)).toList())
			.with("unusual_dm_activity_until", null);
		if (user != null) {
			o.with("user", publicUser(user));
		}
		return o.with("mute", m.mute()).with("deaf", m.deaf());
	}

	static Json.Obj connection(FakeConnection c) {
		return Json.obj()
			.with("id", c.id())
			.with("name", c.name())
			.with("type", c.type())
			.with("friend_sync", c.friendSync())
			.with("integrations", List.of())
			.with("metadata_visibility", 1)
			.with("revoked", c.revoked())
			.with("show_activity", c.showActivity())
			.with("two_way_link", c.twoWayLink())
			.with("verified", c.verified())
			.with("visibility", c.visibility());
	}

	static Json.Obj metadata(FakeRoleConnectionMetadata m) {
		Json.Obj o = Json.obj()
			.with("type", m.type())
			.with("key", m.key())
			.with("name", m.name())
			.with("description", m.description());
		if (!m.nameLocalizations().isEmpty()) {
			o.with("name_localizations", m.nameLocalizations());
		}
		if (!m.descriptionLocalizations().isEmpty()) {
			o.with("description_localizations", m.descriptionLocalizations());
		}
		return o;
	}

	static Json.Obj roleConnection(@Nullable FakeRoleConnection rc) {
		if (rc == null) {
			return Json.obj().with("platform_name", null).with("platform_username", null).with("metadata", Map.of());
		}
		return Json.obj()
			.with("platform_name", rc.platformName())
			.with("platform_username", rc.platformUsername())
			.with("metadata", rc.metadata());
	}

	static Json.Obj application(long clientId, String name, boolean hasBot, String verifyKey) {
		return Json.obj()
			.with("id", Long.toString(clientId))
			.with("name", name)
			.with("icon", null)
			.with("description", "")
			.with("summary", "")
			.with("type", null)
			.with("hook", true)
			.with("bot_public", hasBot)
			.with("bot_require_code_grant", false)
			.with("verify_key", verifyKey)
			.with("flags", 0);
	}

}
