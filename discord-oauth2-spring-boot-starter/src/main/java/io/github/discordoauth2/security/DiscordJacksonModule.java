package io.github.discordoauth2.security;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import tools.jackson.databind.JacksonModule;
import tools.jackson.databind.jsontype.BasicPolymorphicTypeValidator;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.jackson.SecurityJacksonModule;
import org.springframework.security.jackson.SecurityJacksonModules;

/**
 * Lets Spring Security's Jackson 3 support ({@link SecurityJacksonModules}) write and
 * read the starter's {@link DiscordOAuth2User} principal, e.g. for Spring Session Redis'
 * JSON serialization of the security context. The principal is written as its attributes,
 * authorities and the time its guild and role authorities were last checked; the typed
 * user is rebuilt from the attributes.
 *
 * <pre class="code">
 * JsonMapper mapper = JsonMapper.builder()
 *     .addModules(DiscordJacksonModule.withSecurityModules(getClass().getClassLoader()))
 *     .build();
 * </pre>
 *
 * @since 0.1.0
 */
public final class DiscordJacksonModule extends SecurityJacksonModule {

	/**
	 * Creates the module.
	 */
	public DiscordJacksonModule() {
		super(DiscordJacksonModule.class.getName(), tools.jackson.core.Version.unknownVersion());
	}

	/**
	 * Spring Security's modules found on the class path plus this one, with this one's
	 * type allowed by their polymorphic type validator.
	 * @param loader the class loader to find Spring Security's modules with
	 * @return the modules to register with a {@code JsonMapper}
	 */
	public static List<JacksonModule> withSecurityModules(ClassLoader loader) {
		BasicPolymorphicTypeValidator.Builder types = BasicPolymorphicTypeValidator.builder();
		DiscordJacksonModule discord = new DiscordJacksonModule();
		discord.configurePolymorphicTypeValidator(types);
		List<JacksonModule> modules = new ArrayList<>(SecurityJacksonModules.getModules(loader, types));
		modules.add(discord);
		return modules;
	}

	@Override
	public void configurePolymorphicTypeValidator(BasicPolymorphicTypeValidator.Builder builder) {
		builder.allowIfSubType(DiscordOAuth2User.class);
		// Discord's numbers in the attributes (flags, premium type...), which default
		// typing writes with their class.
		builder.allowIfSubType(Long.class).allowIfSubType(Integer.class).allowIfSubType(Double.class);
	}

	@Override
	public void setupModule(SetupContext context) {
		super.setupModule(context);
		context.setMixIn(DiscordOAuth2User.class, DiscordOAuth2UserMixin.class);
	}

	/**
	 * How Jackson sees {@link DiscordOAuth2User}: its serializable fields and the
	 * constructor that rebuilds it from them (JSON written before the check time existed
	 * reads with {@code null} there).
	 */
	@JsonTypeInfo(use = JsonTypeInfo.Id.CLASS, include = JsonTypeInfo.As.PROPERTY)
	@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
			isGetterVisibility = JsonAutoDetect.Visibility.NONE)
	@JsonIgnoreProperties(value = "user", ignoreUnknown = true)
	abstract static class DiscordOAuth2UserMixin {

		@JsonCreator
		DiscordOAuth2UserMixin(@JsonProperty("attributes") Map<String, Object> attributes,
				@JsonProperty("authorities") Collection<? extends GrantedAuthority> authorities,
				@JsonProperty("authoritiesCheckedAt") Instant authoritiesCheckedAt) {
		}

	}

}
