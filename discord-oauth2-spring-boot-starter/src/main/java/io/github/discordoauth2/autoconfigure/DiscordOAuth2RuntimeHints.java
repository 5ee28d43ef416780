package io.github.discordoauth2.autoconfigure;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;

import io.github.discordoauth2.model.Application;
import io.github.discordoauth2.model.AuthorizationInfo;
import io.github.discordoauth2.model.Connection;
import io.github.discordoauth2.model.Guild;
import io.github.discordoauth2.model.GuildMember;
import io.github.discordoauth2.model.PartialGuild;
import io.github.discordoauth2.model.Permission;
import io.github.discordoauth2.model.Permissions;
import io.github.discordoauth2.model.Role;
import io.github.discordoauth2.model.RoleConnection;
import io.github.discordoauth2.model.RoleConnectionMetadata;
import io.github.discordoauth2.model.RoleConnectionMetadataType;
import io.github.discordoauth2.model.Team;
import io.github.discordoauth2.model.User;
import io.github.discordoauth2.model.Webhook;
import io.github.discordoauth2.security.DiscordOAuth2User;
import org.jspecify.annotations.Nullable;

import org.springframework.aot.hint.BindingReflectionHintsRegistrar;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.TypeReference;
import org.springframework.util.ClassUtils;

/**
 * What a native image needs beyond what it sees: the core's models, which Jackson reads
 * and writes by reflection (records, their components and accessors), and the Discord
 * principal that a session store serializes ({@link DiscordOAuth2User} goes through a
 * private serialized form holding its attributes, authorities and the {@link Instant} of
 * its last authorities check).
 *
 * @since 0.1.0
 */
public final class DiscordOAuth2RuntimeHints implements RuntimeHintsRegistrar {

	/** Every type in {@code io.github.discordoauth2.model}. */
	static final List<Class<?>> MODELS = List.of(Application.class, AuthorizationInfo.class, Connection.class,
			Guild.class, GuildMember.class, PartialGuild.class, Permission.class, Permissions.class, Role.class,
			RoleConnection.class, RoleConnectionMetadata.class, RoleConnectionMetadataType.class, Team.class,
			User.class, Webhook.class);

	private static final String PRINCIPAL_SERIALIZED_FORM = DiscordOAuth2User.class.getName() + "$SerializedForm";

	private static final String[] PRINCIPAL_CONTENTS = {
			"org.springframework.security.oauth2.core.user.OAuth2UserAuthority",
			"org.springframework.security.core.authority.SimpleGrantedAuthority", "java.time.Instant",
			// What Instant writes itself as.
			"java.time.Ser" };

	@Override
	public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
		new BindingReflectionHintsRegistrar().registerReflectionHints(hints.reflection(),
				MODELS.toArray(new Class<?>[0]));
		if (ClassUtils.isPresent("org.springframework.security.oauth2.core.user.OAuth2User", classLoader)) {
			hints.serialization()
				.registerType(DiscordOAuth2User.class)
				.registerType(TypeReference.of(PRINCIPAL_SERIALIZED_FORM));
			for (String type : PRINCIPAL_CONTENTS) {
				hints.serialization().registerType(TypeReference.of(type));
			}
			hints.serialization()
				.registerType(LinkedHashMap.class)
				.registerType(LinkedHashSet.class)
				.registerType(TypeReference.of(Collections.unmodifiableMap(new LinkedHashMap<>()).getClass()))
				.registerType(TypeReference.of(Collections.unmodifiableSet(new LinkedHashSet<>()).getClass()));
		}
	}

}
