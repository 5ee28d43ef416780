package io.github.discordoauth2.security;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.discordoauth2.exceptions.HttpException;
import io.github.discordoauth2.exceptions.RateLimitedException;
import io.github.discordoauth2.security.DiscordAuthoritiesPolicy.Decision;
import io.github.discordoauth2.security.DiscordAuthoritiesPolicy.Drop;
import io.github.discordoauth2.security.DiscordAuthoritiesPolicy.Failed;
import io.github.discordoauth2.security.DiscordAuthoritiesPolicy.Keep;
import io.github.discordoauth2.security.DiscordAuthoritiesPolicy.LogOut;
import io.github.discordoauth2.security.DiscordAuthoritiesPolicy.OnFailure;
import io.github.discordoauth2.security.DiscordAuthoritiesPolicy.Outcome;
import io.github.discordoauth2.security.DiscordAuthoritiesPolicy.Replace;
import io.github.discordoauth2.test.DemoData;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The one decision both stacks carry out, on a plain clock: which authorities a standing
 * gives, who may log in, and what a re-read, a failure or a lost token does.
 */
class DiscordAuthoritiesPolicyTests {

	private static final long GUILD = DemoData.MEMBER_GUILD_ID;

	private static final long OTHER_GUILD = DemoData.OWNED_GUILD_ID;

	private static final long MODERATOR = DemoData.MODERATOR_ROLE_ID;

	private static final long REGULAR = DemoData.REGULAR_ROLE_ID;

	private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

	private final DiscordAuthoritiesPolicy policy = DiscordAuthoritiesPolicy.builder()
		.guilds(List.of(GUILD, OTHER_GUILD))
		.roleAuthorities(Map.of(MODERATOR, "ROLE_MODERATOR"))
		.build();

	private final DiscordAuthoritiesPolicy gated = DiscordAuthoritiesPolicy.builder()
		.requiredGuilds(List.of(GUILD))
		.roleAuthorities(Map.of(MODERATOR, "ROLE_MODERATOR"))
		.build();

	@Test
	void aMemberCarriesTheGuildEachRoleHeldThereAndTheMappedNames() {
		assertThat(names(this.policy.authoritiesOf(standing(GUILD, MODERATOR, REGULAR)))).containsExactly(
				"DISCORD_GUILD_" + GUILD, "DISCORD_ROLE_" + MODERATOR, "ROLE_MODERATOR", "DISCORD_ROLE_" + REGULAR);
		assertThat(names(this.policy.authoritiesOf(standing(GUILD, REGULAR)))).containsExactly("DISCORD_GUILD_" + GUILD,
				"DISCORD_ROLE_" + REGULAR);
	}

	@Test
	void aServerTheUserIsNotInAndServersThatAreNotCheckedGiveNothing() {
		Map<Long, Set<Long>> memberships = new LinkedHashMap<>();
		memberships.put(DemoData.JOIN_GUILD_ID, Set.of(MODERATOR));
		assertThat(this.policy.authoritiesOf(new DiscordStanding(memberships, true))).isEmpty();
	}

	@Test
	void onlyGuildRoleAndMappedAuthoritiesCountAsDiscordsAndTheOthersAreNeverTouched() {
		assertThat(this.policy.isDiscordAuthority(new SimpleGrantedAuthority("DISCORD_GUILD_1"))).isTrue();
		assertThat(this.policy.isDiscordAuthority(new SimpleGrantedAuthority("DISCORD_ROLE_1"))).isTrue();
		assertThat(this.policy.isDiscordAuthority(new SimpleGrantedAuthority("ROLE_MODERATOR"))).isTrue();
		assertThat(this.policy.isDiscordAuthority(new SimpleGrantedAuthority("SCOPE_identify"))).isFalse();
		assertThat(this.policy.isDiscordAuthority(new SimpleGrantedAuthority("OAUTH2_USER"))).isFalse();
		assertThat(this.policy.isDiscordAuthority(new SimpleGrantedAuthority("ROLE_MEMBER"))).isFalse();
	}

	@Test
	void authoritiesAreDueWhenNeverReadAndOnceTheIntervalHasPassed() {
		assertThat(this.policy.isDue(null, T0)).isTrue();
		assertThat(this.policy.isDue(T0, T0.plus(Duration.ofMinutes(5)).minusMillis(1))).isFalse();
		assertThat(this.policy.isDue(T0, T0.plus(Duration.ofMinutes(5)))).isTrue();
	}

	@Test
	void aNonMemberOfTheRequiredServerIsRefusedAtLoginWithTheServerNamedInTheReason() {
		Decision decision = this.gated.atLogin(T0, Outcome.of(standing(OTHER_GUILD)));

		assertThat(decision).isInstanceOfSatisfying(LogOut.class, (logOut) -> {
			assertThat(logOut.reason().getErrorCode()).isEqualTo("discord_guild_required");
			assertThat(logOut.reason().getDescription())
				.isEqualTo("Membership of the Discord server " + GUILD + " is required to log in.");
		});
	}

