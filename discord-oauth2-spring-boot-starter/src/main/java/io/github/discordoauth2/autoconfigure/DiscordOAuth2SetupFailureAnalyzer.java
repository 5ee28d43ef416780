package io.github.discordoauth2.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a {@link DiscordOAuth2SetupException} in Spring Boot's startup failure report.
 *
 * @since 0.1.0
 */
public final class DiscordOAuth2SetupFailureAnalyzer extends AbstractFailureAnalyzer<DiscordOAuth2SetupException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, DiscordOAuth2SetupException cause) {
		return new FailureAnalysis(cause.description(), cause.action(), cause);
	}

}
