package io.github.discordoauth2.autoconfigure;

import java.util.ArrayList;
import java.util.List;

import io.github.discordoauth2.model.User;
import io.github.discordoauth2.security.DiscordOAuth2User;
import org.junit.jupiter.api.Test;

import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.TypeReference;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.core.io.support.SpringFactoriesLoader;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Specification of {@link DiscordOAuth2RuntimeHints}: what Jackson and session
 * serialization reach by reflection is registered for native images.
 */
class DiscordOAuth2RuntimeHintsTests {

	private final RuntimeHints hints = new RuntimeHints();

	DiscordOAuth2RuntimeHintsTests() {
		// Loaded the way Spring's AOT processing loads it.
		SpringFactoriesLoader.forResourceLocation("META-INF/spring/aot.factories")
			.load(RuntimeHintsRegistrar.class)
			.forEach((registrar) -> registrar.registerHints(this.hints, getClass().getClassLoader()));
	}

	@Test
	void everyModelCanBeBoundByJackson() throws Exception {
		List<String> models = modelTypes();
		assertThat(models).hasSizeGreaterThan(10);
		for (String model : models) {
			assertThat(RuntimeHintsPredicates.reflection()
				.onType(TypeReference.of(model))
				.withMemberCategories(MemberCategory.INVOKE_DECLARED_CONSTRUCTORS)).as(model).accepts(this.hints);
		}
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(User.class, "globalName"))
			.accepts(this.hints);
	}

	@Test
	void discordPrincipalCanBeSerializedIntoASession() {
		assertThat(RuntimeHintsPredicates.serialization().onType(DiscordOAuth2User.class)).accepts(this.hints);
		assertThat(RuntimeHintsPredicates.serialization()
			.onType(TypeReference.of(DiscordOAuth2User.class.getName() + "$SerializedForm"))).accepts(this.hints);
		assertThat(RuntimeHintsPredicates.serialization()
			.onType(TypeReference.of("org.springframework.security.oauth2.core.user.OAuth2UserAuthority")))
			.accepts(this.hints);
		// The time of the last authorities check.
		assertThat(RuntimeHintsPredicates.serialization().onType(TypeReference.of("java.time.Ser")))
			.accepts(this.hints);
	}

	/**
	 * Every record and enum (what Jackson binds) in the core's model package, found on
	 * the class path, so that a new model without hints fails here.
	 */
	private static List<String> modelTypes() throws Exception {
		List<String> names = new ArrayList<>();
		for (Resource resource : new PathMatchingResourcePatternResolver()
			.getResources("classpath*:io/github/discordoauth2/model/*.class")) {
			String file = resource.getFilename();
			if (file != null && !file.contains("$") && !file.equals("package-info.class")) {
				String name = "io.github.discordoauth2.model." + file.substring(0, file.length() - ".class".length());
				Class<?> type = Class.forName(name);
				if (type.isRecord() || type.isEnum()) {
					names.add(name);
				}
			}
		}
		return names;
	}

}