	@Test
	void membershipOfAnyOneRequiredServerIsEnough() {
		DiscordAuthoritiesPolicy either = DiscordAuthoritiesPolicy.builder()
			.requiredGuilds(List.of(GUILD, OTHER_GUILD))
			.build();

		assertThat(either.atLogin(T0, Outcome.of(standing(OTHER_GUILD)))).isInstanceOf(Replace.class);
		assertThat(either.atLogin(T0, Outcome.of(new DiscordStanding(Map.of(), true)))).isInstanceOfSatisfying(
				LogOut.class,
				(logOut) -> assertThat(logOut.reason().getDescription())
					.isEqualTo("Membership of one of the Discord servers " + GUILD + ", " + OTHER_GUILD
							+ " is required to log in."));
	}

	@Test
	void aMemberLogsInWithTheAuthoritiesAndTheTimeOfTheCheck() {
		Decision decision = this.gated.atLogin(T0, Outcome.of(standing(GUILD, MODERATOR)));

		assertThat(decision).isInstanceOfSatisfying(Replace.class, (replace) -> {
			assertThat(replace.checkedAt()).isEqualTo(T0);
			assertThat(names(replace.authorities())).containsExactly("DISCORD_GUILD_" + GUILD,
					"DISCORD_ROLE_" + MODERATOR, "ROLE_MODERATOR");
		});
	}

	@Test
	void whenDiscordFailsAtLoginTheGateStaysClosedAndWithoutAGateTheUserLogsInWithoutDiscordAuthorities() {
		Outcome failed = Outcome.failed(HttpException.builder(500).message("Discord failed").build());

		assertThat(this.gated.atLogin(T0, failed)).isInstanceOfSatisfying(LogOut.class,
				(logOut) -> assertThat(logOut.reason().getErrorCode()).isEqualTo("discord_guild_check_failed"));
		assertThat(this.policy.atLogin(T0, failed)).isInstanceOf(Drop.class);
	}

	@Test
	void aReReadReplacesTheAuthoritiesWhateverTheyWere() {
		DiscordOAuth2User checked = principal(T0);
		Instant later = T0.plus(Duration.ofMinutes(6));

		Decision decision = this.gated.decide(checked, later, Outcome.of(standing(GUILD, REGULAR)));

		assertThat(decision).isInstanceOfSatisfying(Replace.class, (replace) -> {
			assertThat(replace.checkedAt()).isEqualTo(later);
			assertThat(names(replace.authorities())).containsExactly("DISCORD_GUILD_" + GUILD,
					"DISCORD_ROLE_" + REGULAR);
		});
	}

	@Test
	void aUserWhoLeftTheRequiredServerIsLoggedOutWithTheReason() {
		Decision decision = this.gated.decide(principal(T0), T0.plus(Duration.ofMinutes(6)),
				Outcome.of(new DiscordStanding(Map.of(), true)));

		assertThat(decision).isInstanceOfSatisfying(LogOut.class, (logOut) -> {
			assertThat(logOut.reason().getErrorCode()).isEqualTo("discord_guild_required");
			assertThat(logOut.reason().getDescription()).startsWith(
					"You are no longer a member of the Discord server " + GUILD + ", which this site requires.");
		});
	}

	@Test
	void withoutARequiredServerLeavingOnlyTakesTheAuthoritiesAway() {
		Decision decision = this.policy.decide(principal(T0), T0.plus(Duration.ofMinutes(6)),
				Outcome.of(new DiscordStanding(Map.of(), true)));

		assertThat(decision).isInstanceOfSatisfying(Replace.class,
				(replace) -> assertThat(replace.authorities()).isEmpty());
	}

	@Test
	void aUserWithoutAWorkingTokenIsLoggedOutWithTheReason() {
		assertThat(this.policy.decide(principal(T0), T0.plus(Duration.ofMinutes(6)), Outcome.noToken()))
			.isInstanceOfSatisfying(LogOut.class, (logOut) -> {
				assertThat(logOut.reason().getErrorCode()).isEqualTo("discord_authorization_ended");
				assertThat(logOut.reason().getDescription()).contains("Log in again");
			});
	}

