package io.github.discordoauth2.linkedroles;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.discordoauth2.AccessToken;
import io.github.discordoauth2.Client;
import io.github.discordoauth2.model.RoleConnectionMetadata;
import io.github.discordoauth2.model.RoleConnectionMetadataType;
import io.github.discordoauth2.security.DiscordOAuth2User;
import io.github.discordoauth2.security.tokens.DiscordTokens;
import io.github.discordoauth2.security.tokens.DiscordTokensRemovedEvent;
import io.github.discordoauth2.security.tokens.UserWalkReport;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The linked-roles application of docs/spring-boot.md ("Linked roles"): metadata records
 * registered at startup, the verification URL, and the nightly job that runs on one
 * instance of several. Its tests run exactly this code.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@EnableScheduling
@Import(LinkedRolesApplication.LinkedRoles.class)
class LinkedRolesApplication {

	@Bean
	Levels players() {
		return new Levels();
	}

	@Bean
	RemovedTokens removedTokens() {
		return new RemovedTokens();
	}

	/** The application's own data about its users. */
	interface Players {

		int levelOf(long discordUserId);

	}

	/** Every player on the same level, which the test raises overnight. */
	static class Levels implements Players {

		final AtomicInteger level = new AtomicInteger(1);

		@Override
		public int levelOf(long discordUserId) {
			return this.level.get();
		}

	}

	// tag::linked-roles[]
	@RestController
	static class LinkedRoles {

		private final Client client;

		private final DiscordTokens tokens;

		private final Players players;

		LinkedRoles(Client client, DiscordTokens tokens, Players players) {
			this.client = client;
			this.tokens = tokens;
			this.players = players;
		}

		// Once at startup, with the bot token. Discord replaces the whole list, so
		// every start of every instance may do it.
		@EventListener(ApplicationReadyEvent.class)
		void registerMetadata() {
			this.client.updateLinkedRolesMetadata(List.of(
					new RoleConnectionMetadata(RoleConnectionMetadataType.INTEGER_GREATER_THAN_OR_EQUAL, "level",
							"Level", "Minimum level in the game"),
					new RoleConnectionMetadata(RoleConnectionMetadataType.BOOLEAN_EQUAL, "player", "Player",
							"Plays the game")));
		}

		// The "Linked Roles Verification URL" in the developer portal: Discord sends
		// the user here from the server's Linked Roles; taking an AccessToken logs them
		// in first, with role_connections.write.
		@GetMapping("/linked-roles")
		String verify(@AuthenticationPrincipal DiscordOAuth2User user, AccessToken token) {
			writeRoleConnection(user.id(), token);
			return "Your roles are up to date; you can go back to Discord.";
		}

		// Every night at 3, on one of the application's instances: the others find the
		// lease taken. Users who removed the app are dropped on the way.
		@Scheduled(cron = "${linked-roles.sync-cron:0 0 3 * * *}")
		Optional<UserWalkReport> syncAll() {
			return this.tokens.forEachTokenOnce("linked-roles-sync", Duration.ofHours(1), 500,
					this::writeRoleConnection);
		}

		void writeRoleConnection(long userId, AccessToken token) {
			token.updateMetadata("My Game", null, Map.of("level", this.players.levelOf(userId), "player", true));
		}

	}
	// end::linked-roles[]

	/** Records every {@link DiscordTokensRemovedEvent}. */
	static class RemovedTokens {

		final List<DiscordTokensRemovedEvent> events = new CopyOnWriteArrayList<>();

		@EventListener
		void onRemoved(DiscordTokensRemovedEvent event) {
			this.events.add(event);
		}

	}

}
