package io.github.discordoauth2.security;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.discordoauth2.exceptions.HttpException;
import io.github.discordoauth2.exceptions.RateLimitedException;
import io.github.discordoauth2.security.DiscordAuthoritiesPolicy.Outcome;
import io.github.discordoauth2.support.MovableClock;
import io.github.discordoauth2.test.DemoData;
import org.assertj.core.data.TemporalUnitOffset;
import org.junit.jupiter.api.Test;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * What both stacks' filters and user services share, on a movable clock and without a web
 * stack: when a user is due, the authentication a check builds, the events it publishes,
 * and the per-instance retry times while Discord fails.
 */
class DiscordAuthoritiesTests {

	private static final long GUILD = DemoData.MEMBER_GUILD_ID;

	private static final long MODERATOR = DemoData.MODERATOR_ROLE_ID;

	private static final long REGULAR = DemoData.REGULAR_ROLE_ID;

	private final MovableClock clock = new MovableClock();

	private final List<Object> events = new ArrayList<>();

	private final DiscordAuthorities authorities = new DiscordAuthorities(DiscordAuthoritiesPolicy.builder()
		.requiredGuilds(List.of(GUILD))
		.roleAuthorities(Map.of(MODERATOR, "ROLE_MODERATOR"))
		.build(), "discord", List.of(), this.clock, this.events::add);

	@Test
	void atLoginTheMemberGetsDiscordAuthoritiesBesideTheirOwnAndTheTimeOfTheCheck() {
		DiscordOAuth2User principal = this.authorities.atLogin(loaded(),
				Outcome.of(DiscordAuthoritiesPolicyTests.standing(GUILD, MODERATOR)));

		assertThat(names(principal.getAuthorities())).containsExactly("SCOPE_identify", "DISCORD_GUILD_" + GUILD,
				"DISCORD_ROLE_" + MODERATOR, "ROLE_MODERATOR");
		assertThat(principal.authoritiesCheckedAt()).isCloseTo(this.clock.instant(), within());
	}

	@Test
	void atLoginANonMemberIsRefusedWithAnOAuth2ErrorWhoseDescriptionIsTheMessage() {
		assertThatExceptionOfType(OAuth2AuthenticationException.class)
			.isThrownBy(() -> this.authorities.atLogin(loaded(), Outcome.of(new DiscordStanding(Map.of(), true))))
			.satisfies((ex) -> {
				assertThat(ex.getError().getErrorCode()).isEqualTo(DiscordAuthoritiesPolicy.GUILD_REQUIRED);
				assertThat(ex.getMessage()).isEqualTo(ex.getError().getDescription())
					.isEqualTo("Membership of the Discord server " + GUILD + " is required to log in.");
			});
	}

	@Test
	void aLoginIsNotDueUntilTheIntervalHasPassedAndThenOnlyOneRequestChecks() {
		OAuth2AuthenticationToken login = login(DiscordAuthoritiesPolicyTests.standing(GUILD, MODERATOR));

		assertThat(this.authorities.dueForCheck(login)).isNull();
		this.clock.advance(Duration.ofMinutes(5));
		assertThat(this.authorities.dueForCheck(login)).isSameAs(login);
		assertThat(this.authorities.dueForCheck(login)).as("a second request while the first checks").isNull();
	}

	@Test
	void otherLoginsAndOtherRegistrationsAreNeverDue() {
		OAuth2AuthenticationToken google = new OAuth2AuthenticationToken(loaded(), loaded().getAuthorities(), "google");

		assertThat(this.authorities.dueForCheck(google)).isNull();
		assertThat(this.authorities.dueForCheck(null)).isNull();
	}