	@Test
	void aUserWhoDidNotLetTheAppSeeTheirServersHasNoDiscordAuthoritiesAndMeetsNoGate() {
		Instant later = T0.plus(Duration.ofMinutes(6));

		assertThat(this.policy.atLogin(T0, Outcome.notGranted())).isInstanceOfSatisfying(Replace.class,
				(replace) -> assertThat(replace.authorities()).isEmpty());
		assertThat(this.policy.decide(principal(T0), later, Outcome.notGranted()))
			.as("no log-out loop: nothing changes until the next login")
			.isInstanceOfSatisfying(Replace.class, (replace) -> assertThat(replace.checkedAt()).isEqualTo(later));
		assertThat(this.gated.atLogin(T0, Outcome.notGranted())).isInstanceOfSatisfying(LogOut.class,
				(logOut) -> assertThat(logOut.reason().getDescription()).contains("did not allow it"));
	}

	@Test
	void underKeepAFailureKeepsTheLastKnownAuthoritiesUpToMaxStaleThenDropsThem() {
		Outcome failed = Outcome.failed(HttpException.builder(500).message("Discord failed").build());

		assertThat(this.policy.decide(principal(T0), T0.plus(Duration.ofMinutes(59)), failed)).isInstanceOf(Keep.class);
		assertThat(this.policy.decide(principal(T0), T0.plus(Duration.ofHours(1)), failed)).isInstanceOf(Drop.class);
		assertThat(this.policy.decide(principal(null), T0, failed)).as("nothing known to keep")
			.isInstanceOf(Drop.class);
	}

	@Test
	void underDenyAFailureDropsTheDiscordAuthoritiesAtOnce() {
		DiscordAuthoritiesPolicy deny = DiscordAuthoritiesPolicy.builder()
			.guilds(List.of(GUILD))
			.onFailure(OnFailure.DENY)
			.build();

		assertThat(deny.decide(principal(T0), T0.plus(Duration.ofMinutes(6)),
				Outcome.failed(HttpException.builder(500).message("Discord failed").build())))
			.isInstanceOf(Drop.class);
	}

	@Test
	void retriesBackOffFromFifteenSecondsDoublingUpToTheIntervalAndNeverBeforeRetryAfter() {
		assertThat(this.policy.nextAttempt(T0, 1, null)).isEqualTo(T0.plusSeconds(15));
		assertThat(this.policy.nextAttempt(T0, 2, null)).isEqualTo(T0.plusSeconds(30));
		assertThat(this.policy.nextAttempt(T0, 5, null)).isEqualTo(T0.plusSeconds(240));
		assertThat(this.policy.nextAttempt(T0, 6, null)).isEqualTo(T0.plus(Duration.ofMinutes(5)));
		assertThat(this.policy.nextAttempt(T0, 60, null)).isEqualTo(T0.plus(Duration.ofMinutes(5)));
		assertThat(this.policy.nextAttempt(T0, 1, Duration.ofSeconds(42))).isEqualTo(T0.plusSeconds(42));
	}

	@Test
	void aRateLimitCarriesDiscordsRetryAfterAndARefusedTokenMeansNoToken() {
		Outcome rateLimited = Outcome.failed(RateLimitedException.builder(Duration.ofSeconds(42))
			.message("slow down")
			.global(false)
			.bucket("bucket")
			.scope("user")
			.build());

		assertThat(rateLimited).isInstanceOfSatisfying(Failed.class,
				(failed) -> assertThat(failed.retryAfter()).isEqualTo(Duration.ofSeconds(42)));
		assertThat(DiscordStandingReader.failure(HttpException.builder(401).message("Unauthorized").build()))
			.isInstanceOf(DiscordAuthoritiesPolicy.NoToken.class);
		assertThat(DiscordStandingReader.failure(HttpException.builder(502).message("Bad gateway").build()))
			.isInstanceOf(Failed.class);
	}

	@Test
	void settingsThatCannotWorkAreRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> DiscordAuthoritiesPolicy.builder().guilds(List.of(0L)));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> DiscordAuthoritiesPolicy.builder().roleAuthorities(Map.of(MODERATOR, " ")));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> DiscordAuthoritiesPolicy.builder().refreshInterval(Duration.ZERO));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> DiscordAuthoritiesPolicy.builder().maxStale(Duration.ofSeconds(-1)));
	}

	static DiscordStanding standing(long guild, Long... roles) {
		return new DiscordStanding(Map.of(guild, Set.of(roles)), true);
	}

	static DiscordOAuth2User principal(@Nullable Instant checkedAt) {
		Map<String, Object> attributes = Map.of("id", Long.toString(DemoData.USER_ID), "username", DemoData.USERNAME,
				"discriminator", "0");
		return new DiscordOAuth2User(attributes, List.of(new SimpleGrantedAuthority("SCOPE_identify"),
				new SimpleGrantedAuthority("DISCORD_GUILD_" + GUILD)), checkedAt);
	}

	static List<String> names(Set<GrantedAuthority> authorities) {
		return authorities.stream().map(GrantedAuthority::getAuthority).toList();
	}

}
