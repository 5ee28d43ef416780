package io.github.discordoauth2.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a {@link DiscordOAuth2ConfigurationException} in Spring Boot's startup failure
 * report: which {@code discord.oauth2.*} property is wrong and what to write instead.
 *
 * @since 0.1.0
 */
public final class DiscordOAuth2FailureAnalyzer extends AbstractFailureAnalyzer<DiscordOAuth2ConfigurationException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, DiscordOAuth2ConfigurationException cause) {
		String description = "Discord OAuth2 is misconfigured: the property '" + cause.property() + "' "
				+ cause.problem() + ".";
		return new FailureAnalysis(description, cause.action(), cause);
	}

}
