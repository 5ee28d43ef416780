package io.github.discordoauth2.autoconfigure;

import java.util.List;
import java.util.function.Supplier;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.util.function.SingletonSupplier;

/**
 * Finds the application's own bean of one of Spring Security's global types (a user
 * service, a token response client) for the Discord adapters to hand every other
 * registration to, so that defining one for Google does not remove Discord's.
 * <p>
 * Public only for the starter's stack-specific auto-configurations; not an API to build
 * on.
 *
 * @since 0.1.0
 */
public final class ApplicationDelegates {

	private ApplicationDelegates() {
	}

	/**
	 * The application's one bean of the type that is not the Discord adapter itself, or
	 * Spring Security's default when it has none (or several, where Spring Security would
	 * not pick one either). Looked up on first use, as the beans may depend on each
	 * other.
	 * @param <T> the global type
	 * @param beans every bean of the global type, the Discord adapter included
	 * @param discordType the Discord adapter's class
	 * @param springDefault Spring Security's own implementation
	 * @return a supplier of the delegate
	 */
	public static <T> Supplier<T> of(ObjectProvider<T> beans, Class<?> discordType, Supplier<T> springDefault) {
		return SingletonSupplier.of(() -> {
			List<T> candidates = beans.orderedStream().filter((bean) -> !discordType.isInstance(bean)).toList();
			return (candidates.size() == 1) ? candidates.get(0) : springDefault.get();
		});
	}

}
