package io.github.discordoauth2.benchmarks;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import io.github.discordoauth2.security.DiscordAuthorities;
import io.github.discordoauth2.security.DiscordAuthoritiesPolicy;
import io.github.discordoauth2.security.DiscordOAuth2User;
import io.github.discordoauth2.security.DiscordStanding;
import io.github.discordoauth2.test.DemoData;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;

/**
 * What the filter that keeps Discord authorities fresh does on every request between
 * checks: {@link DiscordAuthorities#dueForCheck} for a Discord login checked a moment ago
 * (a clock read and a comparison), and for another kind of login (type checks only).
 * {@code clockOnly} is the system clock read alone, for scale.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class AuthoritiesFastPathBenchmark {

	private final Clock clock = Clock.systemUTC();

	private DiscordAuthorities authorities;

	private Authentication discordLogin;

	private Authentication formLogin;

	@Setup
	public void setUp() {
		this.authorities = new DiscordAuthorities(DiscordAuthoritiesPolicy.builder()
			.guilds(List.of(DemoData.MEMBER_GUILD_ID))
			.roleAuthorities(Map.of(DemoData.MODERATOR_ROLE_ID, "ROLE_MODERATOR"))
			.build(), "discord", List.of(), this.clock, (event) -> {
			});
		DiscordOAuth2User loaded = new DiscordOAuth2User(
				Map.of("id", Long.toString(DemoData.USER_ID), "username", DemoData.USERNAME, "discriminator", "0"),
				List.of(new SimpleGrantedAuthority("SCOPE_identify")));
		DiscordOAuth2User principal = this.authorities.atLogin(loaded, DiscordAuthoritiesPolicy.Outcome
			.of(new DiscordStanding(Map.of(DemoData.MEMBER_GUILD_ID, Set.of(DemoData.MODERATOR_ROLE_ID)), true)));
		this.discordLogin = new OAuth2AuthenticationToken(principal, principal.getAuthorities(), "discord");
		this.formLogin = UsernamePasswordAuthenticationToken.authenticated("demo", null,
				List.of(new SimpleGrantedAuthority("ROLE_USER")));
		if (this.authorities.dueForCheck(this.discordLogin) != null) {
			throw new IllegalStateException("a login checked a moment ago must not be due");
		}
	}

	@Benchmark
	public @Nullable Object discordLoginBetweenChecks() {
		return this.authorities.dueForCheck(this.discordLogin);
	}

	@Benchmark
	public @Nullable Object otherLogin() {
		return this.authorities.dueForCheck(this.formLogin);
	}

	@Benchmark
	public Object clockOnly() {
		return this.clock.instant();
	}

}
