package io.github.discordoauth2.samples.demo;

import io.github.discordoauth2.autoconfigure.DiscordOAuth2Properties;
import io.github.discordoauth2.security.DiscordOAuth2User;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * Who owns the Discord application, and so may replace its linked-roles metadata records
 * (with the bot token) and sync every user: {@code demo.owner-id} when set, else the
 * owner Discord reports for the bot's application ({@code GET /oauth2/applications/@me},
 * for a team-owned app the team's owner), asked once.
 */
@Component
final class ApplicationOwner {

	private final DemoProperties demo;

	private final DiscordOAuth2Properties discord;

	private volatile @Nullable Long owner;

	ApplicationOwner(DemoProperties demo, DiscordOAuth2Properties discord) {
		this.demo = demo;
		this.discord = discord;
	}

	/** Whether the logged-in user owns the application. */
	boolean isOwner(@Nullable Authentication authentication) {
		if (authentication == null || !(authentication.getPrincipal() instanceof DiscordOAuth2User user)) {
			return false;
		}
		Long id = ownerId();
		return id != null && id == user.id();
	}

	private @Nullable Long ownerId() {
		Long configured = demo.ownerId();
		if (configured != null) {
			return configured;
		}
		Long known = owner;
		if (known == null && discord.getBotToken() != null && !discord.getBotToken().isBlank()) {
			known = fetchOwner(discord.getBotToken());
			owner = known;
		}
		return known;
	}

	/**
	 * The core client's {@code Application} model has no owner field yet, so the demo
	 * reads {@code owner.id} (or {@code team.owner_user_id}) from the JSON itself.
	 */
	@SuppressWarnings("unchecked")
	private @Nullable Long fetchOwner(String botToken) {
		Map<String, Object> application;
		try {
			application = RestClient.create()
				.get()
				.uri(discord.getBaseUrl().strip() + "/api/v10/oauth2/applications/@me")
				.header("Authorization", "Bot " + botToken.strip())
				.retrieve()
				.body(Map.class);
		}
		catch (RestClientException ex) {
			// Bot token refused or Discord unreachable: nobody counts as the owner for
			// now,
			// and the next page asks again.
			return null;
		}
		if (application == null) {
			return null;
		}
		if (application.get("team") instanceof Map<?, ?> team && team.get("owner_user_id") != null) {
			return Long.parseLong(team.get("owner_user_id").toString());
		}
		if (application.get("owner") instanceof Map<?, ?> ownerUser && ownerUser.get("id") != null) {
			return Long.parseLong(ownerUser.get("id").toString());
		}
		return null;
	}

}
