package io.github.discordoauth2.samples.demo;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the demo itself ({@code demo.*}); Discord settings live under
 * {@code discord.oauth2.*}.
 *
 * @param embedded whether the app talks to the embedded FakeDiscord (set by
 * {@link DemoModeEnvironmentPostProcessor}, not by users)
 * @param discordUrl where the Discord the app talks to lives, shown in the page footer
 * @param joinGuildId server that the "join our server" page adds the user to; the bot
 * must be in it
 * @param joinGuildName name of that server, shown before the user has joined it
 * @param autoApprove whether the embedded FakeDiscord skips its consent screen (scripted
 * tests only)
 * @param platformName name shown on the user's profile for the linked-roles connection
 * @param fakeDiscordPort port of the embedded FakeDiscord in demo mode; 0 picks a free
 * one
 * @param ownerId the Discord user who may register the linked-roles metadata records and
 * sync everyone; when not set, the application's owner as Discord reports it
 * @param membersGuildId server whose members may open the members page (its membership
 * and roles become authorities); none when not set
 * @param membersGuildName name of that server, for the pages
 * @param moderatorRoleId role in that server that opens the moderators page (mapped to
 * {@code ROLE_MODERATOR}); none when not set
 */
@ConfigurationProperties("demo")
public record DemoProperties(boolean embedded, @Nullable String discordUrl, @Nullable Long joinGuildId,
		@Nullable String joinGuildName, boolean autoApprove, @Nullable String platformName, int fakeDiscordPort,
		@Nullable Long ownerId, @Nullable Long membersGuildId, @Nullable String membersGuildName,
		@Nullable Long moderatorRoleId) {

	/**
	 * Name of the members' server, for the pages.
	 * @return the configured name, or its id
	 */
	public String membersGuildNameOrId() {
		return this.membersGuildName == null || this.membersGuildName.isBlank() ? "server " + this.membersGuildId
				: this.membersGuildName;
	}

	/**
	 * Name shown on the user's Discord profile for the linked-roles connection.
	 * @return the configured name, or a default
	 */
	public String platformNameOrDefault() {
		return this.platformName == null || this.platformName.isBlank() ? "discord-oauth2 demo" : this.platformName;
	}

	/**
	 * Name of the server to join, for the page before the user is a member.
	 * @return the configured name, or a neutral default
	 */
	public String joinGuildNameOrDefault() {
		return this.joinGuildName == null || this.joinGuildName.isBlank() ? "Our server" : this.joinGuildName;
	}
}
