package io.github.discordoauth2.test.web;

import java.util.Set;

import io.github.discordoauth2.test.FakeDiscord;
import io.github.discordoauth2.test.FakeUser;
import org.jspecify.annotations.Nullable;

/**
 * Tokens from a running FakeDiscord. A class of its own, loaded only when a test asks for
 * it, as {@code discord-oauth2-test} is an optional dependency.
 */
final class FakeDiscordTokens implements DiscordLoginSpec.TokenIssuer {

	private final FakeDiscord fake;

	FakeDiscordTokens(FakeDiscord fake) {
		this.fake = fake;
	}

	@Override
	public DiscordLoginSpec.IssuedTokens issue(long userId, Set<String> scopes) {
		FakeDiscord.Tokens tokens = this.fake.createToken(userId, scopes);
		return new DiscordLoginSpec.IssuedTokens(tokens.accessToken(), tokens.refreshToken());
	}

	@Override
	public @Nullable String username(long userId) {
		return this.fake.user(userId).map(FakeUser::username).orElse(null);
	}

	@Override
	public @Nullable String globalName(long userId) {
		return this.fake.user(userId).map(FakeUser::globalName).orElse(null);
	}

}
