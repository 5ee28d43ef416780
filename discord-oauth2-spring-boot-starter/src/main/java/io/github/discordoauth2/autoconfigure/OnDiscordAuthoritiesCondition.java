package io.github.discordoauth2.autoconfigure;

import java.util.List;

import org.springframework.boot.autoconfigure.condition.ConditionMessage;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Condition behind {@link ConditionalOnDiscordAuthorities}: binds the lists as the
 * properties classes will, so that YAML lists, comma-separated values and indexed
 * properties all count.
 *
 */
class OnDiscordAuthoritiesCondition extends SpringBootCondition {

	private static final List<String> LISTS = List.of(DiscordAuthoritiesProperties.PREFIX + ".guilds",
			DiscordOAuth2Properties.PREFIX + ".login.required-guilds",
			DiscordOAuth2Properties.PREFIX + ".login.join-guilds");

	private static final String ROLES = DiscordAuthoritiesProperties.PREFIX + ".roles";

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		ConditionMessage.Builder message = ConditionMessage.forCondition(ConditionalOnDiscordAuthorities.class);
		Binder binder = Binder.get(context.getEnvironment());
		for (String list : LISTS) {
			if (binder.bind(list, Bindable.listOf(String.class)).map((values) -> !values.isEmpty()).orElse(false)) {
				return ConditionOutcome.match(message.found("property").items(list));
			}
		}
		if (binder.bind(ROLES, Bindable.mapOf(String.class, String.class))
			.map((values) -> !values.isEmpty())
			.orElse(false)) {
			return ConditionOutcome.match(message.found("property").items(ROLES));
		}
		return ConditionOutcome.noMatch(message.didNotFind("property").items(LISTS));
	}

}