	@Test
	void aCheckReplacesOnlyTheDiscordAuthoritiesKeepsTheRestAndPublishesTheChange() {
		OAuth2AuthenticationToken login = login(DiscordAuthoritiesPolicyTests.standing(GUILD, MODERATOR));
		WebAuthenticationDetails details = new WebAuthenticationDetails("127.0.0.1", "session");
		login.setDetails(details);
		this.clock.advance(Duration.ofMinutes(6));
		OAuth2AuthenticationToken due = this.authorities.dueForCheck(login);
		assertThat(due).isNotNull();

		DiscordAuthorities.Result result = this.authorities.apply(due,
				Outcome.of(DiscordAuthoritiesPolicyTests.standing(GUILD, REGULAR)));

		assertThat(result).isInstanceOfSatisfying(DiscordAuthorities.Updated.class, (updated) -> {
			OAuth2AuthenticationToken next = updated.authentication();
			assertThat(names(next.getAuthorities())).containsExactly("SCOPE_identify", "FACTOR_AUTHORIZATION_CODE",
					"DISCORD_GUILD_" + GUILD, "DISCORD_ROLE_" + REGULAR);
			assertThat(names(next.getPrincipal().getAuthorities())).containsExactly("SCOPE_identify",
					"DISCORD_GUILD_" + GUILD, "DISCORD_ROLE_" + REGULAR);
			assertThat(((DiscordOAuth2User) next.getPrincipal()).authoritiesCheckedAt()).isCloseTo(this.clock.instant(),
					within());
			assertThat(next.getDetails()).isSameAs(details);
			assertThat(next.isAuthenticated()).isTrue();
			assertThat(next.getAuthorizedClientRegistrationId()).isEqualTo("discord");
			assertThat(this.authorities.dueForCheck(next)).isNull();
		});
		assertThat(this.events).singleElement()
			.isInstanceOfSatisfying(DiscordAuthoritiesChangedEvent.class, (event) -> {
				assertThat(event.userId()).isEqualTo(DemoData.USER_ID);
				assertThat(event.before()).containsExactly("DISCORD_GUILD_" + GUILD, "DISCORD_ROLE_" + MODERATOR,
						"ROLE_MODERATOR");
				assertThat(event.after()).containsExactly("DISCORD_GUILD_" + GUILD, "DISCORD_ROLE_" + REGULAR);
			});
	}

	@Test
	void anUnchangedStandingRecordsTheNewTimeWithoutAnEvent() {
		OAuth2AuthenticationToken login = login(DiscordAuthoritiesPolicyTests.standing(GUILD, MODERATOR));
		this.clock.advance(Duration.ofMinutes(6));

		DiscordAuthorities.Result result = this.authorities.apply(this.authorities.dueForCheck(login),
				Outcome.of(DiscordAuthoritiesPolicyTests.standing(GUILD, MODERATOR)));

		assertThat(result).isInstanceOf(DiscordAuthorities.Updated.class);
		assertThat(this.events).isEmpty();
	}

	@Test
	void leavingTheRequiredServerEndsTheSessionAndPublishesThatEverythingWentAway() {
		OAuth2AuthenticationToken login = login(DiscordAuthoritiesPolicyTests.standing(GUILD, MODERATOR));
		this.clock.advance(Duration.ofMinutes(6));

		DiscordAuthorities.Result result = this.authorities.apply(this.authorities.dueForCheck(login),
				Outcome.of(new DiscordStanding(Map.of(), true)));

		assertThat(result).isInstanceOfSatisfying(DiscordAuthorities.Ended.class,
				(ended) -> assertThat(ended.reason().getError().getErrorCode())
					.isEqualTo(DiscordAuthoritiesPolicy.GUILD_REQUIRED));
		assertThat(this.events).singleElement()
			.isInstanceOfSatisfying(DiscordAuthoritiesChangedEvent.class,
					(event) -> assertThat(event.after()).isEmpty());
	}

	@Test
	void whileDiscordFailsTheUserIsNotCheckedAgainBeforeTheBackoffAndKeepsTheAuthorities() {
		OAuth2AuthenticationToken login = login(DiscordAuthoritiesPolicyTests.standing(GUILD, MODERATOR));
		this.clock.advance(Duration.ofMinutes(6));

		assertThat(this.authorities.apply(this.authorities.dueForCheck(login),
				Outcome.failed(HttpException.builder(500).message("Discord failed").build())))
			.isInstanceOf(DiscordAuthorities.Unchanged.class);
		this.clock.advance(Duration.ofSeconds(14));
		assertThat(this.authorities.dueForCheck(login)).as("within the first backoff").isNull();
		this.clock.advance(Duration.ofSeconds(2));
		OAuth2AuthenticationToken due = this.authorities.dueForCheck(login);
		assertThat(due).as("after it").isNotNull();

		this.authorities.apply(due, Outcome.failed(HttpException.builder(500).message("Discord failed").build()));
		this.clock.advance(Duration.ofSeconds(29));
		assertThat(this.authorities.dueForCheck(login)).as("the second backoff doubles").isNull();
		this.clock.advance(Duration.ofSeconds(2));
		assertThat(this.authorities.dueForCheck(login)).isNotNull();
		assertThat(this.events).isEmpty();
	}

