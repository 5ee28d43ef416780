package io.github.discordoauth2.test;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Discord's OAuth2 scopes
 * (https://discord.com/developers/docs/topics/oauth2#shared-resources-oauth2-scopes, plus
 * {@code openid} and the {@code sdk.*} scopes of the Social SDK guides) with the plain
 * words the consent screen shows.
 */
final class Scopes {

	private static final Map<String, String> DESCRIPTIONS = new LinkedHashMap<>();

	static {
		DESCRIPTIONS.put("identify", "Know your username, avatar and banner");
		DESCRIPTIONS.put("email", "Know your email address");
		DESCRIPTIONS.put("connections", "See the accounts you linked to Discord (for example GitHub or Twitch)");
		DESCRIPTIONS.put("guilds", "Know which servers you are in");
		DESCRIPTIONS.put("guilds.join", "Add you to servers");
		DESCRIPTIONS.put("guilds.members.read", "Read your nickname, roles and join date in your servers");
		DESCRIPTIONS.put("role_connections.write", "Update your connection and metadata for this app (linked roles)");
		DESCRIPTIONS.put("bot", "Add a bot to a server");
		DESCRIPTIONS.put("webhook.incoming", "Create a webhook in a server channel");
		DESCRIPTIONS.put("applications.commands", "Create commands");
		DESCRIPTIONS.put("applications.commands.update", "Update its commands (client credentials only)");
		DESCRIPTIONS.put("applications.commands.permissions.update", "Update permissions of its commands");
		DESCRIPTIONS.put("applications.builds.read", "Read build data of its games");
		DESCRIPTIONS.put("applications.builds.upload", "Upload builds of its games");
		DESCRIPTIONS.put("applications.entitlements", "Read entitlements of its games");
		DESCRIPTIONS.put("applications.store.update", "Manage its store listings");
		DESCRIPTIONS.put("activities.read", "See your activities");
		DESCRIPTIONS.put("activities.write", "Update your activity");
		DESCRIPTIONS.put("dm_channels.read", "See your direct message channels");
		DESCRIPTIONS.put("gdm.join", "Join you to group DMs");
		DESCRIPTIONS.put("identify.premium", "Know your Nitro subscription");
		DESCRIPTIONS.put("messages.read", "Read messages from channels you are in (local RPC)");
		DESCRIPTIONS.put("relationships.read", "See your friends");
		DESCRIPTIONS.put("rpc", "Control your local Discord client");
		DESCRIPTIONS.put("rpc.activities.write", "Update your activity through the local client");
		DESCRIPTIONS.put("rpc.notifications.read", "Read your notifications through the local client");
		DESCRIPTIONS.put("rpc.voice.read", "Read your voice settings");
		DESCRIPTIONS.put("rpc.voice.write", "Change your voice settings");
		DESCRIPTIONS.put("voice", "Connect to voice on your behalf");
		DESCRIPTIONS.put("openid", "Sign you in with OpenID Connect");
		DESCRIPTIONS.put("sdk.social_layer", "Use the Social SDK on your behalf");
		DESCRIPTIONS.put("sdk.social_layer_presence", "Show your presence through the Social SDK");
	}

	/**
	 * Scopes that always show the consent screen ("passthrough"), even with prompt=none.
	 */
	static final Set<String> PASSTHROUGH = Set.of("bot", "webhook.incoming");

	/**
	 * Scopes only the client credentials grant may ask for (discord-api-docs PR #2603).
	 */
	static final Set<String> CLIENT_CREDENTIALS_ONLY = Set.of("applications.commands.update");

	private Scopes() {
	}

	static boolean isKnown(String scope) {
		return DESCRIPTIONS.containsKey(scope);
	}

	static String describe(String scope) {
		return DESCRIPTIONS.getOrDefault(scope, scope);
	}

}
