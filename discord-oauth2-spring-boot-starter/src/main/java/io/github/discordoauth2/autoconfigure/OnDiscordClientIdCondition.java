package io.github.discordoauth2.autoconfigure;

import org.springframework.boot.autoconfigure.condition.ConditionMessage;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * Condition behind {@link ConditionalOnDiscordClientId}.
 *
 */
class OnDiscordClientIdCondition extends SpringBootCondition {

	private static final String PROPERTY = DiscordOAuth2Properties.PREFIX + ".client-id";

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		ConditionMessage.Builder message = ConditionMessage.forCondition(ConditionalOnDiscordClientId.class);
		if (StringUtils.hasText(context.getEnvironment().getProperty(PROPERTY))) {
			return ConditionOutcome.match(message.found("property").items(PROPERTY));
		}
		return ConditionOutcome.noMatch(message.didNotFind("property").items(PROPERTY));
	}

}