	@Test
	void aRateLimitedCheckWaitsForDiscordsRetryAfter() {
		OAuth2AuthenticationToken login = login(DiscordAuthoritiesPolicyTests.standing(GUILD, MODERATOR));
		this.clock.advance(Duration.ofMinutes(6));

		this.authorities.apply(this.authorities.dueForCheck(login),
				Outcome.failed(RateLimitedException.builder(Duration.ofSeconds(90))
					.message("slow down")
					.global(false)
					.scope("user")
					.build()));
		this.clock.advance(Duration.ofSeconds(89));
		assertThat(this.authorities.dueForCheck(login)).isNull();
		this.clock.advance(Duration.ofSeconds(2));
		assertThat(this.authorities.dueForCheck(login)).isNotNull();
	}

	@Test
	void pastMaxStaleAFailureDropsTheDiscordAuthoritiesAndSaysSo() {
		OAuth2AuthenticationToken login = login(DiscordAuthoritiesPolicyTests.standing(GUILD, MODERATOR));
		this.clock.advance(Duration.ofHours(2));

		DiscordAuthorities.Result result = this.authorities.apply(this.authorities.dueForCheck(login),
				Outcome.failed(HttpException.builder(500).message("Discord failed").build()));

		assertThat(result).isInstanceOfSatisfying(DiscordAuthorities.Updated.class, (updated) -> {
			assertThat(names(updated.authentication().getAuthorities())).containsExactly("SCOPE_identify",
					"FACTOR_AUTHORIZATION_CODE");
			assertThat(((DiscordOAuth2User) updated.authentication().getPrincipal()).authoritiesCheckedAt())
				.as("the last successful check stays")
				.isEqualTo(((DiscordOAuth2User) login.getPrincipal()).authoritiesCheckedAt());
		});
		assertThat(this.events).singleElement()
			.isInstanceOfSatisfying(DiscordAuthoritiesChangedEvent.class,
					(event) -> assertThat(event.after()).isEmpty());
	}

	@Test
	void theRetryTimesPerInstanceAreBounded() {
		DiscordAuthorities small = new DiscordAuthorities(
				DiscordAuthoritiesPolicy.builder().guilds(List.of(GUILD)).build(), "discord", List.of(), this.clock,
				this.events::add, 3);
		for (long user = 1; user <= 10; user++) {
			OAuth2AuthenticationToken login = new OAuth2AuthenticationToken(user(user), Set.of(), "discord");
			OAuth2AuthenticationToken due = small.dueForCheck(login);
			assertThat(due).isNotNull();
			small.apply(due, Outcome.failed(HttpException.builder(500).message("Discord failed").build()));
		}
		assertThat(small.trackedUsers()).isLessThanOrEqualTo(3);
	}

	private OAuth2AuthenticationToken login(DiscordStanding standing) {
		DiscordOAuth2User principal = this.authorities.atLogin(loaded(), Outcome.of(standing));
		List<GrantedAuthority> authorities = new ArrayList<>(principal.getAuthorities());
		// What Spring Security 7 adds to the authentication of an authorization code
		// login.
		authorities.add(1, new SimpleGrantedAuthority("FACTOR_AUTHORIZATION_CODE"));
		return new OAuth2AuthenticationToken(principal, authorities, "discord");
	}

	private static DiscordOAuth2User loaded() {
		return user(DemoData.USER_ID);
	}

	private static DiscordOAuth2User user(long id) {
		return new DiscordOAuth2User(Map.of("id", Long.toString(id), "username", "user" + id, "discriminator", "0"),
				List.of(new SimpleGrantedAuthority("SCOPE_identify")));
	}

	private static List<String> names(Collection<? extends GrantedAuthority> authorities) {
		return authorities.stream().map(GrantedAuthority::getAuthority).toList();
	}

	private static TemporalUnitOffset within() {
		return org.assertj.core.api.Assertions.within(1, ChronoUnit.SECONDS);
	}

}
